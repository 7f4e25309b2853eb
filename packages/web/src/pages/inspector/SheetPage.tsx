/** Being written in this change. */
export function SheetPage() {
  return null;
}
