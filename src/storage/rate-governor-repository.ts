// The shared rate governor's state: whether Atlassian told the app to wait, at what pace its budget refills, and
// the users parked until one releaser sends them back in waves that fit that pace.
import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { deleteAll, setAll } from './bulk-storage';
import { KEY } from './keys';

export interface RateGate {
  /** No calls before this time (epoch ms): the longest Retry-After any worker was given. */
  until: number;
  /** Users that fit in one second of the tightest budget seen. */
  usersPerSecond: number;
  /** Users are parked: newcomers park too, so the releaser's waves are not overtaken. */
  backlog: boolean;
}

/**
 * A user waiting for provisioning. The record is also the coalescing marker: while it exists, further notices for
 * the user are absorbed (the run reads the user's attributes when it starts, after the releaser sends it).
 */
export interface ParkedUser {
  accountId: string;
  source: string;
  runId: string;
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

/** Parks a noticed user unless already parked; false means the notice was coalesced into the waiting run. */
export async function claimParked(user: ParkedUser): Promise<boolean> {
  try {
    await kvs.set(KEY.parked(user.accountId), user, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if ((e as ForgeKvsAPIError).code === 'KEY_ALREADY_EXISTS') return false;
    throw e;
  }
}

export async function parkUsers(users: ParkedUser[]): Promise<void> {
  await setAll(users.map((u) => ({ key: KEY.parked(u.accountId), value: u })));
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
  await deleteAll(accountIds.map((id) => ({ key: KEY.parked(id) })));
}

/** One releaser at a time: claimed when it is queued, released when it stops rescheduling itself. */
export async function claimReleaser(ttlSeconds: number): Promise<boolean> {
  // A read first: while a releaser is coming (the usual case in a burst) no write is spent on the claim.
  if ((await kvs.get(KEY.releaserQueued)) !== undefined) return false;
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
