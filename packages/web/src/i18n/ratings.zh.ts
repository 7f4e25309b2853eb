/** Chinese messages of the flag-award and star-rating screens (spread into zh). */
export const ratingsZh = {
  'menu.flags': '夺旗争先',
  'menu.starRatings': '星级评定',
} as const satisfies Record<string, string>;
