// Per-user rows of inactivity runs (custom entity `inactivity-record`): planned/executed actions, detailed enough
// to undo exactly, and notable decisions for reports. Status changes are compare-and-set transactions.
import { kvs, Filter, FilterConditions, Sort, type ForgeKvsAPIError } from '@forge/kvs';
import { setAll } from './bulk-storage';
import { withClientCursor } from './client-cursor';
import { ENTITY, INDEX } from './keys';
import type { ActionRow, ActionRowStatus, DecisionRow, InactivityRecordKind } from './inactivity-run-types';

/** The stored shape: flat, indexed attributes plus the details as JSON text (entity attributes are scalars). */
interface StoredRecord {
  runId: string;
  accountId: string;
  kind: InactivityRecordKind;
  status: string;
  at: number;
  /** Who holds the row while carrying it out ('' when nobody): an attribute, so a transaction can check it. */
  owner: string;
  detail: string;
}

type ActionDetail = Omit<ActionRow, 'runId' | 'accountId' | 'status' | 'at'>;
type DecisionDetail = Pick<DecisionRow, 'entries'>;

const MAX_PAGE = 100;
const MAX_BATCH = 25;
/** Rows outlive the audit log's default retention so a run can be undone for a year. */
const ROW_TTL = { value: 365, unit: 'DAYS' } as const;

const records = () => kvs.entity<StoredRecord>(ENTITY.inactivityRecord);

export function actionRowKey(runId: string, accountId: string): string {
  return `${runId}:a:${accountId}`;
}

export function decisionRowKey(runId: string, accountId: string): string {
  return `${runId}:d:${accountId}`;
}

