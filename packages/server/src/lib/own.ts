/**
 * The value a lookup table holds under its own key — never one inherited from Object.prototype. A key typed by
 * a user (a query, a workbook cell, a field name) such as `constructor`, `toString` or `__proto__` is then simply
 * unknown instead of yielding a function.
 */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
