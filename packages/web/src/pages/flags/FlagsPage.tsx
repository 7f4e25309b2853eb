/** Being written in this change. */
export function FlagsPage() {
  return null;
}
