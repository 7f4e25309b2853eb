/** Being written in this change. */
export function ProblemsPage() {
  return null;
}
