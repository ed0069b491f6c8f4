// A user's intents and who holds them. Every unfinished change in the ledger belongs to one invocation (its
// holder) until that invocation's Forge deadline has certainly passed; only then may another run take it over.
// Every settlement is conditional on still holding the intent, so two runs can never both record one change, nor
// can a run delete a row another run completed: each app grant ends with exactly one ledger row and one audit line.
import type { AccessPlan, PlannedGrant } from '../../domain/access-plan';
import { describeGrant, type Grant } from '../../domain/rules';
import type { AuditEntry } from '../../shared/audit';
import { ledgerForAccount, type LedgerRow } from '../../storage/ledger-repository';
import { commitProvisioningWrites, type ProvisioningWrites } from '../../storage/provisioning-writes';
import { classify, WorkConflictError } from '../failures';
import { GrantRefusedError, refusalAudit } from './grant-guard';
import { GrantWriteError, type GrantWriter } from './grant-writer';
import { addAction, changeAudit, failureAudit, removeAction, type RecordContext } from './provision-records';

/** What working on intents needs: the run's records, its identity as a holder, and the write path. */
export interface IntentContext extends RecordContext {
  writer: GrantWriter;
  /** This invocation, as the holder of the intents it claims (unique per invocation, duplicates included). */
  holder: string;
  /** Until when intents claimed now are this invocation's: its Forge deadline plus a margin. */
  leaseUntil: () => number;
}

export interface GrantChange {
  grantKey: string;
  grant: Grant;
}

export interface GrantFailure {
  grant: Grant;
  message: string;
  scope: GrantWriteError['scope'];
}

/** An unfinished change; granted rows are the app's, denied ones a review's verdict (neither is anyone's work). */
export const isIntent = (row: LedgerRow) => row.state === 'adding' || row.state === 'removing';

/** The row an intent becomes once settled as held by the app: no holder, no lease. */
function asGranted(intent: LedgerRow, grantedAt: number): LedgerRow {
  const { review: _review, ...row } = intent;
  return { ...row, state: 'granted', grantedAt, holder: '', leaseUntil: 0 };
}

/**
 * What a removal an access review decided leaves behind: a denial, so the engine does not grant it again until the
 * attributes change (their values are recorded by the next evaluation) or an admin re-approves it.
 */
function asDenied(intent: LedgerRow): LedgerRow {
  const { basis: _basis, ...row } = intent;
  return { ...row, state: 'denied', holder: '', leaseUntil: 0 };
}

/**
 * When the user's intents that another live invocation holds are free at the latest; undefined when none are.
 * Such a user is left alone: the holder is finishing it (or will certainly be dead by then).
 */
export function heldElsewhereUntil(ledger: readonly LedgerRow[], ctx: IntentContext): number | undefined {
  const now = ctx.now();
  const held = ledger.filter((r) => isIntent(r) && r.holder !== ctx.holder && r.leaseUntil > now);
  return held.length ? Math.max(...held.map((r) => r.leaseUntil)) : undefined;
}

/** The intents a plan needs, held by this invocation. */
export function newIntents(
  accountId: string,
  plan: AccessPlan,
  ledger: readonly LedgerRow[],
  ctx: IntentContext,
): LedgerRow[] {
  const intentAt = ctx.now();
  const lease = { holder: ctx.holder, leaseUntil: ctx.leaseUntil() };
  const ruleOf = (grant: PlannedGrant) => grant.ruleIds[0] ?? '';
  return [
    ...plan.add.map((g) => ({
      accountId,
      grantKey: g.grantKey,
      ruleId: ruleOf(g),
      state: 'adding' as const,
      intentAt,
      grantedAt: 0,
      grant: g.grant,
      runId: ctx.runId,
      ...lease,
      ...(g.basis ? { basis: g.basis } : {}),
    })),
    ...plan.remove.map((g) => {
      const held = ledger.find((r) => r.grantKey === g.grantKey) as LedgerRow;
      return { ...held, state: 'removing' as const, intentAt, runId: ctx.runId, ...lease };
    }),
  ];
}

