// Small measuring helpers shared by the benchmark scenarios: percentiles, call attribution, invocation limits.
import type { EventChain, ForgePlatform, InvocationRecord } from '../../emulator/platform';
import type { RequestLogEntry } from '../../emulator/site/request-pipeline';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Site calls made by the given invocations. */
export function callsBy(
  log: readonly RequestLogEntry[],
  invocationIds: ReadonlySet<string>,
): RequestLogEntry[] {
  return log.filter((entry) => entry.origin && invocationIds.has(entry.origin.invocationId));
}

/** The invocation that came closest to its Forge time limit, as a ratio of that limit. */
export function longestOverLimit(invocations: readonly InvocationRecord[]): {
  ratio: number;
  moduleKey: string;
  elapsedMs: number;
  limitMs: number;
} {
  let worst = { ratio: 0, moduleKey: '', elapsedMs: 0, limitMs: 0 };
  for (const r of invocations) {
    const ratio = r.elapsedMs / r.limitMs;
    if (ratio > worst.ratio)
      worst = { ratio, moduleKey: r.moduleKey, elapsedMs: r.elapsedMs, limitMs: r.limitMs };
  }
  return worst;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Nominal Atlassian latency for every request: 100–400 ms, charged to the calling invocation. */
export const NOMINAL_LATENCY = { seed: 11, rules: [{ latencyMs: { min: 100, max: 400 } }] };

/** The chain of async events with the most push requests (Forge refuses the 1,001st), and what started it. */
export function longestEventChain(chains: readonly EventChain[]): { pushes: number; root: string } {
  const longest = chains.reduce<EventChain | undefined>(
    (a, b) => (a && a.pushes >= b.pushes ? a : b),
    undefined,
  );
  return { pushes: longest?.pushes ?? 0, root: longest?.root ?? 'none' };
}

/** The app's relay trigger: long runs continue in a new chain of async events through it. */
export const RELAY_SCHEDULE = 'long-runs-every-five-minutes';

/**
 * Delivers queued work until none is left and nothing waits for the relay (`relayPending`), running only the
 * relay among the scheduled triggers (the others would add unrelated work to a measurement).
 */
export async function drainWithRelay(
  platform: ForgePlatform,
  relayPending: () => Promise<boolean>,
  maxMs: number,
): Promise<void> {
  const relay = { scheduled: [RELAY_SCHEDULE] };
  for (;;) {
    await platform.drain({ ...relay, maxMs });
    if (!(await relayPending())) return;
    await platform.advance(5 * 60_000, relay);
  }
}

/** A read: a GET, or the Admin API's user search (a POST that reads). */
export function isRead(entry: RequestLogEntry): boolean {
  return entry.method === 'GET' || (entry.route ?? '').endsWith('/users/search');
}

/** A successful write that gave or took away access (a group membership or a project role). */
export function isGrantWrite(entry: RequestLogEntry): boolean {
  if (isRead(entry) || entry.status >= 300) return false;
  const route = entry.route ?? entry.path.split('?')[0] ?? '';
  return (
    route.startsWith('/rest/api/3/group/user') ||
    route.includes('/groups/{groupId}/memberships') ||
    route.startsWith('/rest/api/3/project/{projectIdOrKey}/role/') ||
    route.startsWith('/wiki/rest/api/group/userByGroupId')
  );
}

/**
 * Calls per user split into reads and writes, and all calls over the grant writes that were needed (the floor a
 * perfect app would reach: no reads, one write per grant).
 */
export function callMix(
  calls: readonly RequestLogEntry[],
  users: number,
  grantWrites = calls.filter(isGrantWrite).length,
): { readCallsPerUser: number; writeCallsPerUser: number; callsPerUserOverGrantFloor: number } {
  const reads = calls.filter(isRead).length;
  return {
    readCallsPerUser: round(reads / Math.max(1, users), 3),
    writeCallsPerUser: round((calls.length - reads) / Math.max(1, users), 3),
    callsPerUserOverGrantFloor: round(calls.length / Math.max(1, grantWrites), 3),
  };
}
