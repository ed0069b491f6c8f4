// What the app itself granted, per user and grant (custom entity `grant-ledger`), with write-ahead intents so a
// crash between "granted on the site" and "recorded here" is finished, not forgotten, on the next run.
import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import type { AttributeBasis } from '../domain/access-basis';
import type { Grant } from '../domain/rules';
import { getAll } from './bulk-storage';
import { withClientCursor } from './client-cursor';
import { ENTITY, INDEX } from './keys';
import { isConditionFailure } from './storage-errors';

/**
 * `adding` / `removing`: an intent written before the site call. `granted`: done and owned by the app.
 * `denied`: an access review removed it; the rules engine does not grant it again until the attribute values in
 * `basis` change or an admin re-approves it (deletes the row). `intentAt` is stable across retries of the same
 * change, so audit ids derived from it are too.
 */
export type LedgerState = 'adding' | 'granted' | 'removing' | 'denied';

/** Who removed a grant in an access review, carried by the removal's intent and kept on the denial. */
export interface LedgerReview {
  campaignId: string;
  campaignName: string;
  itemId: string;
  decidedBy: string;
  decidedAt: number;
  reason: string;
}

export interface LedgerRow {
  accountId: string;
  grantKey: string;
  ruleId: string;
  state: LedgerState;
  intentAt: number;
  grantedAt: number;
  grant: Grant;
  runId: string;
  /**
   * Who works on an intent: the invocation that claimed it (or took it over), and until when at the latest
   * (its Forge deadline plus a margin). Nobody else touches the intent before then; after it, the holder is
   * certainly dead and another run may take the intent over. Empty and 0 on a `granted` row.
   */
  holder: string;
  leaseUntil: number;
  /**
   * A granted row: the attribute values the rule read when it granted it (evidence). A denied row: the values the
   * removal was decided on, recorded by the first evaluation after it (absent until then).
   */
  basis?: AttributeBasis;
  /** A removal decided in an access review (its intent, then its denial). */
  review?: LedgerReview;
}

/** Stored attributes: the grant is flattened into strings the entity schema declares. */
export interface StoredLedger {
  accountId: string;
  grantKey: string;
  ruleId: string;
  state: string;
  intentAt: number;
  grantedAt: number;
  grant: string;
  runId: string;
  /** Absent on rows stored before intents had holders: such an intent is anyone's to take over. */
  holder?: string;
  leaseUntil?: number;
  basis?: string;
  review?: string;
}

export const ledgerKey = (accountId: string, grantKey: string) => `${accountId}#${grantKey}`;

function fromStored(value: StoredLedger): LedgerRow {
  const { basis, review, ...rest } = value;
  return {
    ...rest,
    state: value.state as LedgerState,
    grant: JSON.parse(value.grant) as Grant,
    holder: value.holder ?? '',
    leaseUntil: value.leaseUntil ?? 0,
    ...(basis ? { basis: JSON.parse(basis) as AttributeBasis } : {}),
    ...(review ? { review: JSON.parse(review) as LedgerReview } : {}),
  };
}

export function toStored(row: LedgerRow): StoredLedger {
  const { basis, review, ...rest } = row;
  return {
    ...rest,
    grant: JSON.stringify(row.grant),
    ...(basis ? { basis: JSON.stringify(basis) } : {}),
    ...(review ? { review: JSON.stringify(review) } : {}),
  };
}

export async function ledgerForAccount(accountId: string): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .entity<StoredLedger>(ENTITY.ledger)
      .query()
      .index(INDEX.ledgerByAccount, { partition: [accountId] })
      .where(WhereConditions.greaterThanEqualTo(0))
      .sort(Sort.ASC)
      .limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    rows.push(...page.results.map((r) => fromStored(r.value)));
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

export async function putLedger(row: LedgerRow): Promise<void> {
  await kvs.entity<StoredLedger>(ENTITY.ledger).set(ledgerKey(row.accountId, row.grantKey), toStored(row));
}

export async function deleteLedger(accountId: string, grantKey: string): Promise<void> {
  await kvs.entity(ENTITY.ledger).delete(ledgerKey(accountId, grantKey));
}

/** Ledger rows of one rule, a page at a time (rule impact, clean-up when a rule is deleted). */
export async function ledgerForRule(
  ruleId: string,
  cursor?: string,
): Promise<{ rows: LedgerRow[]; cursor?: string }> {
  let query = kvs
    .entity<StoredLedger>(ENTITY.ledger)
    .query()
    .index(INDEX.ledgerByRule, { partition: [ruleId] })
    .where(WhereConditions.greaterThanEqualTo(0))
    .limit(100);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return {
    rows: page.results.map((r) => fromStored(r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/**
 * Ledger rows in one state a page at a time: `granted` oldest first (an access review collecting what the app
 * granted), `denied` newest first (the grants reviews removed and the engine withholds).
 */
export async function ledgerRowsInState(
  state: LedgerState,
  options: { cursor?: string | undefined; limit?: number; newestFirst?: boolean } = {},
): Promise<{ rows: LedgerRow[]; cursor?: string }> {
  let query = kvs
    .entity<StoredLedger>(ENTITY.ledger)
    .query()
    .index(INDEX.ledgerByState, { partition: [state] })
    .where(WhereConditions.greaterThanEqualTo(0))
    .sort(options.newestFirst ? Sort.DESC : Sort.ASC)
    .limit(Math.min(options.limit ?? 50, 100));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await withClientCursor(options.cursor, () => query.getMany());
  return {
    rows: page.results.map((r) => fromStored(r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** The app's ledger rows for these (account, grant) pairs, by ledger key; pairs without a row are absent. */
export async function ledgerRows(
  pairs: ReadonlyArray<{ accountId: string; grantKey: string }>,
): Promise<Map<string, LedgerRow>> {
  const found = await getAll<StoredLedger>(
    pairs.map((p) => ({ key: ledgerKey(p.accountId, p.grantKey), entityName: ENTITY.ledger })),
  );
  return new Map([...found].map(([key, value]) => [key, fromStored(value)]));
}

/** The stored denial is still exactly this one (a re-approval or a new grant has not replaced it). */
function stillDenied(row: LedgerRow) {
  return new Filter<StoredLedger>()
    .and('state', FilterConditions.equalTo('denied'))
    .and('intentAt', FilterConditions.equalTo(row.intentAt));
}

/** Re-approval: deletes the denial unless it changed meanwhile; false when it was no longer there as read. */
export async function deleteDenial(row: LedgerRow): Promise<boolean> {
  try {
    await kvs
      .transact()
      .delete(ledgerKey(row.accountId, row.grantKey), {
        entityName: ENTITY.ledger,
        conditions: stillDenied(row),
      })
      .execute();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * Records the attribute values a denial rests on, the first time an evaluation sees it; a denial re-approved or
 * replaced meanwhile is left alone.
 */
export async function recordDenialBasis(row: LedgerRow, basis: AttributeBasis): Promise<void> {
  try {
    await kvs
      .transact()
      .set(ledgerKey(row.accountId, row.grantKey), toStored({ ...row, basis }), {
        entityName: ENTITY.ledger,
        conditions: stillDenied(row).and('basis', FilterConditions.notExists()),
      })
      .execute();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}