/**
 * The conditional writes that claim new intents: if a duplicate delivery is provisioning the user right now, the
 * claim fails (CONDITION_CHECK_FAILED) and the user is retried once the other is done. A grant coming back over
 * a review's denial (its attributes changed) replaces that denial, as `ledger` shows it.
 */
export function intentClaims(
  intents: readonly LedgerRow[],
  ledger: readonly LedgerRow[] = [],
): NonNullable<ProvisioningWrites['claimLedger']> {
  const denied = new Set(ledger.filter((r) => r.state === 'denied').map((r) => r.grantKey));
  return intents.map((row) => ({
    row,
    expect:
      row.state === 'removing'
        ? ('granted' as const)
        : denied.has(row.grantKey)
          ? ('denied' as const)
          : ('absent' as const),
  }));
}

/** The audit reason of a removal an access review decided. */
export function reviewRemovalReason(review: NonNullable<LedgerRow['review']>): string {
  return `Removed in access review "${review.campaignName}": ${review.reason}`;
}

/** What happened to one intent on the site, as the ledger, the audit and the outcome record it. */
export class IntentSettlement {
  readonly settle: NonNullable<ProvisioningWrites['settleLedger']> = [];
  readonly audit: AuditEntry[] = [];
  readonly added: GrantChange[] = [];
  readonly removed: GrantChange[] = [];
  readonly failures: GrantFailure[] = [];
  /** Rows the app holds as granted after settling (new grants and removals that did not happen). */
  readonly stillGranted: LedgerRow[] = [];

  constructor(private readonly ctx: IntentContext) {}

  granted(intent: LedgerRow, reason: string): void {
    const row = asGranted(intent, this.ctx.now());
    this.settle.push({ intent, result: row });
    this.stillGranted.push(row);
    this.added.push({ grantKey: intent.grantKey, grant: intent.grant });
    this.audit.push(changeAudit(this.ctx, row, addAction(intent.grant), reason));
  }

  /** The grant was already there and this run did not put it there: someone's hand grant, never the app's. */
  notOurs(intent: LedgerRow): void {
    this.settle.push({ intent, result: null });
  }

  removedNow(intent: LedgerRow, reason: string): void {
    this.settle.push({ intent, result: intent.review ? asDenied(intent) : null });
    this.removed.push({ grantKey: intent.grantKey, grant: intent.grant });
    this.audit.push(changeAudit(this.ctx, intent, removeAction(intent.grant), reason));
  }

  /** The site refused for good: nothing changed there, so the intent is dropped (a removal: held as before). */
  refused(intent: LedgerRow, e: GrantWriteError, accountId: string): void {
    const kept = intent.state === 'removing' ? asGranted(intent, intent.grantedAt) : null;
    this.settle.push({ intent, result: kept });
    if (kept) this.stillGranted.push(kept);
    this.failures.push({ grant: intent.grant, message: e.message, scope: e.scope });
    this.audit.push(
      e instanceof GrantRefusedError
        ? refusalAudit(this.ctx, intent, e.message)
        : failureAudit(
            this.ctx,
            accountId,
            { key: intent.grantKey, name: describeGrant(intent.grant), ruleId: intent.ruleId },
            e.message,
          ),
    );
  }

  writes(): Pick<ProvisioningWrites, 'settleLedger' | 'audit'> {
    return { settleLedger: this.settle, audit: this.audit };
  }
}

/**
 * Writes one intent to the site and notes its settlement; `resumed` intents were started by an earlier run, so
 * "already held" means that run's write got through. A transient failure propagates (the intent stays held).
 */
export async function writeIntent(
  intent: LedgerRow,
  settlement: IntentSettlement,
  ctx: IntentContext,
  reasons: { added: string; removed: string; resumed: boolean },
): Promise<void> {
  try {
    if (intent.state === 'adding') {
      const result = await ctx.writer.add(intent.grant, intent.accountId);
      if (result === 'already-held' && !reasons.resumed) settlement.notOurs(intent);
      else settlement.granted(intent, reasons.added);
    } else {
      await ctx.writer.remove(intent.grant, intent.accountId);
      settlement.removedNow(intent, reasons.removed);
    }
  } catch (e) {
    if (!(e instanceof GrantWriteError)) throw e;
    settlement.refused(intent, e, intent.accountId);
  }
}

