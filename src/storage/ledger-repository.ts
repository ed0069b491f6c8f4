// What the app itself granted, per user and grant (custom entity `grant-ledger`), with write-ahead intents so a
// crash between "granted on the site" and "recorded here" is finished, not forgotten, on the next run.
import { kvs, Sort, WhereConditions } from '@forge/kvs';
import type { Grant } from '../domain/rules';
import { ENTITY, INDEX } from './keys';

/**
 * `adding` / `removing`: an intent written before the site call. `granted`: done and owned by the app.
 * `intentAt` is stable across retries of the same change, so audit ids derived from it are too.
 */
export type LedgerState = 'adding' | 'granted' | 'removing';

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
}

export const ledgerKey = (accountId: string, grantKey: string) => `${accountId}#${grantKey}`;

function fromStored(value: StoredLedger): LedgerRow {
  return {
    ...value,
    state: value.state as LedgerState,
    grant: JSON.parse(value.grant) as Grant,
    holder: value.holder ?? '',
    leaseUntil: value.leaseUntil ?? 0,
  };
}

export function toStored(row: LedgerRow): StoredLedger {
  return { ...row, grant: JSON.stringify(row.grant) };
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
