// Building the admin page's replies: success, or a named failure the page can show (never a thrown error).
import { AtlassianApiError } from '../../clients/api-error';
import type { Reply, ReplyErrorKind, ReplyFieldError } from '../../shared/contract';

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value };
}

export function fail<T = never>(kind: ReplyErrorKind, message: string, fields?: ReplyFieldError[]): Reply<T> {
  return { ok: false, error: { kind, message, ...(fields && fields.length > 0 ? { fields } : {}) } };
}

export function invalid<T = never>(fields: ReplyFieldError[], message?: string): Reply<T> {
  return fail(
    'invalid',
    message ??
      `Please correct ${fields.length === 1 ? 'the field' : `${fields.length} fields`}: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  );
}

/**
 * A failure talking to Atlassian as an admin-facing reply: transient ones are 'unavailable' (try again), refusals
 * name the permission, a missing target is 'not-found'. Anything else is not an API failure: undefined.
 */
export function apiFailure<T = never>(e: unknown, what: string): Reply<T> | undefined {
  if (!(e instanceof AtlassianApiError)) return undefined;
  if (e.transient)
    return fail(
      'unavailable',
      `${what} failed because Atlassian is busy or unreachable (${e.status || e.kind}); try again in a minute.`,
    );
  if (e.kind === 'not-found') return fail('not-found', `${what}: not found (${e.message}).`);
  if (e.kind === 'forbidden')
    return fail(
      'unavailable',
      `${what} was refused (${e.status}): the app lacks a permission it needs. ${e.message}`,
    );
  return fail('unavailable', `${what} failed: ${e.message}`);
}
