// Atomic groups of provisioning writes (ledger intents, ledger results, audit lines, user state), each one KVS
// transaction: fewer writes against the storage quota, and no state where an audit line lacks its ledger row.
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { AuditEntry } from '../shared/audit';
import { ENTITY, KEY } from './keys';
import { isConditionFailure } from './storage-errors';
import type { ComponentHealth } from './health-repository';
import { ledgerKey, toStored, type LedgerRow, type StoredLedger } from './ledger-repository';
import type { StorageOp, TransactionBuilder } from './transaction-ops';
import type { UserState } from './user-state-repository';

/** Forge allows at most 25 operations per transaction. */
const MAX_OPS = 25;

export interface ProvisioningWrites {
  /**
   * New intents, which must not collide with another worker's: `absent` for a new grant (no row yet), `denied`
   * for a grant an access review removed whose attributes have changed since, `granted` for a removal (the row
   * is still plainly granted). A collision fails the whole transaction with
   * CONDITION_CHECK_FAILED, and the caller retries later, when the other worker is done.
   */
  claimLedger?: Array<{ row: LedgerRow; expect: 'absent' | 'granted' | 'denied' }>;
  /**
   * Intents an earlier run left unfinished (its lease ran out) taken over by this run: `row` (with this run as
   * holder) replaces `from` only while the stored intent is still exactly `from`.
   */
  takeOverLedger?: Array<{ row: LedgerRow; from: LedgerRow }>;
  /**
   * Intents this run holds, settled: replaced by `result` (granted, or granted again when a removal did not
   * happen) or deleted when `result` is null — only while this run still holds the intent, so a run that lost
   * it can never overwrite or delete what the run that took it over recorded.
   */
  settleLedger?: Array<{ intent: LedgerRow; result: LedgerRow | null }>;
  audit?: AuditEntry[];
  userState?: UserState;
  /** Writes of other repositories that belong with these (an access review's item outcome, say). */
  also?: StorageOp[];
}

type Op = StorageOp;
type LedgerCondition = ReturnType<Filter<StoredLedger>['and']>;

/** The stored intent is still `row`: same state, same holder, same moment of intent. */
function stillHeld(row: LedgerRow): LedgerCondition {
  const filter = new Filter<StoredLedger>()
    .and('state', FilterConditions.equalTo(row.state))
    .and('intentAt', FilterConditions.equalTo(row.intentAt));
  // Intents stored before holders existed have no holder attribute.
  return row.holder
    ? filter.and('holder', FilterConditions.equalTo(row.holder))
    : filter.and('holder', FilterConditions.notExists());
}

