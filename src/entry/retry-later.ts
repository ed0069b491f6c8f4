// Asking Forge to deliver an event again later: the only retry a trigger or consumer has (an InvocationError).
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Forge delays a retried event by at most 900 seconds. */
const MAX_RETRY_AFTER_SECONDS = 900;

export function retryLater(seconds: number, note?: string): InvocationError {
  return new InvocationError({
    retryAfter: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds))),
    retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
    ...(note !== undefined ? { retryData: { note: note.slice(0, 500) } } : {}),
  });
}
