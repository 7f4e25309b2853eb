/** Being written in this change. */
export function StarRatingsPage() {
  return null;
}