function opsOf(writes: ProvisioningWrites): Op[] {
  const ops: Op[] = [];
  const options = (conditions: LedgerCondition) => ({ entityName: ENTITY.ledger, conditions });
  for (const { row, expect } of writes.claimLedger ?? []) {
    // Over a denial: the grant comes back because the attributes it was removed on changed.
    const condition =
      expect === 'absent'
        ? new Filter<StoredLedger>().and('state', FilterConditions.notExists())
        : new Filter<StoredLedger>().and('state', FilterConditions.equalTo(expect));
    ops.push((tx) => tx.set(ledgerKey(row.accountId, row.grantKey), toStored(row), options(condition)));
  }
  for (const { row, from } of writes.takeOverLedger ?? [])
    ops.push((tx) => tx.set(ledgerKey(row.accountId, row.grantKey), toStored(row), options(stillHeld(from))));
  for (const { intent, result } of writes.settleLedger ?? []) {
    const key = ledgerKey(intent.accountId, intent.grantKey);
    ops.push((tx) =>
      result
        ? tx.set(key, toStored(result), options(stillHeld(intent)))
        : tx.delete(key, options(stillHeld(intent))),
    );
  }
  for (const entry of writes.audit ?? []) {
    const { id, ...value } = entry;
    ops.push((tx) => tx.set(id, value, { entityName: ENTITY.audit }));
  }
  ops.push(...(writes.also ?? []));
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

/** Whole users' operations waiting to be committed, several users to a transaction. */
interface UserOps {
  accountId: string;
  ops: Op[];
}

/** How many of the first users fit one transaction: up to 25 operations, each account at most once. */
function usersInOneTransaction(pending: UserOps[], room = MAX_OPS): number {
  let count = 0;
  let ops = 0;
  const accounts = new Set<string>();
  for (const p of pending) {
    if (ops + p.ops.length > room || accounts.has(p.accountId)) break;
    ops += p.ops.length;
    accounts.add(p.accountId);
    count++;
  }
  return count;
}

/**
 * Several users' intent claims, committed together before any of their site writes: a message of many users
 * costs one or two writes against Forge's storage quota instead of one each. When a shared transaction's
 * condition fails (a duplicate delivery is provisioning one of them), each user is claimed alone to find which.
 * Resumable: a refused `commit` leaves what it did not commit pending, so calling it again finishes the job.
 */
export class IntentClaims {
  private pending: UserOps[];
  /** Accounts whose claim collided with another worker's: retry them once that worker is done. */
  readonly conflicted = new Set<string>();

  constructor(users: Array<{ accountId: string; claims: NonNullable<ProvisioningWrites['claimLedger']> }>) {
    this.pending = users
      .filter((u) => u.claims.length > 0)
      .map((u) => ({ accountId: u.accountId, ops: opsOf({ claimLedger: u.claims }) }));
  }

  async commit(): Promise<void> {
    while (this.pending.length > 0) {
      const count = Math.max(1, usersInOneTransaction(this.pending));
      const chunk = this.pending.slice(0, count);
      try {
        if (count === 1) await executeInChunks((chunk[0] as UserOps).ops);
        else await execute(chunk.flatMap((p) => p.ops));
        this.pending.splice(0, count);
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        if (count === 1) {
          this.conflicted.add((chunk[0] as UserOps).accountId);
          this.pending.shift();
          continue;
        }
        // Find the colliding user(s): this chunk's users go through one at a time.
        await this.commitAlone(count);
      }
    }
  }

  private async commitAlone(count: number): Promise<void> {
    for (let i = 0; i < count && this.pending.length > 0; i++) {
      const user = this.pending[0] as UserOps;
      try {
        await executeInChunks(user.ops);
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        this.conflicted.add(user.accountId);
      }
      this.pending.shift();
    }
  }
}

/**
 * Several users' result writes, committed together: each transaction carries whole users (up to 25 operations),
 * so a message of many users costs a few writes against Forge's storage quota instead of one per user. Only for
 * results: a user's intents are committed before any site write, so a result lost to a crash before `flush` is
 * redone from the intents by the next run. Bookkeeping that is not any one user's (when rules last matched, the
 * write path's health) rides along in the last transaction.
 */
export class ProvisioningResultBuffer {
  private pending: UserOps[] = [];
  private readonly extras = new Map<string, unknown>();
  /**
   * Users whose results were dropped because this run no longer held their intents: another run took them over
   * (this one outlived its lease) and records the outcome itself. Never expected while leases are honoured.
   */
  readonly superseded = new Set<string>();

  get pendingOps(): number {
    return this.pending.reduce((n, p) => n + p.ops.length, 0);
  }

  add(accountId: string, writes: ProvisioningWrites): void {
    this.pending.push({ accountId, ops: opsOf(writes) });
  }

  /** Rules that matched someone, as of `at` ("last matched" on the rules table). */
  noteRuleMatches(ruleIds: Iterable<string>, at: number): void {
    for (const id of ruleIds) this.extras.set(KEY.ruleLastMatched(id), at);
  }

  /** The latest verdict on a component, replacing any earlier one from this buffer. */
  noteHealth(health: ComponentHealth): void {
    this.extras.set(KEY.health(health.component, health.ok), health);
  }

  /** Commits everything pending; what a failure leaves uncommitted stays pending for the next flush. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const first = this.pending[0] as UserOps;
      if (first.ops.length > MAX_OPS) {
        await this.commitAlone(first);
        this.pending.shift();
        continue;
      }
      const count = usersInOneTransaction(this.pending);
      const ops = this.pending.slice(0, count).flatMap((p) => p.ops);
      // The bookkeeping joins the last transaction when it fits.
      const last = count === this.pending.length && ops.length + this.extras.size <= MAX_OPS;
      try {
        await execute(last ? [...ops, ...this.extraOps()] : ops);
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        // Someone's intents are no longer this run's: commit user by user, dropping only theirs.
        for (const user of this.pending.slice(0, count)) {
          await this.commitAlone(user);
          this.pending.shift();
        }
        continue;
      }
      this.pending.splice(0, count);
      if (last) this.extras.clear();
    }
    while (this.extras.size > 0) {
      const chunk = [...this.extras].slice(0, MAX_OPS);
      await execute(
        chunk.map(
          ([key, value]) =>
            (tx: TransactionBuilder) =>
              tx.set(key, value),
        ),
      );
      for (const [key] of chunk) this.extras.delete(key);
    }
  }

  private async commitAlone(user: UserOps): Promise<void> {
    try {
      await executeInChunks(user.ops);
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      this.superseded.add(user.accountId);
    }
  }

  private extraOps(): Op[] {
    return [...this.extras].map(
      ([key, value]) =>
        (tx: TransactionBuilder) =>
          tx.set(key, value),
    );
  }
}
