// The intake and pacer of provisioning. Every noticed user is parked, and one releaser turns the parked users into
// queue messages of several users each: a burst of thousands of logins costs a few dozen queue events (Forge
// accepts 500 a minute), not one each. When any worker is told to wait (429) the gate closes: that worker and
// every newcomer park their users instead of retrying early (which earns everyone sharing the app's budget a
// longer wait), and the releaser sends them back in one-second waves sized to the budget until nobody is parked.
import type { AtlassianApiError } from '../../clients/api-error';
import type { CallRecord } from '../../clients/http-chokepoint';
import {
  claimParked,
  claimReleaser,
  closeRateGate,
  getRateGate,
  listParked,
  openRateGate,
  parkUsers,
  releaseReleaser,
  unpark,
  type ParkedUser,
  type RateGate,
} from '../../storage/rate-governor-repository';
import { planWaves } from '../../domain/release-waves';
import { CHAIN_BUDGET } from '../chain-relay';
import { ChainLimitError, type RuntimeDeps, type WorkItem } from '../runtime-deps';
import { JOBS_QUEUE, type JobsWork } from '../jobs/jobs-work';
import { PROVISION_QUEUE, type ProvisionWork } from './provisioning-work';
import { PROVISION_CONCURRENCY, provisioningTuning } from './provisioning-tuning';

/** How long each of Atlassian's budgets counts over (RateLimit-Reason), to turn its size into a pace. */
const BUDGET_WINDOW_SECONDS: Record<string, number> = {
  'jira-cost-based': 1,
  'confluence-cost-based': 1,
  'jira-quota-based': 3_600,
  'confluence-quota-based': 3_600,
};
/** Users per second the refused budget allows: each user needs one call of each endpoint it uses. */
export function usersPerSecond(e: AtlassianApiError): number {
  const window = BUDGET_WINDOW_SECONDS[e.rateLimit?.reason ?? ''] ?? (e.api === 'admin' ? 60 : 1);
  return Math.max(1, Math.floor((e.rateLimit?.limit ?? 1) / window));
}

/**
 * After calls that said a per-minute budget (the Admin API's, per org) is nearly spent, closes the shared gate
 * until the minute turns: every worker holds off before the 429, whose early retries by the workers still calling
 * would each lengthen everyone's wait by another minute. Looks at `calls` from index `from`; returns where to look
 * from next time.
 */
export async function holdOffNearMinuteBudget(
  calls: readonly CallRecord[],
  from: number,
  now: number,
): Promise<number> {
  const near = calls.slice(from).find((c) => c.api === 'admin' && c.nearLimit !== undefined);
  if (near?.nearLimit !== undefined)
    await closeRateGate(now - (now % 60_000) + 61_000, Math.max(1, Math.floor(near.nearLimit / 60)));
  return calls.length;
}

/**
 * Whether work must park instead of calling Atlassian: while a Retry-After runs nobody calls (early retries
 * lengthen everyone's wait); while users are parked only the releaser's waves go ahead, in their turn.
 */
export function gateIsClosed(gate: RateGate | undefined, now: number, released: boolean): boolean {
  if (!gate) return false;
  return gate.until > now || (gate.backlog && !released);
}

async function ensureReleaser(
  deps: RuntimeDeps,
  delaySeconds: number | (() => Promise<number>),
): Promise<void> {
  if (!(await claimReleaser(provisioningTuning().releaserTtlSeconds))) return;
  try {
    const delay = typeof delaySeconds === 'number' ? delaySeconds : await delaySeconds();
    await deps.enqueue(JOBS_QUEUE, [
      {
        body: { kind: 'release-parked', chain: 1 } satisfies JobsWork,
        delayInSeconds: Math.min(900, Math.max(1, delay)),
      },
    ]);
  } catch (e) {
    // Not queued: give up the claim so the retry (or the next park, or the backstop) queues one.
    await releaseReleaser();
    // This chain of async events is spent: the users stay parked for the next notice or the five-minute backstop,
    // which start new chains; failing this message would change nothing.
    if (e instanceof ChainLimitError) return;
    throw e;
  }
}

/**
 * Pushes the releaser's own next run or messages of users (`chainSoFar` pushes made before in its chain). Once
 * its chain has spent its budget, or Forge refuses for the chain limit, the releaser stops and gives up its claim:
 * the users stay parked, and the next notice or park (from a product event, a new chain) or the five-minute
 * backstop queues a new releaser. Returns whether the push was made.
 */
async function releaserPush(
  deps: RuntimeDeps,
  queue: string,
  items: WorkItem[],
  chainSoFar: number,
): Promise<boolean> {
  if (chainSoFar + 1 <= CHAIN_BUDGET)
    try {
      await deps.enqueue(queue, items);
      return true;
    } catch (e) {
      if (!(e instanceof ChainLimitError)) throw e;
    }
  await releaseReleaser();
  return false;
}

/** Safety net for the five-minute backstop: parked users with no releaser coming (its claim lapsed) get one. */
export async function reviveReleaser(deps: RuntimeDeps): Promise<boolean> {
  if ((await listParked(1)).length === 0) return false;
  const before = await claimReleaser(provisioningTuning().releaserTtlSeconds);
  if (!before) return false;
  try {
    await deps.enqueue(JOBS_QUEUE, [{ body: { kind: 'release-parked', chain: 1 } satisfies JobsWork }]);
  } catch (e) {
    await releaseReleaser();
    throw e;
  }
  return true;
}

