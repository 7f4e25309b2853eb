/** Being written in this change. */
export function ProblemStatsPage() {
  return null;
}
