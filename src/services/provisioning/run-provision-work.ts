// Runs one provisioning queue message in rounds of several users (gathered and planned, their intents claimed in
// shared transactions, then written to the site one by one) within the invocation's time budget. Every user it
// cannot finish leaves through one hand-back (hand-back.ts); one user's failure never blocks the others.
import { recordHealth } from '../../storage/health-repository';
import { IntentClaims, ProvisioningResultBuffer } from '../../storage/provisioning-writes';
import { closeRateGate, getRateGate } from '../../storage/rate-governor-repository';
import { classify, type Failure } from '../failures';
import { withStorageQuota } from '../storage-quota';
import type { RuntimeDeps } from '../runtime-deps';
import {
  handBack,
  handBackReason,
  recordProvisionFailure,
  type HandBack,
  type HandBackResult,
} from './hand-back';
import { readerFor } from './gather-many';
import { releaseIntents } from './intents';
import type { SourceReport } from './gather-attributes';
import { loadProvisionContext } from './provision-context';
import {
  applyUser,
  busyError,
  failedOutcome,
  intentClaims,
  prepareUser,
  provisionUser,
  type PreparedUser,
  type ProvisionContext,
  type UserOutcome,
} from './provision-user';
import { provisioningTuning } from './provisioning-tuning';
import type { ProvisionWork } from './provisioning-work';
import { gateIsClosed } from './rate-governor';

export interface WorkResult extends HandBackResult {
  outcomes: UserOutcome[];
}

/** Users another run is provisioning right now, and when its hold ends at the latest. */
interface Conflicts {
  users: string[];
  /** The earliest end of those holds (epoch ms), when known. */
  heldUntil?: number;
}

/** What one round did: users finished (or failed for good), users another worker holds, and why it stopped early. */
interface RoundResult {
  outcomes: UserOutcome[];
  conflicted: Conflicts;
  /** The users of this round it did not finish (the caller adds the later rounds' users). */
  stop?: HandBack;
}

/** A transient failure stops the round: these users go back for the failure's reason. */
function stopFor(failure: Failure, users: string[]): HandBack {
  return { reason: handBackReason(failure), users, failure };
}

/**
 * Applies a claimed user's plan. If storage refuses halfway and the quota is waited out, the rerun starts from the
 * user's ledger (its claimed intents), not from this plan, which may be half done.
 */
function applyOnceThenResume(
  user: PreparedUser,
  ctx: ProvisionContext,
  results: ProvisioningResultBuffer,
): () => Promise<UserOutcome> {
  let applied = false;
  return () => {
    if (applied) return provisionUser(user.accountId, ctx, results);
    applied = true;
    return applyUser(user, ctx, results);
  };
}

/**
 * One round: prepare each user (users with nothing to change finish here), claim the prepared users' intents
 * together, then write each one's grants. Permanent failures are recorded per user and the round goes on.
 */
