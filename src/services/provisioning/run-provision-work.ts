// Runs one provisioning queue message in rounds of several users (gathered and planned, their intents claimed in
// shared transactions, then written to the site one by one) within the invocation's time budget; rate limits and
// outages put the rest back on the queue with a delay; one user's failure never blocks the others.
import { AtlassianApiError } from '../../clients/api-error';
import { recordHealth } from '../../storage/health-repository';
import {
  commitProvisioningWrites,
  IntentClaims,
  ProvisioningResultBuffer,
} from '../../storage/provisioning-writes';
import { closeRateGate, getRateGate } from '../../storage/rate-governor-repository';
import { gateIsClosed, park } from './rate-governor';
import { isStorageQuotaError, quotaRetryAfterSeconds, withStorageQuota } from '../storage-quota';
import { auditId } from '../audit-ids';
import type { RuntimeDeps } from '../runtime-deps';
import { loadProvisionContext } from './provision-context';
import {
  applyUser,
  failedOutcome,
  intentClaims,
  prepareUser,
  provisionUser,
  type PreparedUser,
  type ProvisionContext,
  type UserOutcome,
} from './provision-user';
import { PROVISION_QUEUE, type ProvisionWork } from './provisioning-work';

/** Stop starting new users when less than this is left: one user can take a few seconds under latency. */
const MIN_BUDGET_MS = 15_000;
/**
 * How often a worker re-reads the shared rate gate between users. Every read is metered by Forge's storage
 * quota, and a worker that misses a just-closed gate for a few seconds only risks its own 429, which parks it.
 */
const GATE_RECHECK_MS = 5_000;
/** Results are committed once this many operations are waiting (a transaction holds at most 25). */
const RESULT_FLUSH_OPS = 25;
/**
 * Users prepared together in one round: their intents share one transaction (a write against Forge's storage
 * quota), while a rate limit met halfway through a round only costs the round's attributes being read again.
 */
const ROUND_USERS = 10;
/** After this many put-backs (about a day of back-off), the user is marked failed and left to the daily pass. */
export const MAX_ATTEMPTS = 12;

export interface WorkResult {
  outcomes: UserOutcome[];
  requeued: string[];
  gaveUp: string[];
  delaySeconds?: number;
}

/** Storage quota errors from @forge/kvs are as transient as a 429 from Jira. */
function transientDelay(e: unknown, attempt: number, now: number, key: string): number | undefined {
  const backoff = Math.min(900, 15 * 2 ** attempt);
  if (e instanceof AtlassianApiError && e.transient)
    return Math.min(900, Math.max(e.retryAfterSeconds ?? 0, e.kind === 'rate-limited' ? 1 : backoff));
  // Storage quotas are counted per minute: back when it turns (spread), not a whole minute later.
  if (isStorageQuotaError(e)) return quotaRetryAfterSeconds(now, key);
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'KEY_ALREADY_EXISTS' || code === 'CONDITION_CHECK_FAILED') return Math.max(5, backoff);
  if (e instanceof Error && e.name === 'QueueBusyError') return 60;
  return undefined;
}

async function gateClosedSince(now: number): Promise<boolean> {
  const gate = await getRateGate();
  return gate !== undefined && gate.until > now;
}

/** How a round ended early: the users it did not finish, and the transient error that stopped it (if any). */
interface RoundStop {
  unfinished: string[];
  error?: unknown;
}

/**
 * One round: prepare each user (users with nothing to change finish here), claim the prepared users' intents
 * together, then write each one's grants. Permanent failures are recorded per user and the round goes on.
 */
