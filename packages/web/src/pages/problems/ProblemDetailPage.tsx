/** Being written in this change. */
export function ProblemDetailPage() {
  return null;
}