async function provisionRound(
  accountIds: string[],
  messageCtx: ProvisionContext,
  deps: RuntimeDeps,
  results: ProvisioningResultBuffer,
): Promise<RoundResult> {
  const { minBudgetMs } = provisioningTuning();
  // A round of several users reads their attributes in bulk; a lone user keeps the one-by-one path's latency.
  const ctx = { ...messageCtx, reader: readerFor(accountIds, messageCtx) };
  const outcomes: UserOutcome[] = [];
  const prepared: PreparedUser[] = [];
  const busy: Conflicts = { users: [] };
  /** Users this round had no time to start: handed back after the prepared ones are written. */
  let notStarted: string[] = [];
  const failForGood = async (accountId: string, failure: Failure) => {
    // A bug or an unexpected refusal: recorded against this user; the others carry on.
    const message = `Unexpected error: ${failure.message}`;
    await recordProvisionFailure(
      { accountId, runId: ctx.runId, source: ctx.source, at: deps.now() },
      message,
    );
    outcomes.push(failedOutcome(accountId, message));
  };

  for (let j = 0; j < accountIds.length; j++) {
    const accountId = accountIds[j] as string;
    if (j > 0 && deps.remainingMs() < minBudgetMs) {
      notStarted = accountIds.slice(j);
      break;
    }
    try {
      const preparation = await withStorageQuota(
        () => prepareUser(accountId, ctx, results),
        deps,
        minBudgetMs,
      );
      if ('done' in preparation) outcomes.push(preparation.done);
      else if ('busy' in preparation) {
        busy.users.push(accountId);
        busy.heldUntil = Math.min(busy.heldUntil ?? Infinity, preparation.busy.until);
      } else prepared.push(preparation.prepared);
    } catch (e) {
      const failure = classify(e);
      if (!failure.transient) {
        await failForGood(accountId, failure);
        continue;
      }
      // Nobody calls while a wait is in force, so the prepared users go back too (their reads are redone).
      const back = [...prepared.map((p) => p.accountId), ...accountIds.slice(j)];
      return { outcomes, conflicted: busy, stop: stopFor(failure, back) };
    }
  }

  const claims = new IntentClaims(
    prepared.map((p) => ({ accountId: p.accountId, claims: intentClaims(p.intents, p.ledger) })),
  );
  try {
    await withStorageQuota(() => claims.commit(), deps, minBudgetMs);
  } catch (e) {
    // Claims already committed are finished from their intents by the next run.
    const back = [...prepared.map((p) => p.accountId), ...notStarted];
    return { outcomes, conflicted: busy, stop: stopFor(classify(e), back) };
  }
  // A claim that collided: a duplicate delivery claimed the user a moment earlier.
  const conflicted: Conflicts = { ...busy, users: [...busy.users, ...claims.conflicted] };
  const claimed = prepared.filter((p) => !claims.conflicted.has(p.accountId));

  for (let k = 0; k < claimed.length; k++) {
    const user = claimed[k] as PreparedUser;
    const unfinished = () => [...claimed.slice(k).map((p) => p.accountId), ...notStarted];
    if (k > 0 && deps.remainingMs() < minBudgetMs)
      return { outcomes, conflicted, stop: { reason: 'budget', users: unfinished() } };
    try {
      outcomes.push(await withStorageQuota(applyOnceThenResume(user, ctx, results), deps, minBudgetMs));
    } catch (e) {
      const failure = classify(e);
      if (!failure.transient) await failForGood(user.accountId, failure);
      else return { outcomes, conflicted, stop: stopFor(failure, unfinished()) };
    }
  }
  return {
    outcomes,
    conflicted,
    ...(notStarted.length ? { stop: { reason: 'budget' as const, users: notStarted } } : {}),
  };
}

