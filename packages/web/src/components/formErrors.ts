import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts an API error on the form field it names (`error.field`) when that field is one of `fields`
 * (aliases map server field names to form field names). Returns true when the error was placed on a
 * field, false when the caller should show it elsewhere.
 */
export function applyFieldError(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const name = aliases[error.field] ?? error.field;
  if (!fields.includes(name)) return false;
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name);
  return true;
}
