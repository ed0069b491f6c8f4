// The settings form's helpers: ids typed as text (blank means none) and the errors each field owns.
import type { ReplyError, ReplyFieldError } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';

export function idOrNull(typed: string): string | null {
  const trimmed = typed.trim();
  return trimmed === '' ? null : trimmed;
}

/** Errors for a settings field from either `settings.save` or `settings.testConnection` (both send `settings`). */
export function settingsErrors(errors: readonly (ReplyError | null)[], field: string): ReplyFieldError[] {
  return errors.flatMap((e) => errorsFor(e, `settings.${field}`));
}