async function provisionRound(
  accountIds: string[],
  ctx: ProvisionContext,
  work: ProvisionWork,
  deps: RuntimeDeps,
  outcomes: UserOutcome[],
  conflicted: string[],
): Promise<RoundStop | undefined> {
  const prepared: PreparedUser[] = [];
  /** Users this round had no time to start: back on the queue after the prepared ones are written. */
  let notStarted: string[] = [];
  const failed = async (accountId: string, e: unknown) => {
    // A bug or an unexpected refusal: recorded against this user; the others carry on.
    const message = `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    await recordFailure(ctx, accountId, message, deps);
    outcomes.push(failedOutcome(accountId, message));
  };
  for (let j = 0; j < accountIds.length; j++) {
    const accountId = accountIds[j] as string;
    if (j > 0 && deps.remainingMs() < MIN_BUDGET_MS) {
      // Out of time: the prepared users are still written below; the rest go back on the queue.
      notStarted = accountIds.slice(j);
      break;
    }
    try {
      const preparation = await withStorageQuota(() => prepareUser(accountId, ctx), deps, MIN_BUDGET_MS);
      if ('done' in preparation) outcomes.push(preparation.done);
      else prepared.push(preparation.prepared);
    } catch (e) {
      if (transientDelay(e, work.attempt, deps.now(), work.runId) === undefined) await failed(accountId, e);
      // Nobody calls while a wait is in force, so the prepared users go back too (their reads are redone).
      else return { unfinished: [...prepared.map((p) => p.accountId), ...accountIds.slice(j)], error: e };
    }
  }
  const claims = new IntentClaims(prepared.map((p) => ({ accountId: p.accountId, claims: intentClaims(p) })));
  try {
    await withStorageQuota(() => claims.commit(), deps, MIN_BUDGET_MS);
  } catch (e) {
    // Claims already committed are finished from their intents by the next run.
    return { unfinished: [...prepared.map((p) => p.accountId), ...notStarted], error: e };
  }
  conflicted.push(...claims.conflicted);
  const claimed = prepared.filter((p) => !claims.conflicted.has(p.accountId));
  for (let k = 0; k < claimed.length; k++) {
    const user = claimed[k] as PreparedUser;
    if (k > 0 && deps.remainingMs() < MIN_BUDGET_MS)
      return { unfinished: [...claimed.slice(k).map((p) => p.accountId), ...notStarted] };
    // If storage refuses halfway, the user is redone from its ledger (its intents), not from this plan.
    let retried = false;
    try {
      const outcome = await withStorageQuota(
        () => (retried ? provisionUser(user.accountId, ctx) : ((retried = true), applyUser(user, ctx))),
        deps,
        MIN_BUDGET_MS,
      );
      outcomes.push(outcome);
    } catch (e) {
      if (transientDelay(e, work.attempt, deps.now(), work.runId) === undefined)
        await failed(user.accountId, e);
      else return { unfinished: [...claimed.slice(k).map((p) => p.accountId), ...notStarted], error: e };
    }
  }
  return notStarted.length ? { unfinished: notStarted } : undefined;
}

export async function runProvisionWork(work: ProvisionWork, deps: RuntimeDeps): Promise<WorkResult> {
  const ctx = await loadProvisionContext(deps, {
    runId: work.runId,
    source: work.source,
  });
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
  let gateReadAt = deps.now();
  if (gateIsClosed(gate, deps.now(), work.released)) {
    result.delaySeconds = await park(work, work.accountIds, deps);
    result.requeued.push(...work.accountIds);
    return result;
  }
  // A paced message that starts late goes back to the governor rather than crowd the waves of this second.
  if (work.startBy !== undefined && deps.now() > work.startBy) {
    result.delaySeconds = await park(work, work.accountIds, deps);
    result.requeued.push(...work.accountIds);
    return result;
  }
  // Users' results share transactions (committed every 25 operations and when the message ends).
  const results = new ProvisioningResultBuffer();
  ctx.results = results;
  const flushResults = () => withStorageQuota(() => results.flush(), deps, 0);
  const conflicted: string[] = [];
  let paceKnown = gate !== undefined;
  try {
    for (let i = 0; i < work.accountIds.length; i += ROUND_USERS) {
      // Re-checked between rounds: another worker may have been told to wait meanwhile.
      if (i > 0 && deps.now() - gateReadAt >= GATE_RECHECK_MS) {
        gateReadAt = deps.now();
        if (await gateClosedSince(gateReadAt)) {
          const rest = work.accountIds.slice(i);
          result.delaySeconds = await park(work, rest, deps);
          result.requeued.push(...rest);
          break;
        }
      }
      if (deps.remainingMs() < MIN_BUDGET_MS) {
        const rest = work.accountIds.slice(i);
        await deps.enqueue(PROVISION_QUEUE, [{ body: { ...work, accountIds: rest } }]);
        result.requeued.push(...rest);
        break;
      }
      if (results.pendingOps >= RESULT_FLUSH_OPS) await flushResults();
      const round = work.accountIds.slice(i, i + ROUND_USERS);
      const outcomes: UserOutcome[] = [];
      const stop = await provisionRound(round, ctx, work, deps, outcomes, conflicted);
      if (!paceKnown) paceKnown = await notePaceHint(ctx, deps);
      for (const outcome of outcomes) await noteOutcome(outcome, ctx, results, deps);
      result.outcomes.push(...outcomes);
      if (!stop) continue;
      const rest = [...stop.unfinished, ...work.accountIds.slice(i + ROUND_USERS)];
      await handBack(work, rest, stop.error, ctx, deps, result);
      break;
    }
    // Users another worker was provisioning at the same moment: again once it is done.
    if (conflicted.length)
      await handBack(
        work,
        conflicted,
        Object.assign(new Error('Another run was provisioning these users'), {
          code: 'CONDITION_CHECK_FAILED',
        }),
        ctx,
        deps,
        result,
      );
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

/** What a finished user tells the rest of the app: rules that matched, and the write path's health. */
async function noteOutcome(
  outcome: UserOutcome,
  ctx: ProvisionContext,
  results: ProvisioningResultBuffer,
  deps: RuntimeDeps,
): Promise<void> {
  if (outcome.plan?.matchedRuleIds.length) results.noteRuleMatches(outcome.plan.matchedRuleIds, deps.now());
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

/**
 * Puts unfinished users back: parked with the rate governor after a 429, back on the queue after a delay for
 * other transient trouble (or for the time budget, when there is no error), given up after MAX_ATTEMPTS.
 */
async function handBack(
  work: ProvisionWork,
  rest: string[],
  error: unknown,
  ctx: ProvisionContext,
  deps: RuntimeDeps,
  result: WorkResult,
): Promise<void> {
  if (rest.length === 0) return;
  if (error === undefined) {
    await deps.enqueue(PROVISION_QUEUE, [{ body: { ...work, accountIds: rest } }]);
    result.requeued.push(...rest);
    return;
  }
  if (error instanceof AtlassianApiError && error.kind === 'rate-limited') {
    // Being told to wait is not a failure: park the rest with the governor, which paces them back.
    result.delaySeconds = await park(work, rest, deps, error);
    result.requeued.push(...rest);
    return;
  }
  const delay = transientDelay(error, work.attempt, deps.now(), work.runId) ?? 60;
  const attempt = work.attempt + 1;
  if (attempt >= MAX_ATTEMPTS) {
    for (const id of rest)
      await recordFailure(
        ctx,
        id,
        `Gave up after ${MAX_ATTEMPTS} attempts: ${error instanceof Error ? error.message : 'unknown error'}. The daily pass will try again.`,
        deps,
      );
    result.gaveUp.push(...rest);
    return;
  }
  const wait = Math.min(900, Math.max(1, delay));
  await deps.enqueue(PROVISION_QUEUE, [
    { body: { ...work, accountIds: rest, attempt }, delayInSeconds: wait },
  ]);
  result.requeued.push(...rest);
  result.delaySeconds = Math.max(result.delaySeconds ?? 0, wait);
}

async function recordFailure(
  ctx: ProvisionContext,
  accountId: string,
  message: string,
  deps: RuntimeDeps,
): Promise<void> {
  await commitProvisioningWrites({
    audit: [
      {
        id: auditId(accountId, 'provision', 'provision-failed', ctx.runId),
        at: deps.now(),
        accountId,
        action: 'provision-failed',
        target: 'provisioning',
        targetName: 'Provisioning',
        ruleId: '',
        reason: message,
        outcome: 'failed',
        runId: ctx.runId,
        actor: 'app',
      },
    ],
    userState: {
      accountId,
      status: 'failed',
      updatedAt: deps.now(),
      message,
      matchedRuleIds: [],
      source: ctx.source,
      runId: ctx.runId,
    },
  });
}
