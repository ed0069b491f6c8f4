// The index of licence-group changes read from the site's audit log: one state record (how far back and up to
// when it is complete, and a read under way) and one small record per user, so a sweep of 100,000 users reads
// the audit log once per catch-up instead of once per user.
import { kvs } from '@forge/kvs';
import { getAll, setAll } from './bulk-storage';
import { KEY } from './keys';

/**
 * Users' records expire this long after their last change (Forge's TTL is at most a year), so the history the
 * index can vouch for never reaches further back than this.
 */
export const USER_GRANTS_TTL_DAYS = 365;

/** A window of the audit log being read, newest record first; `offset` counts records already indexed. */
export interface GrantHistoryReading {
  /** `backfill`: older history for `groups`; `forward`: everything since the last read. */
  readonly purpose: 'backfill' | 'forward';
  /** Lower-case group names whose records this read indexes. */
  readonly groups: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

export interface GrantHistoryState {
  /** Every change up to this time (epoch ms) is indexed for the groups below; null before the first read. */
  readonly until: number | null;
  /** Indexed licence groups by lower-case name, each complete from `since` (epoch ms) to `until`. */
  readonly groups: Readonly<Record<string, { readonly since: number }>>;
  readonly reading: GrantHistoryReading | null;
  readonly updatedAt: number;
}

export interface GroupChanges {
  /** Latest "User added to group" record (epoch ms), or null if none was seen. */
  readonly added: number | null;
  /** Latest "User removed from group" record (epoch ms), or null if none was seen. */
  readonly removed: number | null;
}

export interface UserGrantHistory {
  readonly accountId: string;
  /** By lower-case group name. */
  readonly groups: Readonly<Record<string, GroupChanges>>;
}

export async function getGrantHistoryState(): Promise<GrantHistoryState | undefined> {
  return kvs.get<GrantHistoryState>(KEY.inactivityGrantHistory);
}

export async function putGrantHistoryState(state: GrantHistoryState): Promise<void> {
  await kvs.set(KEY.inactivityGrantHistory, state);
}

/** Stored histories by account id; accounts with no indexed change are absent. */
export async function getUserGrantHistories(
  accountIds: readonly string[],
): Promise<Map<string, UserGrantHistory>> {
  const found = await getAll<UserGrantHistory>(
    accountIds.map((id) => ({ key: KEY.inactivityUserGrants(id) })),
  );
  return new Map([...found.values()].map((history) => [history.accountId, history]));
}

export async function putUserGrantHistories(histories: readonly UserGrantHistory[]): Promise<void> {
  await setAll(
    histories.map((history) => ({
      key: KEY.inactivityUserGrants(history.accountId),
      value: history,
      options: { ttl: { value: USER_GRANTS_TTL_DAYS, unit: 'DAYS' as const } },
    })),
  );
}
