// Field errors from a reply, looked up by the field a form shows them beside.
import type { ReplyError, ReplyFieldError } from '../../shared/contract';

/** The errors for one field path (`rule.name`), or for anything under it (`rule.grants[0].groupId`). */
export function errorsFor(error: ReplyError | null | undefined, field: string): ReplyFieldError[] {
  if (!error?.fields) return [];
  return error.fields.filter(
    (f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`),
  );
}