export async function runProvisionWork(work: ProvisionWork, deps: RuntimeDeps): Promise<WorkResult> {
  const ctx = await loadProvisionContext(deps, { runId: work.runId, source: work.source });
  const result: WorkResult = { outcomes: [], requeued: [], gaveUp: [] };
  // Product events are admitted without reading settings, so switching provisioning off is honoured here.
  if (!ctx.settings.provisioning.enabled) {
    await recordHealth({
      component: 'provisioning',
      ok: true,
      message: `Provisioning is switched off: ${work.accountIds.length} noticed user(s) were left as they are.`,
      at: deps.now(),
    });
    return result;
  }

  // A closed gate means Atlassian told someone to wait, or users are parked ahead of these: join the queue.
  const gate = await getRateGate();
  if (gateIsClosed(gate, deps.now(), work.released)) {
    await handBack(work, { reason: 'gate', users: work.accountIds }, deps, result);
    return result;
  }
  // A paced message that starts late goes back to the governor rather than crowd the waves of this second.
  if (work.startBy !== undefined && deps.now() > work.startBy) {
    await handBack(work, { reason: 'late', users: work.accountIds }, deps, result);
    return result;
  }

  const tuning = provisioningTuning();
  // Users' results share transactions (committed every `resultFlushOps` operations and when the message ends).
  const results = new ProvisioningResultBuffer();
  const flushResults = () => withStorageQuota(() => results.flush(), deps, 0);
  const conflicted: Conflicts = { users: [] };
  let gateReadAt = deps.now();
  let paceKnown = gate !== undefined;
  let stop: HandBack | undefined;
  try {
    for (let i = 0; i < work.accountIds.length && !stop; i += tuning.roundUsers) {
      const rest = work.accountIds.slice(i);
      // Re-checked between rounds: another worker may have been told to wait meanwhile.
      if (i > 0 && deps.now() - gateReadAt >= tuning.gateRecheckMs) {
        gateReadAt = deps.now();
        const current = await getRateGate();
        if (current !== undefined && current.until > gateReadAt) {
          stop = { reason: 'gate', users: rest };
          break;
        }
      }
      if (deps.remainingMs() < tuning.minBudgetMs) {
        stop = { reason: 'budget', users: rest };
        break;
      }
      if (results.pendingOps >= tuning.resultFlushOps) await flushResults();
      const round = await provisionRound(rest.slice(0, tuning.roundUsers), ctx, deps, results);
      if (!paceKnown) paceKnown = await notePaceHint(ctx, deps);
      for (const outcome of round.outcomes) await noteOutcome(outcome, ctx, results, deps);
      result.outcomes.push(...round.outcomes);
      conflicted.users.push(...round.conflicted.users);
      if (round.conflicted.heldUntil !== undefined)
        conflicted.heldUntil = Math.min(conflicted.heldUntil ?? Infinity, round.conflicted.heldUntil);
      if (round.stop)
        stop = { ...round.stop, users: [...round.stop.users, ...rest.slice(tuning.roundUsers)] };
    }
    if (stop) {
      // Nothing of this invocation's is in flight for the users it hands back: whoever runs them next may finish
      // their intents at once instead of waiting out this invocation's lease.
      if (stop.reason !== 'gate' && stop.reason !== 'late') await releaseIntents(stop.users, ctx);
      await handBack(work, stop, deps, result);
    }
    // Users another worker was provisioning at the same moment: again once it is done.
    if (conflicted.users.length) {
      const failure = classify(
        busyError(conflicted.users[0] as string, conflicted.heldUntil ?? deps.now(), ctx),
      );
      await handBack(work, { reason: 'conflict', users: conflicted.users, failure }, deps, result);
    }
  } finally {
    await flushResults();
  }
  return result;
}

/**
 * With no budget known yet, a success that says a budget is nearly spent sets the pace (its size a second, one
 * call per user) without closing the gate: the releaser's next waves follow it instead of drawing a 429.
 */
async function notePaceHint(ctx: ProvisionContext, deps: RuntimeDeps): Promise<boolean> {
  const hints = ctx.clients.calls.flatMap((c) => (c.nearLimit !== undefined ? [c.nearLimit] : []));
  if (hints.length === 0) return false;
  await closeRateGate(deps.now(), Math.min(...hints));
  return true;
}

/** Sources whose real use is the Overview's proof they work (or the reason they do not). */
const SOURCE_HEALTH: Partial<Record<SourceReport['source'], { component: string; name: string }>> = {
  scim: { component: 'source:scim', name: 'the SCIM directory' },
  'org-directory': { component: 'source:org-directory', name: 'the organization directory' },
};

function noteSourceHealth(outcome: UserOutcome, results: ProvisioningResultBuffer, at: number): void {
  for (const report of outcome.sources) {
    const source = SOURCE_HEALTH[report.source];
    if (!source) continue;
    if (report.status === 'ok' || report.status === 'not-found')
      results.noteHealth({
        component: source.component,
        ok: true,
        message: `Read for a user by provisioning from ${source.name}.`,
        at,
      });
    else if (report.status === 'failed')
      results.noteHealth({ component: source.component, ok: false, message: report.message, at });
  }
}

/** What a finished user tells the rest of the app: rules that matched, and the write path's health. */
async function noteOutcome(
  outcome: UserOutcome,
  ctx: ProvisionContext,
  results: ProvisioningResultBuffer,
  deps: RuntimeDeps,
): Promise<void> {
  if (outcome.plan?.matchedRuleIds.length) results.noteRuleMatches(outcome.plan.matchedRuleIds, deps.now());
  noteSourceHealth(outcome, results, deps.now());
  const pathFailure = outcome.failures.find((f) => f.scope === 'write-path');
  if (pathFailure)
    await recordHealth({ component: 'write-path', ok: false, message: pathFailure.message, at: deps.now() });
  else if (outcome.added.length || outcome.removed.length)
    results.noteHealth({
      component: 'write-path',
      ok: true,
      message: `Writing through ${ctx.writer.describe}`,
      at: deps.now(),
    });
}
