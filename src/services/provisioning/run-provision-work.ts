// Runs one provisioning queue message: each account in turn within the invocation's time budget; rate limits and
// outages put the rest back on the queue with a delay; one user's failure never blocks the others.
import { AtlassianApiError } from '../../clients/api-error';
import { recordRuleMatches } from '../../storage/rules-repository';
import { recordHealth } from '../../storage/health-repository';
import { commitProvisioningWrites, ProvisioningResultBuffer } from '../../storage/provisioning-writes';
import { getRateGate } from '../../storage/rate-governor-repository';
import { gateIsClosed, park } from './rate-governor';
import { isStorageQuotaError, withStorageQuota } from '../storage-quota';
import { auditId } from '../audit-ids';
import type { RuntimeDeps } from '../runtime-deps';
import { loadProvisionContext } from './provision-context';
import { failedOutcome, provisionUser, type ProvisionContext, type UserOutcome } from './provision-user';
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
/** After this many put-backs (about a day of back-off), the user is marked failed and left to the daily pass. */
export const MAX_ATTEMPTS = 12;

export interface WorkResult {
  outcomes: UserOutcome[];
  requeued: string[];
  gaveUp: string[];
  delaySeconds?: number;
}

/** Storage quota errors from @forge/kvs are as transient as a 429 from Jira. */
function transientDelay(e: unknown, attempt: number): number | undefined {
  const backoff = Math.min(900, 15 * 2 ** attempt);
  if (e instanceof AtlassianApiError && e.transient)
    return Math.min(900, Math.max(e.retryAfterSeconds ?? 0, e.kind === 'rate-limited' ? 1 : backoff));
  if (isStorageQuotaError(e)) return 60;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'KEY_ALREADY_EXISTS' || code === 'CONDITION_CHECK_FAILED') return Math.max(5, backoff);
  if (e instanceof Error && e.name === 'QueueBusyError') return 60;
  return undefined;
}

async function gateClosedSince(now: number): Promise<boolean> {
  const gate = await getRateGate();
  return gate !== undefined && gate.until > now;
}

export async function runProvisionWork(work: ProvisionWork, deps: RuntimeDeps): Promise<WorkResult> {
  const ctx = await loadProvisionContext(deps, {
    runId: work.runId,
    source: work.source,
  });
  const result: WorkResult = { outcomes: [], requeued: [], gaveUp: [] };
  const matched = new Set<string>();
  let wroteSomething = false;
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
  // Users' results share transactions (committed every 25 operations and when the message ends).
  const results = new ProvisioningResultBuffer();
  ctx.results = results;
  const flushResults = () => withStorageQuota(() => results.flush(), deps, 0);
  try {
    for (let i = 0; i < work.accountIds.length; i++) {
      const accountId = work.accountIds[i] as string;
      // Re-checked between users: another worker may have been told to wait meanwhile.
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
      try {
        const outcome = await withStorageQuota(() => provisionUser(accountId, ctx), deps, MIN_BUDGET_MS);
        result.outcomes.push(outcome);
        outcome.plan?.matchedRuleIds.forEach((id) => matched.add(id));
        if (outcome.added.length || outcome.removed.length) wroteSomething = true;
        const pathFailure = outcome.failures.find((f) => f.scope === 'write-path');
        if (pathFailure)
          await recordHealth({
            component: 'write-path',
            ok: false,
            message: pathFailure.message,
            at: deps.now(),
          });
      } catch (e) {
        const delay = transientDelay(e, work.attempt);
        if (delay === undefined) {
          // A bug or an unexpected refusal: record it against this user and carry on with the others.
          const message = `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
          await recordFailure(ctx, accountId, message, deps);
          result.outcomes.push(failedOutcome(accountId, message));
          continue;
        }
        const rest = work.accountIds.slice(i);
        if (e instanceof AtlassianApiError && e.kind === 'rate-limited') {
          // Being told to wait is not a failure: park the rest with the governor, which paces them back.
          result.delaySeconds = await park(work, rest, deps, e);
          result.requeued.push(...rest);
          break;
        }
        const wakeAt = deps.now() + delay * 1000;
        const attempt = work.attempt + 1;
        if (attempt >= MAX_ATTEMPTS) {
          for (const id of rest)
            await recordFailure(
              ctx,
              id,
              `Gave up after ${MAX_ATTEMPTS} attempts: ${e instanceof Error ? e.message : String(e)}. The daily pass will try again.`,
              deps,
            );
          result.gaveUp.push(...rest);
        } else {
          const wait = Math.min(900, Math.max(1, Math.ceil((wakeAt - deps.now()) / 1000)));
          await deps.enqueue(PROVISION_QUEUE, [
            { body: { ...work, accountIds: rest, attempt }, delayInSeconds: wait },
          ]);
          result.requeued.push(...rest);
          result.delaySeconds = wait;
        }
        break;
      }
    }
  } finally {
    await flushResults();
  }
  if (matched.size) await recordRuleMatches([...matched], deps.now());
  if (wroteSomething)
    await recordHealth({
      component: 'write-path',
      ok: true,
      message: `Writing through ${ctx.writer.describe}`,
      at: deps.now(),
    });
  return result;
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