/**
 * Takes a noticed user in: parked until the releaser (coming within `delaySeconds`) sends it on. Returns false
 * when the user was already waiting (the notice is coalesced). One write per new user.
 */
export async function admit(
  user: Omit<ParkedUser, 'parkedAt'>,
  deps: RuntimeDeps,
  /** Read only when this notice is the one that queues the releaser. */
  delaySeconds: number | (() => Promise<number>),
): Promise<boolean> {
  if (!(await claimParked({ ...user, parkedAt: deps.now() }))) return false;
  await ensureReleaser(deps, delaySeconds);
  return true;
}

/** Parks users of a work item (after a 429, or while others are parked) and makes sure a releaser will come. */
export async function park(
  work: ProvisionWork,
  accountIds: string[],
  deps: RuntimeDeps,
  refusal?: AtlassianApiError,
): Promise<number> {
  const now = deps.now();
  if (refusal) await closeRateGate(now + (refusal.retryAfterSeconds ?? 1) * 1000, usersPerSecond(refusal));
  await parkUsers(
    accountIds.map((accountId) => ({ accountId, source: work.source, runId: work.runId, parkedAt: now })),
  );
  const gate = await getRateGate();
  const delay = Math.ceil(((gate?.until ?? now) - now) / 1000);
  await ensureReleaser(deps, delay);
  return delay;
}

/**
 * The releaser: sends parked users back in waves, one second apart, of the size the budget allows. `chainSoFar`:
 * push requests already made in its chain of async events.
 */
export async function releaseParked(
  deps: RuntimeDeps,
  slowStartStep = 0,
  chainSoFar = 0,
): Promise<{ released: number; remaining: boolean }> {
  const gate = await getRateGate();
  const now = deps.now();
  if (gate && gate.until > now) {
    const body = { kind: 'release-parked', chain: chainSoFar + 1 } satisfies JobsWork;
    const delayInSeconds = Math.min(900, Math.ceil((gate.until - now) / 1000));
    await releaserPush(deps, JOBS_QUEUE, [{ body, delayInSeconds }], chainSoFar);
    return { released: 0, remaining: true };
  }
  // Paced waves one second apart while a rate limit is in force; otherwise a slow start (see openReleaseBatch).
  const tuning = provisioningTuning();
  const paced = gate !== undefined;
  const limit = paced ? gate.usersPerSecond * tuning.wavesPerRun : tuning.openReleaseBatch;
  const parked = await listParked(limit);
  if (parked.length === 0) {
    await openRateGate();
    await releaseReleaser();
    return { released: 0, remaining: false };
  }
  // The end of the backlog is in sight when this run can send everyone parked and nobody has been parked for a
  // few seconds (while people keep arriving, small end-of-backlog messages would only cost storage writes).
  const newest = Math.max(...parked.map((u) => u.parkedAt));
  const planned = planWaves(parked, {
    usersPerSecond: paced ? gate.usersPerSecond : undefined,
    endOfBacklog: parked.length < limit && now - newest >= tuning.quietBeforeEndMs,
    slowStartStep,
  });
  // In a slow start, one wave a run: the first messages may tell the pace (a near-limit header, a 429), which the
  // next run, a second later, then follows instead of a wave planned before anyone knew.
  const waves = paced ? planned : planned.slice(0, 1);
  const items = waves.flatMap((wave, second) =>
    wave.map((users, lane) => {
      const first = users[0] as ParkedUser;
      const work: ProvisionWork = {
        accountIds: users.map((u) => u.accountId),
        source: first.source as ProvisionWork['source'],
        // Users noticed one by one share the message's run id (the audit trail's "run").
        runId: users.length === 1 ? first.runId : `release:${now}:${second}:${lane}`,
        attempt: 0,
        released: true,
        // Only a pace can be crowded: with no budget known, a late message simply runs.
        ...(paced ? { startBy: now + (second + tuning.lateAfterSeconds) * 1000 } : {}),
      };
      // A concurrency key caps how many provisioning messages run at once, so the first 429 of a burst
      // finds few others already in flight (each of which would lengthen the wait).
      return { body: work, delayInSeconds: second, concurrency: PROVISION_CONCURRENCY };
    }),
  );
  if (!(await releaserPush(deps, PROVISION_QUEUE, items, chainSoFar)))
    return { released: 0, remaining: true };
  const sent = waves.flat(2);
  await unpark(sent.map((u) => u.accountId));
  // Look again once these waves have gone and the queue's per-minute budget allows another round.
  const again = Math.max(waves.length, Math.ceil((items.length / tuning.releaserEventsPerMinute) * 60), 1);
  const next: JobsWork = paced
    ? { kind: 'release-parked', chain: chainSoFar + 2 }
    : { kind: 'release-parked', slowStartStep: slowStartStep + 1, chain: chainSoFar + 2 };
  await releaserPush(
    deps,
    JOBS_QUEUE,
    [{ body: next, delayInSeconds: Math.min(900, again) }],
    chainSoFar + 1,
  );
  return { released: sent.length, remaining: true };
}
