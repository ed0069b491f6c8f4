// Per-user processing state (custom entity `user-state`): when the app last provisioned someone, and failures.
import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { getAll } from './bulk-storage';
import { ENTITY, INDEX } from './keys';

export type UserProcessingStatus = 'ok' | 'failed' | 'skipped';

export interface UserState {
  accountId: string;
  status: UserProcessingStatus;
  /** Epoch ms of the last finished evaluation. */
  updatedAt: number;
  /** Actionable message when status is failed. */
  message: string;
  /** Rules that matched at the last evaluation. */
  matchedRuleIds: string[];
  /** Where the run came from: event, backstop, daily, push, backfill. */
  source: string;
  runId: string;
}

interface StoredUserState extends Omit<UserState, 'matchedRuleIds'> {
  matchedRuleIds: string;
}

export async function getUserState(accountId: string): Promise<UserState | undefined> {
  const stored = await kvs.entity<StoredUserState>(ENTITY.userState).get(accountId);
  return stored ? { ...stored, matchedRuleIds: JSON.parse(stored.matchedRuleIds) as string[] } : undefined;
}

export async function putUserState(state: UserState): Promise<void> {
  await kvs
    .entity<StoredUserState>(ENTITY.userState)
    .set(state.accountId, { ...state, matchedRuleIds: JSON.stringify(state.matchedRuleIds) });
}

/** Users in a status, most recent first (the admin page's failure list, the daily retry pass). */
export async function usersWithStatus(
  status: UserProcessingStatus,
  options: { limit?: number; cursor?: string } = {},
): Promise<{ states: UserState[]; cursor?: string }> {
  let query = kvs
    .entity<StoredUserState>(ENTITY.userState)
    .query()
    .index(INDEX.userStateByStatus, { partition: [status] })
    .where(WhereConditions.greaterThanEqualTo(0))
    .sort(Sort.DESC)
    .limit(Math.min(options.limit ?? 50, 100));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await query.getMany();
  return {
    states: page.results.map((r) => ({
      ...r.value,
      matchedRuleIds: JSON.parse(r.value.matchedRuleIds) as string[],
    })),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** States of many users at once (25 per storage call); users never processed are absent from the map. */
export async function getUserStates(accountIds: string[]): Promise<Map<string, UserState>> {
  const states = new Map<string, UserState>();
  const found = await getAll<StoredUserState>(
    accountIds.map((key) => ({ key, entityName: ENTITY.userState })),
  );
  for (const [key, value] of found)
    states.set(key, { ...value, matchedRuleIds: JSON.parse(value.matchedRuleIds) as string[] });
  return states;
}
