// Atomic groups of provisioning writes (ledger intents, ledger results, audit lines, user state), each one KVS
// transaction: fewer writes against the storage quota, and no state where an audit line lacks its ledger row.
import { Filter, FilterConditions, kvs } from '@forge/kvs';

type TransactionBuilder = ReturnType<typeof kvs.transact>;
import type { AuditEntry } from '../shared/audit';
import { ENTITY } from './keys';
import type { LedgerRow } from './ledger-repository';
import type { UserState } from './user-state-repository';

/** Forge allows at most 25 operations per transaction. */
const MAX_OPS = 25;

export interface ProvisioningWrites {
  /**
   * Intents that must not collide with another worker's: `absent` for a new grant (no row yet), `granted` for a
   * removal (the row is still plainly granted). A collision fails the whole transaction with
   * CONDITION_CHECK_FAILED, and the caller retries later, when the other worker is done.
   */
  claimLedger?: Array<{ row: LedgerRow; expect: 'absent' | 'granted' }>;
  putLedger?: LedgerRow[];
  deleteLedger?: Array<{ accountId: string; grantKey: string }>;
  audit?: AuditEntry[];
  userState?: UserState;
}

type Op = (tx: TransactionBuilder) => TransactionBuilder;

const ledgerKey = (accountId: string, grantKey: string) => `${accountId}#${grantKey}`;

type StoredLedgerValue = Omit<LedgerRow, 'grant'> & { grant: string };
const stored = (row: LedgerRow): StoredLedgerValue => ({ ...row, grant: JSON.stringify(row.grant) });

function opsOf(writes: ProvisioningWrites): Op[] {
  const ops: Op[] = [];
  for (const { row, expect } of writes.claimLedger ?? []) {
    const condition =
      expect === 'absent'
        ? new Filter<StoredLedgerValue>().and('state', FilterConditions.notExists())
        : new Filter<StoredLedgerValue>().and('state', FilterConditions.equalTo('granted'));
    ops.push((tx) =>
      tx.set(ledgerKey(row.accountId, row.grantKey), stored(row), {
        entityName: ENTITY.ledger,
        conditions: condition,
      }),
    );
  }
  for (const row of writes.putLedger ?? [])
    ops.push((tx) =>
      tx.set(ledgerKey(row.accountId, row.grantKey), stored(row), { entityName: ENTITY.ledger }),
    );
  for (const row of writes.deleteLedger ?? [])
    ops.push((tx) => tx.delete(ledgerKey(row.accountId, row.grantKey), { entityName: ENTITY.ledger }));
  for (const entry of writes.audit ?? []) {
    const { id, ...value } = entry;
    ops.push((tx) => tx.set(id, value, { entityName: ENTITY.audit }));
  }
  if (writes.userState) {
    const state = writes.userState;
    ops.push((tx) =>
      tx.set(
        state.accountId,
        { ...state, matchedRuleIds: JSON.stringify(state.matchedRuleIds) },
        { entityName: ENTITY.userState },
      ),
    );
  }
  return ops;
}

async function execute(ops: Op[]): Promise<void> {
  let tx = kvs.transact();
  for (const op of ops) tx = op(tx);
  await tx.execute();
}

/** One user's writes, in as few transactions as the 25-operation limit allows. */
async function executeInChunks(ops: Op[]): Promise<void> {
  for (let i = 0; i < ops.length; i += MAX_OPS) await execute(ops.slice(i, i + MAX_OPS));
}

export async function commitProvisioningWrites(writes: ProvisioningWrites): Promise<void> {
  await executeInChunks(opsOf(writes));
}

/**
 * Several users' result writes, committed together: each transaction carries whole users (up to 25 operations),
 * so a message of many users costs a few writes against Forge's storage quota instead of one per user. Only for
 * results: a user's intents are committed before any site write, so a result lost to a crash before `flush` is
 * redone from the intents by the next run.
 */
export class ProvisioningResultBuffer {
  private pending: Array<{ accountId: string; ops: Op[] }> = [];

  get pendingOps(): number {
    return this.pending.reduce((n, p) => n + p.ops.length, 0);
  }

  add(accountId: string, writes: ProvisioningWrites): void {
    this.pending.push({ accountId, ops: opsOf(writes) });
  }

  /** Commits everything pending; what a failure leaves uncommitted stays pending for the next flush. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const first = this.pending[0] as { accountId: string; ops: Op[] };
      if (first.ops.length > MAX_OPS) {
        await executeInChunks(first.ops);
        this.pending.shift();
        continue;
      }
      // Whole users, distinct accounts (a transaction may not name a key twice), up to 25 operations.
      let count = 0;
      let ops = 0;
      const accounts = new Set<string>();
      for (const p of this.pending) {
        if (ops + p.ops.length > MAX_OPS || accounts.has(p.accountId)) break;
        ops += p.ops.length;
        accounts.add(p.accountId);
        count++;
      }
      await execute(this.pending.slice(0, count).flatMap((p) => p.ops));
      this.pending.splice(0, count);
    }
  }
}