function isAlreadyExists(e: unknown): boolean {
  return (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';
}

/** A transaction whose condition did not hold: someone else changed the row first. */
function isConditionFailure(e: unknown): boolean {
  const error = e as ForgeKvsAPIError | undefined;
  return (
    typeof error?.code === 'string' &&
    (/CONDITION/i.test(error.code) || error.responseDetails?.status === 409)
  );
}

function toStoredAction(row: ActionRow): StoredRecord {
  const { runId, accountId, status, at, ...detail } = row;
  return {
    runId,
    accountId,
    kind: 'action',
    status,
    at,
    owner: row.claim?.by ?? '',
    detail: JSON.stringify(detail),
  };
}

function fromStoredAction(stored: StoredRecord): ActionRow {
  const detail = JSON.parse(stored.detail) as ActionDetail;
  return {
    ...detail,
    runId: stored.runId,
    accountId: stored.accountId,
    status: stored.status as ActionRowStatus,
    at: stored.at,
  };
}

function fromStoredDecision(stored: StoredRecord): DecisionRow {
  const detail = JSON.parse(stored.detail) as DecisionDetail;
  return {
    runId: stored.runId,
    accountId: stored.accountId,
    status: stored.status as DecisionRow['status'],
    at: stored.at,
    entries: detail.entries,
  };
}

/**
 * Records a planned action row unless the run already has one for this user (a redelivered page): the existing
 * row may have moved on (executing, done), and must never be reset to planned.
 */
export async function createActionRow(row: ActionRow): Promise<'created' | 'already-planned'> {
  try {
    await records().set(actionRowKey(row.runId, row.accountId), toStoredAction(row), {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: ROW_TTL,
    });
    return 'created';
  } catch (e) {
    if (isAlreadyExists(e)) return 'already-planned';
    throw e;
  }
}

export async function getActionRow(runId: string, accountId: string): Promise<ActionRow | undefined> {
  const stored = await records().get(actionRowKey(runId, accountId));
  return stored ? fromStoredAction(stored) : undefined;
}

/**
 * Moves a row to its next state only if it is still in one of `from` and, when `owner` is given, still held by
 * that owner (compare-and-set). False when another delivery got there first: the caller leaves the row alone.
 */
export async function transitionActionRow(
  row: ActionRow,
  from: readonly ActionRowStatus[],
  owner?: string,
): Promise<boolean> {
  const [first, ...rest] = from;
  if (first === undefined) throw new Error('transitionActionRow needs at least one status to move from');
  const set = kvs.transact();
  if (rest.length === 0) {
    let conditions = new Filter<StoredRecord>().and('status', FilterConditions.equalTo(first));
    if (owner !== undefined) conditions = conditions.and('owner', FilterConditions.equalTo(owner));
    set.set(
      actionRowKey(row.runId, row.accountId),
      toStoredAction(row),
      {
        entityName: ENTITY.inactivityRecord,
        conditions,
      },
      { ttl: ROW_TTL },
    );
  } else {
    if (owner !== undefined) throw new Error('transitionActionRow checks an owner only from a single status');
    let conditions = new Filter<StoredRecord>().or('status', FilterConditions.equalTo(first));
    for (const status of rest) conditions = conditions.or('status', FilterConditions.equalTo(status));
    set.set(
      actionRowKey(row.runId, row.accountId),
      toStoredAction(row),
      {
        entityName: ENTITY.inactivityRecord,
        conditions,
      },
      { ttl: ROW_TTL },
    );
  }
  try {
    await set.execute();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export interface RowPage<T> {
  rows: T[];
  cursor?: string;
}

/** A run's action rows in one status, oldest first (the execute and restore steps' work lists). */
export async function actionRowsWithStatus(
  runId: string,
  status: ActionRowStatus,
  options: { limit?: number; cursor?: string } = {},
): Promise<RowPage<ActionRow>> {
  let query = records()
    .query()
    .index(INDEX.inactivityByRunStatus, { partition: [runId, 'action', status] })
    .sort(Sort.ASC)
    .limit(Math.min(options.limit ?? MAX_PAGE, MAX_PAGE));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await withClientCursor(options.cursor, () => query.getMany());
  return {
    rows: page.results.map((r) => fromStoredAction(r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** Every action row of one account (optionally of one run), newest first, up to `max`. */
export async function actionRowsOfAccount(
  accountId: string,
  options: { runId?: string; max?: number } = {},
): Promise<ActionRow[]> {
  const max = options.max ?? 500;
  let filter = new Filter<StoredRecord>().and('kind', FilterConditions.equalTo('action'));
  if (options.runId) filter = filter.and('runId', FilterConditions.equalTo(options.runId));
  const rows: ActionRow[] = [];
  let cursor: string | undefined;
  do {
    let query = records()
      .query()
      .index(INDEX.inactivityByAccount, { partition: [accountId] })
      .filters(filter)
      .sort(Sort.DESC)
      .limit(MAX_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    rows.push(...page.results.map((r) => fromStoredAction(r.value)));
    cursor = page.nextCursor;
  } while (cursor && rows.length < max);
  return rows.slice(0, max);
}

/** Writes one page's decision rows; rewriting the same rows (a redelivered page) changes nothing. */
export async function putDecisionRows(rows: readonly DecisionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += MAX_BATCH) {
    const batch = rows.slice(i, i + MAX_BATCH).map((row) => ({
      entityName: ENTITY.inactivityRecord,
      key: decisionRowKey(row.runId, row.accountId),
      value: {
        runId: row.runId,
        accountId: row.accountId,
        kind: 'decision',
        status: row.status,
        at: row.at,
        owner: '',
        detail: JSON.stringify({ entries: row.entries } satisfies DecisionDetail),
      } satisfies StoredRecord,
      options: { ttl: ROW_TTL },
    }));
    await setAll(batch);
  }
}

/** A run's decision rows, optionally only those with one headline outcome. */
export async function decisionRowsOfRun(
  runId: string,
  options: { outcome?: DecisionRow['status']; limit?: number; cursor?: string } = {},
): Promise<RowPage<DecisionRow>> {
  const base = records().query();
  let query = (
    options.outcome
      ? base.index(INDEX.inactivityByRunStatus, { partition: [runId, 'decision', options.outcome] })
      : base.index(INDEX.inactivityByRunKind, { partition: [runId, 'decision'] })
  )
    .sort(Sort.ASC)
    .limit(Math.min(options.limit ?? MAX_PAGE, MAX_PAGE));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await withClientCursor(options.cursor, () => query.getMany());
  return {
    rows: page.results.map((r) => fromStoredDecision(r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** A run's action rows in any status, oldest first (the run report's action list). */
export async function actionRowsOfRun(
  runId: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<RowPage<ActionRow>> {
  let query = records()
    .query()
    .index(INDEX.inactivityByRunKind, { partition: [runId, 'action'] })
    .sort(Sort.ASC)
    .limit(Math.min(options.limit ?? MAX_PAGE, MAX_PAGE));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await withClientCursor(options.cursor, () => query.getMany());
  return {
    rows: page.results.map((r) => fromStoredAction(r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}
