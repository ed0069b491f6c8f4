// Forge storage quotas (per installation, per minute): a refused storage call is waited out, not treated as a
// failure. The work it interrupted is idempotent, so it is simply done again once the quota's minute turns.

import { isStorageQuotaError } from '../storage/bulk-storage';

export { isStorageQuotaError };

/** Milliseconds until the next minute, when storage quotas are counted afresh (plus a second of slack). */
export function msUntilQuotaResets(now: number): number {
  return 60_000 - (now % 60_000) + 1_000;
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
