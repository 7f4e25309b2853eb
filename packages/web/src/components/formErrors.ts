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
  options: { dropLabel?: boolean } = {},
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const name = aliases[error.field] ?? error.field;
  if (!fields.includes(name)) return false;
  form.setFields([{ name, errors: [options.dropLabel ? withoutFieldLabel(error.message) : error.message] }]);
  form.scrollToField(name);
  return true;
}

/**
 * A validation message without the short field label the server puts in front (`地点：请填写活动地点`), for a
 * message shown under the field whose own label already names it.
 */
export function withoutFieldLabel(message: string): string {
  const rest = message.replace(/^[^：\s]{1,10}：/, '');
  return rest === '' ? message : rest;
}
