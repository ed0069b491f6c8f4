// One storage operation as a step of a KVS transaction: repositories build them, so a use case can commit writes
// of several repositories (a ledger settlement, a review item's outcome, an audit line) all or nothing.
import { kvs } from '@forge/kvs';

export type TransactionBuilder = ReturnType<typeof kvs.transact>;

/** Adds one operation (a set, a delete or a check) to a transaction being built. */
export type StorageOp = (tx: TransactionBuilder) => TransactionBuilder;

/** Forge allows at most 25 operations per transaction. */
export const MAX_TRANSACTION_OPS = 25;

/** Commits the operations as one transaction (all or nothing); more than Forge allows is a programming error. */
export async function commitOps(ops: readonly StorageOp[]): Promise<void> {
  if (ops.length === 0) return;
  if (ops.length > MAX_TRANSACTION_OPS)
    throw new RangeError(`A transaction holds at most ${MAX_TRANSACTION_OPS} operations, got ${ops.length}`);
  let tx = kvs.transact();
  for (const op of ops) tx = op(tx);
  await tx.execute();
}
