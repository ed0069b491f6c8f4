// Paces provisioning to Atlassian's rate budgets across all workers. When any worker is told to wait (429), the
// gate closes: that worker and every newcomer park their users instead of retrying early (which earns everyone
// sharing the app's budget a longer wait), and a single releaser sends them back in one-second waves sized to
// the budget, until nobody is parked and the gate opens again.
import type { AtlassianApiError } from '../../clients/api-error';
import {
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
import type { RuntimeDeps } from '../runtime-deps';
import { JOBS_QUEUE, type JobsWork } from '../jobs/jobs-work';
import { PROVISION_QUEUE, type ProvisionWork } from './provisioning-work';

/** How long each of Atlassian's budgets counts over (RateLimit-Reason), to turn its size into a pace. */
const BUDGET_WINDOW_SECONDS: Record<string, number> = {
  'jira-cost-based': 1,
  'confluence-cost-based': 1,
  'jira-quota-based': 3_600,
  'confluence-quota-based': 3_600,
};
/** Waves one releaser run schedules ahead (each at most 1 second apart), before it looks at the backlog again. */
const WAVES_PER_RUN = 30;
const RELEASER_TTL_SECONDS = 20 * 60;

/** Users per second the refused budget allows: each user needs one call of each endpoint it uses. */
export function usersPerSecond(e: AtlassianApiError): number {
  const window = BUDGET_WINDOW_SECONDS[e.rateLimit?.reason ?? ''] ?? (e.api === 'admin' ? 60 : 1);
  return Math.max(1, Math.floor((e.rateLimit?.limit ?? 1) / window));
}

/**
 * Whether work must park instead of calling Atlassian: while a Retry-After runs nobody calls (early retries
 * lengthen everyone's wait); while users are parked only the releaser's waves go ahead, in their turn.
 */
export function gateIsClosed(gate: RateGate | undefined, now: number, released: boolean): boolean {
  if (!gate) return false;
  return gate.until > now || (gate.backlog && !released);
}

async function ensureReleaser(deps: RuntimeDeps, delaySeconds: number): Promise<void> {
  if (!(await claimReleaser(RELEASER_TTL_SECONDS))) return;
  try {
    await deps.enqueue(JOBS_QUEUE, [
      {
        body: { kind: 'release-parked' } satisfies JobsWork,
        delayInSeconds: Math.min(900, Math.max(1, delaySeconds)),
      },
    ]);
  } catch (e) {
    // Not queued: give up the claim so the retry (or the next park, or the backstop) queues one.
    await releaseReleaser();
    throw e;
  }
}

/** Safety net for the five-minute backstop: parked users with no releaser coming (its claim lapsed) get one. */
export async function reviveReleaser(deps: RuntimeDeps): Promise<boolean> {
  if ((await listParked(1)).length === 0) return false;
  const before = await claimReleaser(RELEASER_TTL_SECONDS);
  if (!before) return false;
  try {
    await deps.enqueue(JOBS_QUEUE, [{ body: { kind: 'release-parked' } satisfies JobsWork }]);
  } catch (e) {
    await releaseReleaser();
    throw e;
  }
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
    accountIds.map((accountId) => ({
      accountId,
      source: work.source,
      runId: work.runId,
      releaseMarker: work.releaseMarkers,
      parkedAt: now,
    })),
  );
  const gate = await getRateGate();
  const delay = Math.ceil(((gate?.until ?? now) - now) / 1000);
  await ensureReleaser(deps, delay);
  return delay;
}

/** The releaser: sends parked users back in waves, one second apart, of the size the budget allows. */
export async function releaseParked(deps: RuntimeDeps): Promise<{ released: number; remaining: boolean }> {
  const gate = await getRateGate();
  const now = deps.now();
  if (gate && gate.until > now) {
    await deps.enqueue(JOBS_QUEUE, [
      {
        body: { kind: 'release-parked' } satisfies JobsWork,
        delayInSeconds: Math.min(900, Math.ceil((gate.until - now) / 1000)),
      },
    ]);
    return { released: 0, remaining: true };
  }
  const perWave = gate?.usersPerSecond ?? 10;
  const parked = await listParked(perWave * WAVES_PER_RUN);
  if (parked.length === 0) {
    await openRateGate();
    await releaseReleaser();
    return { released: 0, remaining: false };
  }
  const items = [];
  for (let wave = 0; wave * perWave < parked.length; wave++) {
    const users = parked.slice(wave * perWave, (wave + 1) * perWave);
    // Users parked from different runs keep their own run id (audit) and marker flag.
    const groups = new Map<string, ParkedUser[]>();
    for (const user of users) {
      const key = `${user.source}\u0000${user.runId}\u0000${user.releaseMarker}`;
      groups.set(key, [...(groups.get(key) ?? []), user]);
    }
    for (const group of groups.values()) {
      const first = group[0] as ParkedUser;
      const work: ProvisionWork = {
        accountIds: group.map((u) => u.accountId),
        source: first.source as ProvisionWork['source'],
        runId: first.runId,
        attempt: 0,
        releaseMarkers: first.releaseMarker,
        released: true,
      };
      items.push({ body: work, delayInSeconds: wave });
    }
  }
  await deps.enqueue(PROVISION_QUEUE, items);
  await unpark(parked.map((u) => u.accountId));
  const waves = Math.ceil(parked.length / perWave);
  // Look again once these waves have gone: users parked meanwhile (or parked again) are next.
  await deps.enqueue(JOBS_QUEUE, [
    { body: { kind: 'release-parked' } satisfies JobsWork, delayInSeconds: waves },
  ]);
  return { released: parked.length, remaining: true };
}
