// Provisions one user: gather attributes → plan → claim intents → write to the site → settle them, so that a
// retry, a duplicate delivery or a crash at any point ends in the same state with each change ledgered and audited
// exactly once (intents.ts says who may finish an intent, and when).
import { planAccess, type AccessPlan, type Denial, type LedgerEntry } from '../../domain/access-plan';
import type { AttributePlan } from '../../domain/attribute-plan';
import type { ExclusiveSet, Rule } from '../../domain/rules';
import { ledgerForAccount, recordDenialBasis, type LedgerRow } from '../../storage/ledger-repository';
import { commitProvisioningWrites, type ProvisioningWrites } from '../../storage/provisioning-writes';
import type { ApiClients } from '../api-clients';
import type { AppSettings } from '../../shared/settings';
import { classify, WorkConflictError } from '../failures';
import { withStorageQuota } from '../storage-quota';
import {
  gatherAttributes,
  SourceFailedError,
  type GatheredUser,
  type SourceReport,
} from './gather-attributes';
import type { AttributeReader } from './gather-many';
import {
  commitSettlement,
  finishIntents,
  heldElsewhereUntil,
  intentClaims,
  IntentSettlement,
  newIntents,
  writeIntent,
  type GrantChange,
  type GrantFailure,
  type IntentContext,
} from './intents';
import { failureAudit, userState } from './provision-records';

export type { GrantChange, GrantFailure } from './intents';
export { intentClaims } from './intents';

export interface ProvisionContext extends IntentContext {
  clients: ApiClients;
  settings: AppSettings;
  rules: readonly Rule[];
  exclusiveSets: readonly ExclusiveSet[];
  /** The sources the rules need (a source no enabled rule needs is not read). */
  attributePlan: AttributePlan;
  /** How users' attributes are read: one by one, or out of a batch read for the users a message or page holds. */
  reader: AttributeReader;
  /** The event, job or run this work belongs to (stable across retries of it). */
  runId: string;
  source: string;
}

/**
 * Where a user's final writes go: a buffer the caller commits with other users' results, or storage at once.
 * Only results go here; intents, and the finishing of an interrupted run's intents, are always written at once.
 */
type QuotaDeps = Parameters<typeof withStorageQuota>[1];

export interface ResultSink {
  add(accountId: string, writes: ProvisioningWrites): void | Promise<void>;
}

/** Results written as each user finishes (a lone user: a backfill page's, a retry's). */
export const WRITE_RESULTS_AT_ONCE: ResultSink = {
  add: (_accountId, writes) => commitProvisioningWrites(writes),
};

/**
 * Results written as each user finishes, waiting out a storage quota refusal there (while `reserveMs` is left)
 * rather than failing the user: its site writes are done, and doing the user again would only send them again.
 */
