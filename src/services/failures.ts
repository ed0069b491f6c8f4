// The one place that recognises what went wrong (by error class) and whether trying again later can help; every
// consumer, trigger, scheduled function and resolver decides its retry or reply from this classification.
import { AtlassianApiError, ProxyRefusedError } from '../clients/api-error';
import { isStorageConflict, isStorageQuotaError } from '../storage/storage-errors';
import { ChainLimitError, QueueBusyError } from './runtime-deps';

/** This invocation cannot finish the work in the time Forge leaves it; the work is handed back to run later. */
export class OutOfTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutOfTimeError';
  }
}

/** Another worker holds the work right now (a duplicate delivery); it is tried again once that one is done. */
export class WorkConflictError extends Error {
  constructor(
    message: string,
    /** When the other worker's hold ends at the latest, if known. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'WorkConflictError';
  }
}

export type FailureKind =
  /** Atlassian asked the app to wait (429, or 503 with Retry-After). */
  | 'rate-limited'
  /** Atlassian was unreachable or failing (5xx, timeouts) through the inline retries. */
  | 'unavailable'
  /** Forge's storage quota for this minute is spent. */
  | 'storage-quota'
  /** Forge's queue refused a push (500 events a minute per installation). */
  | 'queue-busy'
  /**
   * Forge refused a push because this chain of async events made 1,000 already. Not transient: a retry runs in
   * the same chain and is refused again; the work must be continued from a new root (the relay).
   */
  | 'chain-limit'
  /** The invocation ran out of time for this work. */
  | 'out-of-time'
  /** Another worker holds the work (a conditional write lost). */
  | 'conflict'
  /** Atlassian or Forge refused in a way retrying will not fix (permissions, missing target, bad request). */
  | 'refused'
  /** A bug or something nobody anticipated. */
  | 'unexpected';

export interface Failure {
  readonly kind: FailureKind;
  /** Trying the same work again later can succeed without anyone acting. */
  readonly transient: boolean;
  /** The wait the refusing party asked for (Retry-After) or knows of, in seconds. */
  readonly retryAfterSeconds?: number;
  readonly message: string;
  readonly error: unknown;
}

const TRANSIENT: ReadonlySet<FailureKind> = new Set([
  'rate-limited',
  'unavailable',
  'storage-quota',
  'queue-busy',
  'out-of-time',
  'conflict',
]);

function failure(kind: FailureKind, error: unknown, retryAfterSeconds?: number): Failure {
  return {
    kind,
    transient: TRANSIENT.has(kind),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    message: error instanceof Error ? error.message : String(error),
    error,
  };
}

export function classify(error: unknown): Failure {
  if (error instanceof AtlassianApiError) {
    if (error.kind === 'rate-limited') return failure('rate-limited', error, error.retryAfterSeconds);
    if (error.kind === 'unavailable') return failure('unavailable', error, error.retryAfterSeconds);
    return failure('refused', error);
  }
  if (error instanceof ProxyRefusedError) return failure('refused', error);
  if (isStorageQuotaError(error)) return failure('storage-quota', error);
  if (error instanceof QueueBusyError) return failure('queue-busy', error);
  if (error instanceof ChainLimitError) return failure('chain-limit', error);
  if (error instanceof OutOfTimeError) return failure('out-of-time', error);
  if (error instanceof WorkConflictError) return failure('conflict', error, error.retryAfterSeconds);
  if (isStorageConflict(error)) return failure('conflict', error);
  return failure('unexpected', error);
}

/**
 * An error as the logs may show it (Forge's logs reach the app's developer): a known failure in the app's own words
 * (with Atlassian's error text for a refused call), anything else by its class and code location only, because its
 * message may quote customer data (JSON.parse quotes its input, a library may echo a value).
 */
export function loggableError(error: unknown): string {
  const known = classify(error);
  if (known.kind !== 'unexpected') return known.message;
  if (!(error instanceof Error)) return `a thrown ${typeof error} (not logged: it may quote customer data)`;
  const frame = error.stack
    ?.split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('at '));
  return `${error.name} (message not logged: it may quote customer data)${frame ? ` ${frame}` : ''}`;
}
