// The shared rate governor's state: whether Atlassian told the app to wait, at what pace its budget refills, and
// the users parked until one releaser sends them back in waves that fit that pace.
import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { KEY } from './keys';

export interface RateGate {
  /** No calls before this time (epoch ms): the longest Retry-After any worker was given. */
  until: number;
  /** Users that fit in one second of the tightest budget seen. */
  usersPerSecond: number;
  /** Users are parked: newcomers park too, so the releaser's waves are not overtaken. */
  backlog: boolean;
}

export interface ParkedUser {
  accountId: string;
  source: string;
  runId: string;
  releaseMarker: boolean;
  parkedAt: number;
}

export async function getRateGate(): Promise<RateGate | undefined> {
  return kvs.get<RateGate>(KEY.rateGate);
}

/** Closes (or keeps closed) the gate; never shortens a wait and keeps the slowest pace seen. */
export async function closeRateGate(until: number, usersPerSecond: number): Promise<void> {
  const current = await getRateGate();
  await kvs.set(KEY.rateGate, {
    until: Math.max(until, current?.until ?? 0),
    usersPerSecond: Math.max(
      1,
      Math.min(usersPerSecond, current?.backlog ? current.usersPerSecond : Infinity),
    ),
    backlog: true,
  } satisfies RateGate);
}

export async function openRateGate(): Promise<void> {
  await kvs.delete(KEY.rateGate);
}

export async function parkUsers(users: ParkedUser[]): Promise<void> {
  for (let i = 0; i < users.length; i += 25)
    await kvs.batchSet(users.slice(i, i + 25).map((u) => ({ key: KEY.parked(u.accountId), value: u })));
}

/** The oldest-listed parked users (key order), at most `limit`. */
export async function listParked(limit: number): Promise<ParkedUser[]> {
  const out: ParkedUser[] = [];
  let cursor: string | undefined;
  while (out.length < limit) {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(KEY.parkedPrefix))
      .limit(Math.min(100, limit - out.length));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    out.push(...page.results.map((r) => r.value as ParkedUser));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export async function unpark(accountIds: string[]): Promise<void> {
  for (let i = 0; i < accountIds.length; i += 25)
    await kvs.batchDelete(accountIds.slice(i, i + 25).map((id) => ({ key: KEY.parked(id) })));
}

/** One releaser at a time: claimed when it is queued, released when it stops rescheduling itself. */
export async function claimReleaser(ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(KEY.releaserQueued, 1, {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: { value: ttlSeconds, unit: 'SECONDS' },
    });
    return true;
  } catch (e) {
    if ((e as ForgeKvsAPIError).code === 'KEY_ALREADY_EXISTS') return false;
    throw e;
  }
}

export async function releaseReleaser(): Promise<void> {
  await kvs.delete(KEY.releaserQueued);
}