export function writeResultsWaitingOutQuota(deps: QuotaDeps, reserveMs: number): ResultSink {
  return {
    add: (_accountId, writes) => withStorageQuota(() => commitProvisioningWrites(writes), deps, reserveMs),
  };
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

function currentGrantKeys(gathered: GatheredUser, ledger: LedgerRow[]): string[] {
  // Group membership is read from Jira; project roles are not read per user (one call per role), so roles the
  // app granted count as held: a role someone removed by hand is respected, not re-added.
  const groups = gathered.groupIds.map((id) => `group:${id}`);
  const roles = ledger
    .filter((r) => r.grant.kind === 'projectRole' && r.state === 'granted')
    .map((r) => r.grantKey);
  return [...new Set([...groups, ...roles])];
}

/**
 * The gathered user as the finished intents of an interrupted run left them: groups those intents added or
 * removed on the site are in, or out of, the user's groups (ids and names), as a fresh read would show.
 */
function afterResumed(
  gathered: GatheredUser,
  resumed: { added: GrantChange[]; removed: GrantChange[] },
): GatheredUser {
  const groupsOf = (changes: GrantChange[]) =>
    changes.flatMap((c) => (c.grant.kind === 'group' ? [c.grant] : []));
  const added = groupsOf(resumed.added);
  const removed = groupsOf(resumed.removed);
  if (added.length === 0 && removed.length === 0) return gathered;
  const goneIds = new Set(removed.map((g) => g.groupId));
  const goneNames = new Set(removed.map((g) => g.groupName));
  const groupIds = gathered.groupIds.filter((id) => !goneIds.has(id));
  const names = (gathered.attributes.groups ?? []).filter((name) => !goneNames.has(name));
  for (const group of added) {
    if (!groupIds.includes(group.groupId)) groupIds.push(group.groupId);
    if (!names.includes(group.groupName)) names.push(group.groupName);
  }
  return { ...gathered, groupIds, attributes: { ...gathered.attributes, groups: names } };
}

function byRun(rows: LedgerRow[], runId: string): GrantChange[] {
  const seen = new Map<string, GrantChange>();
  for (const row of rows)
    if (row.runId === runId && row.state === 'granted')
      seen.set(row.grantKey, { grantKey: row.grantKey, grant: row.grant });
  return [...seen.values()];
}

/** A denial as the planner reads it: the grant, what its removal rests on, and who removed it. */
function denialOf(row: LedgerRow): Denial {
  const review = row.review;
  const note = review
    ? `removed in access review "${review.campaignName}" on ${new Date(review.decidedAt).toISOString().slice(0, 10)}`
    : 'removed in an access review';
  return { grantKey: row.grantKey, grant: row.grant, basis: row.basis ?? null, note };
}

function planFor(
  gathered: GatheredUser,
  ledger: LedgerRow[],
  ctx: Pick<ProvisionContext, 'rules' | 'exclusiveSets'>,
): AccessPlan {
  const held = ledger.filter((r) => r.state !== 'denied');
  return planAccess({
    user: gathered.attributes,
    rules: ctx.rules,
    current: currentGrantKeys(gathered, held),
    ledger: held.map<LedgerEntry>((r) => ({
      grantKey: r.grantKey,
      ruleId: r.ruleId,
      grantedAt: r.grantedAt,
      grant: r.grant,
    })),
    exclusiveSets: ctx.exclusiveSets,
    denials: ledger.filter((r) => r.state === 'denied').map(denialOf),
  });
}

/** The first evaluation after a review's removal records the attribute values the denial rests on. */
async function recordDenialBases(plan: AccessPlan, ledger: readonly LedgerRow[]): Promise<void> {
  for (const { grantKey, basis } of plan.denialBases) {
    const row = ledger.find((r) => r.grantKey === grantKey && r.state === 'denied');
    if (row) await recordDenialBasis(row, basis);
  }
}

/**
 * What provisioning would do for a user, changing nothing (previews, "test on a user"). Unfinished intents count
 * as done, since the next real run finishes them first. Without a reader every enabled source is read, as "test
 * on a user" shows them.
 */
export async function planUser(
  accountId: string,
  ctx: Pick<ProvisionContext, 'clients' | 'settings' | 'rules' | 'exclusiveSets'> &
    Partial<Pick<ProvisionContext, 'reader'>>,
): Promise<{ gathered: GatheredUser; plan: AccessPlan }> {
  const gathered = ctx.reader
    ? await ctx.reader.read(accountId)
    : await gatherAttributes(accountId, ctx.clients, ctx.settings);
  const ledger = (await ledgerForAccount(accountId))
    .filter((r) => r.state !== 'removing')
    .map((r) => (r.state === 'adding' ? { ...r, state: 'granted' as const } : r));
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
  resumed: { added: GrantChange[]; removed: GrantChange[]; failures: GrantFailure[] };
  plan: AccessPlan;
  intents: LedgerRow[];
}

/**
 * A user is finished by preparing (nothing to change, a source failed), ready for its site writes, or busy:
 * another live run holds its intents until `until` at the latest, so it is tried again later.
 */
export type Preparation = { done: UserOutcome } | { prepared: PreparedUser } | { busy: { until: number } };

/**
 * Reads the ledger (a user another run is working on is left to it), gathers, finishes interrupted intents, plans
 * and builds the intents. Users with nothing to change (or whose sources failed) are finished here; their result
 * goes to `results`.
 */
export async function prepareUser(
  accountId: string,
  ctx: ProvisionContext,
  results: ResultSink,
): Promise<Preparation> {
  const stored = await ledgerForAccount(accountId);
  const heldUntil = heldElsewhereUntil(stored, ctx);
  if (heldUntil !== undefined) return { busy: { until: heldUntil } };

  let gathered: GatheredUser;
  try {
    gathered = await ctx.reader.read(accountId);
  } catch (e) {
    if (!(e instanceof SourceFailedError)) throw e;
    await results.add(accountId, {
      audit: [
        failureAudit(ctx, accountId, { key: `source:${e.source}`, name: e.source, ruleId: '' }, e.message),
      ],
      userState: userState(ctx, accountId, 'failed', e.message, []),
    });
    return {
      done: {
        ...failedOutcome(accountId, e.message),
        sources: [{ source: e.source, status: 'failed', message: e.message }],
      },
    };
  }

  let resumed: Awaited<ReturnType<typeof finishIntents>>;
  try {
    resumed = await finishIntents(accountId, stored, ctx);
  } catch (e) {
    // Another run took the interrupted intents first: it finishes them, this user is tried again later.
    if (e instanceof WorkConflictError) return { busy: { until: ctx.now() } };
    throw e;
  }
  const ledger = resumed.ledger;
  // The user's groups were read before the interrupted changes were finished: plan from the groups they left.
  gathered = afterResumed(gathered, resumed);
  const plan = planFor(gathered, ledger, ctx);
  await recordDenialBases(plan, ledger);
  const resumedAnything = resumed.added.length + resumed.removed.length + resumed.failures.length > 0;

  if (plan.add.length === 0 && plan.remove.length === 0 && !resumedAnything) {
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

  return {
    prepared: {
      accountId,
      gathered,
      ledger,
      resumed: { added: resumed.added, removed: resumed.removed, failures: resumed.failures },
      plan,
      intents: newIntents(accountId, plan, ledger, ctx),
    },
  };
}

/** Site writes for a user whose intents are claimed (held by this run), one at a time, then its results. */
export async function applyUser(
  prepared: PreparedUser,
  ctx: ProvisionContext,
  results: ResultSink,
): Promise<UserOutcome> {
  const { accountId, plan, ledger, intents, resumed, gathered } = prepared;
  const settlement = new IntentSettlement(ctx);
  for (const intent of intents) {
    const reasons = {
      added:
        plan.add.find((g) => g.grantKey === intent.grantKey)?.reason ?? `Granted by rule ${intent.ruleId}`,
      removed:
        plan.remove.find((g) => g.grantKey === intent.grantKey)?.reason ??
        `Rule ${intent.ruleId} no longer applies`,
      resumed: false,
    };
    try {
      await writeIntent(intent, settlement, ctx, reasons);
    } catch (e) {
      // A transient failure stops here: what already happened is settled now, the rest stays held, and the retry
      // (this run's own, or another's once the lease has run out) resumes from the intents.
      await commitSettlement(settlement);
      throw e;
    }
  }
  const added = [...resumed.added, ...settlement.added];
  const removed = [...resumed.removed, ...settlement.removed];
  const failures = [...resumed.failures, ...settlement.failures];
  const status = failures.length ? 'failed' : 'ok';
  const message = failures.length
    ? failures
        .map((f) => f.message)
        .filter((m, i, all) => all.indexOf(m) === i)
        .join(' ')
    : `Added ${added.length}, removed ${removed.length}`;
  await results.add(accountId, {
    ...settlement.writes(),
    userState: userState(ctx, accountId, status, message, plan.matchedRuleIds),
  });
  const settled = new Set(intents.map((i) => i.grantKey));
  const heldNow = [...ledger.filter((r) => !settled.has(r.grantKey)), ...settlement.stillGranted];
  return {
    accountId,
    status,
    added,
    removed,
    grantedByRun: byRun(heldNow, ctx.runId),
    failures,
    sources: gathered.sources,
    plan,
    message,
  };
}

/**
 * One user end to end: prepare, claim its intents, write to the site, record the results. Throws
 * WorkConflictError when another run is working on the user (its caller tries again later).
 */
export async function provisionUser(
  accountId: string,
  ctx: ProvisionContext,
  results: ResultSink = WRITE_RESULTS_AT_ONCE,
): Promise<UserOutcome> {
  const preparation = await prepareUser(accountId, ctx, results);
  if ('done' in preparation) return preparation.done;
  if ('busy' in preparation) throw busyError(accountId, preparation.busy.until, ctx);
  try {
    await commitProvisioningWrites({
      claimLedger: intentClaims(preparation.prepared.intents, preparation.prepared.ledger),
    });
  } catch (e) {
    // A duplicate delivery claimed the user a moment earlier.
    if (classify(e).kind === 'conflict') throw busyError(accountId, ctx.now(), ctx);
    throw e;
  }
  return applyUser(preparation.prepared, ctx, results);
}

/** Another run holds the user's intents until `until` at the latest. */
export function busyError(
  accountId: string,
  until: number,
  ctx: Pick<ProvisionContext, 'now'>,
): WorkConflictError {
  const seconds = Math.max(1, Math.ceil((until - ctx.now()) / 1000));
  return new WorkConflictError(`Another run is provisioning ${accountId} right now.`, seconds);
}
