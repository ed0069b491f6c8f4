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

export async function commitProvisioningWrites(writes: ProvisioningWrites): Promise<void> {
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
  // Larger change sets (rare: one user gaining or losing more than 24 grants at once) commit in order; each
  // chunk is atomic, and a retry redoes whatever a crash left out because every write is idempotent.
  for (let i = 0; i < ops.length; i += MAX_OPS) {
    let tx = kvs.transact();
    for (const op of ops.slice(i, i + MAX_OPS)) tx = op(tx);
    await tx.execute();
  }
}