/** Commits settlements now; losing the intents to another run means that run records them instead. */
export async function commitSettlement(
  settlement: IntentSettlement,
  extra: ProvisioningWrites = {},
): Promise<void> {
  try {
    await commitProvisioningWrites({ ...settlement.writes(), ...extra });
  } catch (e) {
    if (classify(e).kind === 'conflict')
      throw new WorkConflictError('Another run took over these intents; it records their outcome.');
    throw e;
  }
}

/**
 * Takes over what an earlier run left unfinished (its lease has run out, or it is this invocation's own) and
 * finishes it on the site before the user is planned anew. Returns the ledger as it stands afterwards.
 * Throws WorkConflictError when another run took the intents first.
 */
export async function finishIntents(
  accountId: string,
  ledger: readonly LedgerRow[],
  ctx: IntentContext,
): Promise<{ ledger: LedgerRow[]; added: GrantChange[]; removed: GrantChange[]; failures: GrantFailure[] }> {
  const pending = ledger.filter(isIntent);
  if (pending.length === 0) return { ledger: [...ledger], added: [], removed: [], failures: [] };
  const leaseUntil = ctx.leaseUntil();
  const takeOver = pending
    .filter((from) => from.holder !== ctx.holder)
    .map((from) => ({ from, row: { ...from, holder: ctx.holder, leaseUntil } }));
  if (takeOver.length) {
    try {
      await commitProvisioningWrites({ takeOverLedger: takeOver });
    } catch (e) {
      if (classify(e).kind === 'conflict')
        throw new WorkConflictError(`Another run is finishing ${accountId}'s interrupted changes.`);
      throw e;
    }
  }
  const taken = new Map(takeOver.map((t) => [t.row.grantKey, t.row]));
  const settlement = new IntentSettlement(ctx);
  for (const intent of pending.map((r) => taken.get(r.grantKey) ?? r))
    await writeIntent(intent, settlement, ctx, {
      added: `Granted by rule ${intent.ruleId} (completed after an interruption)`,
      removed: intent.review
        ? `${reviewRemovalReason(intent.review)} (completed after an interruption)`
        : `Removed: rule ${intent.ruleId} no longer justifies it (completed after an interruption)`,
      resumed: true,
    });
  await commitSettlement(settlement);
  const settled = new Set(pending.map((r) => r.grantKey));
  return {
    ledger: [...ledger.filter((r) => !settled.has(r.grantKey)), ...settlement.stillGranted],
    added: settlement.added,
    removed: settlement.removed,
    failures: settlement.failures,
  };
}

/**
 * Gives up this invocation's hold on the intents of users it hands back unfinished (a 429, an outage, its time
 * running out): none of its writes for them is in flight any more, and it will not touch them again, so the run
 * that picks them up need not wait for this invocation's lease to run out (its Forge deadline plus a margin, minutes
 * away). Whatever write of an intent did get through is the earlier holder's, as after a takeover. Best effort:
 * if storage refuses, the leases simply run out.
 */
export async function releaseIntents(accountIds: readonly string[], ctx: IntentContext): Promise<void> {
  const releases: NonNullable<ProvisioningWrites['takeOverLedger']> = [];
  try {
    for (const accountId of accountIds)
      for (const row of await ledgerForAccount(accountId))
        if (isIntent(row) && row.holder === ctx.holder && row.leaseUntil > ctx.now())
          releases.push({ from: row, row: { ...row, leaseUntil: ctx.now() } });
    if (releases.length) await commitProvisioningWrites({ takeOverLedger: releases });
  } catch (e) {
    const failure = classify(e);
    if (failure.kind !== 'storage-quota' && failure.kind !== 'conflict') throw e;
  }
}
