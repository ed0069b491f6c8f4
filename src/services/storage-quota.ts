// Forge storage quotas (per installation: requests a second, units a minute): a refused storage call is waited
// out, not treated as a failure. The work it interrupted is idempotent, so it is simply done again once the
// second, or else the quota's minute, has turned.

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
 * After a first refusal in a minute, how long to wait before trying again: the refusal does not say which quota
 * was met, and the per-second one (work that calls no API, such as users with nothing to change, can reach it)
 * clears in a second. A refusal again in the same minute means the minute's units are spent.
 */
export const PER_SECOND_WAIT_MS = 1_000;

/**
 * Runs `work`; when storage refuses it for quota, waits a second and runs it again, and if refused again within
 * the same minute waits for the next minute, as long as the invocation keeps `reserveMs` in hand. Otherwise the
 * quota error propagates (the caller hands the work back).
 */
export async function withStorageQuota<T>(
  work: () => Promise<T>,
  deps: { now: () => number; sleep: (ms: number) => Promise<void>; remainingMs: () => number },
  reserveMs: number,
): Promise<T> {
  let refusedInMinute: number | undefined;
  for (;;) {
    try {
      return await work();
    } catch (e) {
      if (!isStorageQuotaError(e)) throw e;
      const minute = Math.floor(deps.now() / 60_000);
      const wait = refusedInMinute === minute ? msUntilQuotaResets(deps.now()) : PER_SECOND_WAIT_MS;
      if (deps.remainingMs() - wait < reserveMs) throw e;
      refusedInMinute = minute;
      await deps.sleep(wait);
    }
  }
}
