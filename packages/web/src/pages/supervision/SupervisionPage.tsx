/** Being written in this change. */
export function SupervisionPage() {
  return null;
}
