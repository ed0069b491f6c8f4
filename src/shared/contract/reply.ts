// The reply envelope every resolver answers with: resolvers never throw for expected failures (Forge turns throws
// into opaque errors), so the page always gets either a value or a named failure with the fields at fault.
import type { FieldError } from '../validation';

/** A field error; condition errors also say where in the expression (1-based line and column). */
export interface ReplyFieldError extends FieldError {
  line?: number;
  column?: number;
  length?: number;
}

export type ReplyErrorKind = 'forbidden' | 'invalid' | 'not-found' | 'conflict' | 'unavailable' | 'internal';

export interface ReplyError {
  kind: ReplyErrorKind;
  /** A sentence for the admin: what went wrong and what to do. */
  message: string;
  /** For 'invalid': each bad field. */
  fields?: ReplyFieldError[];
  /** Set when the page itself saw the problem (no answer, an answer it cannot read); `message` is then the detail. */
  pageProblem?: 'no-answer' | 'bad-shape';
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };
