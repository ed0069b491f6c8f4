// Provisions one user: gather attributes → plan → record intents → write to the site → record results, so that a
// retry, a duplicate delivery or a crash at any point ends in the same state with each change audited once.
import { planAccess, type AccessPlan, type LedgerEntry, type PlannedGrant } from '../../domain/access-plan';
import { describeGrant, type ExclusiveSet, type Grant, type Rule } from '../../domain/rules';
import type { AuditAction, AuditEntry } from '../../shared/audit';
import { ledgerForAccount, type LedgerRow } from '../../storage/ledger-repository';
import { commitProvisioningWrites, type ProvisioningWrites } from '../../storage/provisioning-writes';
import type { UserState } from '../../storage/user-state-repository';
import { auditId } from '../audit-ids';
import {
  gatherAttributes,
  SourceFailedError,
  type GatheredUser,
  type SourceReport,
} from './gather-attributes';
import { GrantWriteError, type GrantWriter } from './grant-writer';
import type { ApiClients } from '../api-clients';
import type { AppSettings } from '../../shared/settings';

export interface ProvisionContext {
  clients: ApiClients;
  settings: AppSettings;
  rules: readonly Rule[];
  exclusiveSets: readonly ExclusiveSet[];
  writer: GrantWriter;
  now: () => number;
  /** The event, job or run this work belongs to (stable across retries of it). */
  runId: string;
  source: string;
}

/**
 * Where a user's final writes go: a buffer the caller commits with other users' results, or storage at once.
 * Only results go here; intents, and the finishing of an interrupted run's intents, are always written at once.
 */
export interface ResultSink {
  add(accountId: string, writes: ProvisioningWrites): void | Promise<void>;
}

/** Results written as each user finishes (a lone user: a backfill page's, a retry's). */
export const WRITE_RESULTS_AT_ONCE: ResultSink = {
  add: (_accountId, writes) => commitProvisioningWrites(writes),
};

export interface GrantChange {
  grantKey: string;
  grant: Grant;
}

export interface GrantFailure {
  grant: Grant;
  message: string;
  scope: GrantWriteError['scope'];
}

export interface UserOutcome {
  accountId: string;
  status: 'ok' | 'failed' | 'skipped';
  /** Grants this run added or removed (including ones an interrupted run had started), by key with names. */
  added: GrantChange[];
  removed: GrantChange[];
  /**
   * Grants the app holds for the user that this same run granted, in this attempt or an earlier one that was
   * killed after finishing the user: what a job reports as its gains.
   */
  grantedByRun: GrantChange[];
  failures: GrantFailure[];
  sources: SourceReport[];
  plan?: AccessPlan;
  message: string;
}

function addAction(grant: Grant): AuditAction {
  return grant.kind === 'group' ? 'group-added' : 'role-added';
}

function removeAction(grant: Grant): AuditAction {
  return grant.kind === 'group' ? 'group-removed' : 'role-removed';
}

function targetName(grant: Grant): string {
  return grant.kind === 'group' ? grant.groupName : `${grant.roleName} in ${grant.projectKey}`;
}

function changeAudit(ctx: ProvisionContext, row: LedgerRow, action: AuditAction, reason: string): AuditEntry {
  return {
    id: auditId(row.accountId, row.grantKey, action, row.intentAt),
    at: ctx.now(),
    accountId: row.accountId,
    action,
    target: row.grantKey,
    targetName: targetName(row.grant),
    ruleId: row.ruleId,
    reason,
    outcome: 'success',
    runId: row.runId,
    actor: 'app',
  };
}

function failureAudit(
  ctx: ProvisionContext,
  accountId: string,
  target: string,
  name: string,
  ruleId: string,
  message: string,
): AuditEntry {
  return {
    id: auditId(accountId, target, 'provision-failed', ctx.runId),
    at: ctx.now(),
    accountId,
    action: 'provision-failed',
    target,
    targetName: name,
    ruleId,
    reason: message,
    outcome: 'failed',
    runId: ctx.runId,
    actor: 'app',
  };
}

function userState(
  ctx: ProvisionContext,
  accountId: string,
  status: UserState['status'],
  message: string,
  matched: string[],
): UserState {
  return {
    accountId,
    status,
    updatedAt: ctx.now(),
    message,
    matchedRuleIds: matched,
    source: ctx.source,
    runId: ctx.runId,
  };
}

/** Finishes writes a previous run started (intents) before planning anew; the site calls are idempotent. */
async function finishIntents(
  ctx: ProvisionContext,
  accountId: string,
  ledger: LedgerRow[],
): Promise<{ ledger: LedgerRow[]; added: GrantChange[]; removed: GrantChange[] }> {
  const pending = ledger.filter((row) => row.state !== 'granted');
  if (pending.length === 0) return { ledger, added: [], removed: [] };
  const put: LedgerRow[] = [];
  const removed: Array<{ accountId: string; grantKey: string }> = [];
  const audit: AuditEntry[] = [];
  for (const row of pending) {
    if (row.state === 'adding') {
      // Our intent precedes the write, so "already held" here means our earlier attempt got through.
      await ctx.writer.add(row.grant, accountId);
      const done = { ...row, state: 'granted' as const, grantedAt: ctx.now() };
      put.push(done);
      audit.push(
        changeAudit(
          ctx,
          done,
          addAction(row.grant),
          `Granted by rule ${row.ruleId} (completed after an interruption)`,
        ),
      );
    } else {
      await ctx.writer.remove(row.grant, accountId);
      removed.push({ accountId, grantKey: row.grantKey });
      audit.push(
        changeAudit(
          ctx,
          row,
          removeAction(row.grant),
          `Removed: rule ${row.ruleId} no longer justifies it (completed after an interruption)`,
        ),
      );
    }
  }
  await commitProvisioningWrites({ putLedger: put, deleteLedger: removed, audit });
  const finished = new Map(put.map((r) => [r.grantKey, r]));
  const gone = new Set(removed.map((r) => r.grantKey));
  return {
    ledger: ledger.filter((r) => !gone.has(r.grantKey)).map((r) => finished.get(r.grantKey) ?? r),
    added: put.map((r) => ({ grantKey: r.grantKey, grant: r.grant })),
    removed: pending
      .filter((r) => gone.has(r.grantKey))
      .map((r) => ({ grantKey: r.grantKey, grant: r.grant })),
  };
}

function currentGrantKeys(gathered: GatheredUser, ledger: LedgerRow[]): string[] {
  // Group membership is read from Jira; project roles are not read per user (one call per role), so roles the
  // app granted count as held: a role someone removed by hand is respected, not re-added.
  const groups = gathered.groupIds.map((id) => `group:${id}`);
  const roles = ledger
    .filter((r) => r.grant.kind === 'projectRole' && r.state === 'granted')
    .map((r) => r.grantKey);
  return [...new Set([...groups, ...roles])];
}

function byRun(rows: LedgerRow[], runId: string): GrantChange[] {
  const seen = new Map<string, GrantChange>();
  for (const row of rows)
    if (row.runId === runId && row.state === 'granted')
      seen.set(row.grantKey, { grantKey: row.grantKey, grant: row.grant });
  return [...seen.values()];
}

function ruleOf(grant: PlannedGrant): string {
  return grant.ruleIds[0] ?? '';
}

function planFor(
  gathered: GatheredUser,
  ledger: LedgerRow[],
  ctx: Pick<ProvisionContext, 'rules' | 'exclusiveSets'>,
): AccessPlan {
  return planAccess({
    user: gathered.attributes,
    rules: ctx.rules,
    current: currentGrantKeys(gathered, ledger),
    ledger: ledger.map<LedgerEntry>((r) => ({
      grantKey: r.grantKey,
      ruleId: r.ruleId,
      grantedAt: r.grantedAt,
      grant: r.grant,
    })),
    exclusiveSets: ctx.exclusiveSets,
  });
}

/**
 * What provisioning would do for a user, changing nothing (previews, "test on a user"). Unfinished intents count
 * as done, since the next real run finishes them first.
 */
export async function planUser(
  accountId: string,
  ctx: Pick<ProvisionContext, 'clients' | 'settings' | 'rules' | 'exclusiveSets'>,
): Promise<{ gathered: GatheredUser; plan: AccessPlan }> {
  const gathered = await gatherAttributes(accountId, ctx.clients, ctx.settings);
  const ledger = (await ledgerForAccount(accountId))
    .filter((r) => r.state !== 'removing')
    .map((r) => ({ ...r, state: 'granted' as const }));
  return { gathered, plan: planFor(gathered, ledger, ctx) };
}

/** The outcome of a user nothing could be done for (a source or an unexpected error stopped it). */
export function failedOutcome(accountId: string, message: string): UserOutcome {
  return {
    accountId,
    status: 'failed',
    added: [],
    removed: [],
    grantedByRun: [],
    failures: [],
    sources: [],
    message,
  };
}

/** A user gathered and planned, whose intents are ready to be claimed before any site write. */
export interface PreparedUser {
  accountId: string;
  gathered: GatheredUser;
  /** The user's ledger, after finishing what an interrupted run had started. */
  ledger: LedgerRow[];
  resumed: { added: GrantChange[]; removed: GrantChange[] };
  plan: AccessPlan;
  intents: LedgerRow[];
}

/** A user is either finished by preparing (nothing to change, a source failed) or ready for its site writes. */
export type Preparation = { done: UserOutcome } | { prepared: PreparedUser };

/**
 * Gathers, finishes interrupted intents, plans and builds the intents. Users with nothing to change (or whose
 * sources failed) are finished here; their result goes to `results`.
 */
export async function prepareUser(
  accountId: string,
  ctx: ProvisionContext,
  results: ResultSink,
): Promise<Preparation> {
  let gathered: GatheredUser;
  try {
    gathered = await gatherAttributes(accountId, ctx.clients, ctx.settings);
  } catch (e) {
    if (!(e instanceof SourceFailedError)) throw e;
    await results.add(accountId, {
      audit: [failureAudit(ctx, accountId, `source:${e.source}`, e.source, '', e.message)],
      userState: userState(ctx, accountId, 'failed', e.message, []),
    });
    return { done: failedOutcome(accountId, e.message) };
  }

  const resumed = await finishIntents(ctx, accountId, await ledgerForAccount(accountId));
  const ledger = resumed.ledger;
  const plan = planFor(gathered, ledger, ctx);

  if (
    plan.add.length === 0 &&
    plan.remove.length === 0 &&
    resumed.added.length + resumed.removed.length === 0
  ) {
    const message = plan.skipped ? plan.reasons.join(' ') : 'Nothing to change';
    await results.add(accountId, {
      userState: userState(ctx, accountId, plan.skipped ? 'skipped' : 'ok', message, plan.matchedRuleIds),
    });
    return {
      done: {
        accountId,
        status: plan.skipped ? 'skipped' : 'ok',
        added: [],
        removed: [],
        grantedByRun: byRun(ledger, ctx.runId),
        failures: [],
        sources: gathered.sources,
        plan,
        message,
      },
    };
  }

  const intentAt = ctx.now();
  const intents: LedgerRow[] = [
    ...plan.add.map((g) => ({
      accountId,
      grantKey: g.grantKey,
      ruleId: ruleOf(g),
      state: 'adding' as const,
      intentAt,
      grantedAt: 0,
      grant: g.grant,
      runId: ctx.runId,
    })),
    ...plan.remove.map((g) => {
      const held = ledger.find((r) => r.grantKey === g.grantKey);
      return { ...(held as LedgerRow), state: 'removing' as const, intentAt, runId: ctx.runId };
    }),
  ];
  return {
    prepared: {
      accountId,
      gathered,
      ledger,
      resumed: { added: resumed.added, removed: resumed.removed },
      plan,
      intents,
    },
  };
}

/**
 * The conditional ledger writes that claim a prepared user's intents: if a duplicate delivery is provisioning
 * the user right now, the claim fails (CONDITION_CHECK_FAILED) and the user is retried once the other is done.
 */
export function intentClaims(prepared: PreparedUser): NonNullable<ProvisioningWrites['claimLedger']> {
  return prepared.intents.map((row) => ({
    row,
    expect: row.state === 'adding' ? ('absent' as const) : ('granted' as const),
  }));
}

/** Site writes for a user whose intents are claimed, one at a time, then its results. */
export async function applyUser(
  prepared: PreparedUser,
  ctx: ProvisionContext,
  results: ResultSink,
): Promise<UserOutcome> {
  const { accountId, plan, ledger, intents, resumed, gathered } = prepared;
  // A transient failure stops here (the claimed intents make the retry resume cleanly).
  const put: LedgerRow[] = [];
  const removed: Array<{ accountId: string; grantKey: string }> = [];
  const audit: AuditEntry[] = [];
  const failures: GrantFailure[] = [];
  const added: GrantChange[] = [...resumed.added];
  const removedKeys: GrantChange[] = [...resumed.removed];
  for (const row of intents) {
    try {
      if (row.state === 'adding') {
        const result = await ctx.writer.add(row.grant, accountId);
        if (result === 'already-held') {
          // Someone granted it by hand meanwhile: not ours to own or ever revoke.
          removed.push({ accountId, grantKey: row.grantKey });
          continue;
        }
        const done = { ...row, state: 'granted' as const, grantedAt: ctx.now() };
        put.push(done);
        added.push({ grantKey: row.grantKey, grant: row.grant });
        const reason =
          plan.add.find((g) => g.grantKey === row.grantKey)?.reason ?? `Granted by rule ${row.ruleId}`;
        audit.push(changeAudit(ctx, done, addAction(row.grant), reason));
      } else {
        await ctx.writer.remove(row.grant, accountId);
        removed.push({ accountId, grantKey: row.grantKey });
        removedKeys.push({ grantKey: row.grantKey, grant: row.grant });
        const reason =
          plan.remove.find((g) => g.grantKey === row.grantKey)?.reason ??
          `Rule ${row.ruleId} no longer applies`;
        audit.push(changeAudit(ctx, row, removeAction(row.grant), reason));
      }
    } catch (e) {
      if (!(e instanceof GrantWriteError)) {
        // Record what already happened before handing the transient failure to the caller.
        await commitProvisioningWrites({ putLedger: put, deleteLedger: removed, audit });
        throw e;
      }
      failures.push({ grant: row.grant, message: e.message, scope: e.scope });
      audit.push(failureAudit(ctx, accountId, row.grantKey, describeGrant(row.grant), row.ruleId, e.message));
      // The intent is dropped: nothing happened on the site.
      if (row.state === 'adding') removed.push({ accountId, grantKey: row.grantKey });
      else put.push({ ...row, state: 'granted' });
    }
  }
  const status = failures.length ? 'failed' : 'ok';
  const message = failures.length
    ? failures
        .map((f) => f.message)
        .filter((m, i, all) => all.indexOf(m) === i)
        .join(' ')
    : `Added ${added.length}, removed ${removedKeys.length}`;
  await results.add(accountId, {
    putLedger: put,
    deleteLedger: removed,
    audit,
    userState: userState(ctx, accountId, status, message, plan.matchedRuleIds),
  });
  const heldNow = [...ledger.filter((r) => !removedKeys.some((x) => x.grantKey === r.grantKey)), ...put];
  return {
    accountId,
    status,
    added,
    removed: removedKeys,
    grantedByRun: byRun(heldNow, ctx.runId),
    failures,
    sources: gathered.sources,
    plan,
    message,
  };
}

/** One user end to end: prepare, claim its intents, write to the site, record the results. */
export async function provisionUser(
  accountId: string,
  ctx: ProvisionContext,
  results: ResultSink = WRITE_RESULTS_AT_ONCE,
): Promise<UserOutcome> {
  const preparation = await prepareUser(accountId, ctx, results);
  if ('done' in preparation) return preparation.done;
  await commitProvisioningWrites({ claimLedger: intentClaims(preparation.prepared) });
  return applyUser(preparation.prepared, ctx, results);
}
