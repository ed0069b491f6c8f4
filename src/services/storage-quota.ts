// Forge storage quotas (per installation, per minute): a refused storage call is waited out, not treated as a
// failure. The work it interrupted is idempotent, so it is simply done again once the quota's minute turns.

import { isStorageQuotaError } from '../storage/storage-errors';

export { isStorageQuotaError };

/** Milliseconds until the next minute, when storage quotas are counted afresh (plus a second of slack). */
export function msUntilQuotaResets(now: number): number {
  return 60_000 - (now % 60_000) + 1_000;
}

/**
 * When to ask Forge to redeliver work that storage refused for quota: just after the quota's minute turns, spread
 * over `spreadSeconds` by `spreadKey` so that work refused together does not all return in the same second (and
 * use up the new minute at once). Whole seconds, as `InvocationError.retryAfter` takes them.
 */
export function quotaRetryAfterSeconds(now: number, spreadKey: string, spreadSeconds = 15): number {
  let hash = 0;
  for (let i = 0; i < spreadKey.length; i++) hash = (hash * 31 + spreadKey.charCodeAt(i)) >>> 0;
  return Math.ceil(msUntilQuotaResets(now) / 1000) + (hash % Math.max(1, spreadSeconds));
}

/**
 * Runs `work`; when storage refuses it for quota, waits for the next minute and runs it again, as long as the
 * invocation keeps `reserveMs` in hand. Otherwise the quota error propagates (the caller hands the work back).
 */
export async function withStorageQuota<T>(
  work: () => Promise<T>,
  deps: { now: () => number; sleep: (ms: number) => Promise<void>; remainingMs: () => number },
  reserveMs: number,
): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (e) {
      const wait = msUntilQuotaResets(deps.now());
      if (!isStorageQuotaError(e) || deps.remainingMs() - wait < reserveMs) throw e;
      await deps.sleep(wait);
    }
  }
}
