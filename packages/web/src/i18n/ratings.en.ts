import type { ratingsZh } from './ratings.zh';

/** English messages of the flag-award and star-rating screens (spread into en). */
export const ratingsEn: Record<keyof typeof ratingsZh, string> = {
  'menu.flags': 'Flag awards',
  'menu.starRatings': 'Star ratings',
};
