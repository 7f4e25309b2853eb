/** Being written in this change. */
export function RoundDetailPage() {
  return null;
}
