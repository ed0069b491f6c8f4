// Admin-started backfill (apply the rules to every existing user) and impact preview (the same, changing nothing):
// users are listed into small pages on the jobs queue, each page recorded once, so a job survives crashes,
// timeouts and redelivery with exact progress, can be cancelled, and stays within Forge's queue limits.
import { randomUUID } from 'node:crypto';
import { jobTotalsText, type GrantImpact, type JobKind, type JobProgress } from '../../shared/jobs';
import { appendAudit } from '../../storage/audit-repository';
import {
  activeJobId,
  claimActiveJob,
  getJob,
  pagePlans,
  pageResults,
  putJob,
  putPagePlans,
  putPageResult,
  releaseActiveJob,
  type JobRecord,
  type PagePlan,
} from '../../storage/jobs-repository';
import { auditId } from '../audit-ids';
import type { RuntimeDeps } from '../runtime-deps';
import { loadProvisionContext } from '../provisioning/provision-context';
import { planUser, provisionUser, writeResultsWaitingOutQuota } from '../provisioning/provision-user';
import { readerFor } from '../provisioning/gather-many';
import { SourceFailedError } from '../provisioning/gather-attributes';
import { ImpactTally, mergeImpacts } from './impact';
import { putPageAffected } from '../../storage/affected-users-repository';
import { dropAffectedLists } from './affected-retention';
import { withStorageQuota } from '../storage-quota';
import { OutOfTimeError, WorkConflictError } from '../failures';
import { AtlassianApiError } from '../../clients/api-error';
import { closeRateGate, getRateGate } from '../../storage/rate-governor-repository';
import { holdOffNearMinuteBudget, usersPerSecond } from '../provisioning/rate-governor';
import { JOBS_QUEUE, type JobsWork } from './jobs-work';
import { CHAIN_BUDGET, continueRun } from '../chain-relay';
import { ChainLimitError } from '../runtime-deps';

/** Users per page: small enough that a page finishes far inside its time limit even under rate limits. */
export const PAGE_SIZE = 25;
/** Users listed per Jira call while planning. */
const LIST_SIZE = 200;
/** Pages queued per minute: Forge accepts 500 events a minute per installation; leave room for live provisioning. */
const PAGES_PER_MINUTE = 300;
/** How often one user may be refused for rate limits within a page before the page is handed back to Forge. */
const MAX_RATE_LIMITED_ATTEMPTS = 20;
/** Time a page keeps in hand to record its result. */
const PAGE_RESERVE_MS = 30_000;
/** How long a page waits, at most, before looking again at a user another run is provisioning. */
const BUSY_USER_WAIT_MS = 5_000;

/** A planned page with no result this long after it was queued is sent again. */
export const STALL_MS = 20 * 60_000;

export class JobConflictError extends Error {
  constructor(kind: JobKind, jobId: string) {
    super(`A ${kind} is already running (job ${jobId}); wait for it or cancel it first.`);
    this.name = 'JobConflictError';
  }
}

function audit(
  deps: RuntimeDeps,
  job: JobRecord,
  action: 'job-started' | 'job-finished',
  reason: string,
  actor: string,
) {
  return appendAudit({
    id: auditId(job.id, action),
    at: deps.now(),
    accountId: '',
    action,
    target: `job:${job.id}`,
    targetName: job.kind === 'preview' ? 'Impact preview' : 'Backfill',
    ruleId: '',
    reason,
    outcome: 'success',
    runId: job.id,
    actor,
  });
}

export async function startJob(
  kind: JobKind,
  startedBy: string,
  deps: RuntimeDeps,
  rulesVersion?: string,
): Promise<JobRecord> {
  const id = `${kind}-${deps.now()}-${randomUUID().slice(0, 8)}`;
  if (!(await claimActiveJob(kind, id)))
    throw new JobConflictError(kind, (await activeJobId(kind)) ?? 'unknown');
  const job: JobRecord = {
    ...(rulesVersion !== undefined ? { rulesVersion } : {}),
    id,
    kind,
    dryRun: kind === 'preview',
    status: 'planning',
    startedAt: deps.now(),
    startedBy,
    finishedAt: null,
    message: 'Listing users',
    planCursor: 0,
    planningDone: false,
    pagesPlanned: 0,
    usersPlanned: 0,
  };
  await putJob(job);
  // The new preview replaces the last one's lists of affected users.
  if (kind === 'preview') await dropAffectedLists(deps.now(), id);
  await deps.enqueue(JOBS_QUEUE, [
    { body: { kind: 'backfill-plan', jobId: id, chain: 1 } satisfies JobsWork },
  ]);
  await audit(
    deps,
    job,
    'job-started',
    `${kind === 'preview' ? 'Impact preview' : 'Backfill'} started`,
    startedBy,
  );
  return job;
}

export async function cancelJob(
  jobId: string,
  by: string,
  deps: RuntimeDeps,
): Promise<JobRecord | undefined> {
  const job = await getJob(jobId);
  if (!job || job.status === 'done' || job.status === 'cancelled' || job.status === 'failed') return job;
  const cancelled: JobRecord = {
    ...job,
    status: 'cancelled',
    finishedAt: deps.now(),
    message: 'Cancelled by an admin',
  };
  await putJob(cancelled);
  await releaseActiveJob(job.kind, job.id);
  await audit(deps, cancelled, 'job-finished', 'Cancelled.', by);
  return cancelled;
}

/**
 * Lists the next users into pages and queues them, pacing itself under the queue's per-minute limit. `chainSoFar`:
 * push requests already made in this message's chain; planning continues in a new chain (chain-relay) before
 * Forge's limit on one chain.
 */
export async function runPlanStep(jobId: string, deps: RuntimeDeps, chainSoFar = 0): Promise<void> {
  let job = await getJob(jobId);
  if (!job || job.status !== 'planning') return;
  const ctx = await loadProvisionContext(deps, { runId: jobId, source: 'backfill' });
  let queuedThisStep = 0;
  let pushes = 0;
  while (deps.remainingMs() > 20_000 && chainSoFar + pushes + 1 < CHAIN_BUDGET) {
    const users = await ctx.clients.jira.searchUsers(job.planCursor, LIST_SIZE);
    const people = users
      .filter((u) => u.accountType === undefined || u.accountType === 'atlassian')
      .map((u) => u.accountId);
    const plans: PagePlan[] = [];
    for (let i = 0; i < people.length; i += PAGE_SIZE)
      plans.push({
        pageNo: job.pagesPlanned + plans.length,
        accountIds: people.slice(i, i + PAGE_SIZE),
        queuedAt: deps.now(),
      });
    // Plans are stored before they are queued: a crash in between leaves pages the stall check re-sends.
    await putPagePlans(job.id, plans);
    try {
      await deps.enqueue(
        JOBS_QUEUE,
        plans.map((p) => ({
          body: {
            kind: 'backfill-page',
            jobId: job!.id,
            pageNo: p.pageNo,
            accountIds: p.accountIds,
          } satisfies JobsWork,
        })),
      );
    } catch (e) {
      // The chain is spent after all (pushes this step cannot see): the same users are listed again, into the
      // same page numbers, by the continuation a new chain runs.
      if (!(e instanceof ChainLimitError)) throw e;
      pushes = CHAIN_BUDGET;
      break;
    }
    pushes += plans.length > 0 ? 1 : 0;
    queuedThisStep += plans.length;
    const listedAll = users.length < LIST_SIZE;
    job = {
      ...job,
      planCursor: job.planCursor + users.length,
      pagesPlanned: job.pagesPlanned + plans.length,
      usersPlanned: job.usersPlanned + people.length,
      ...(listedAll ? { planningDone: true, status: 'running' as const, message: 'Processing users' } : {}),
    };
    await putJob(job);
    if (listedAll) {
      await checkCompletion(job.id, deps);
      return;
    }
    if (queuedThisStep >= PAGES_PER_MINUTE) break;
  }
  const delay = queuedThisStep >= PAGES_PER_MINUTE ? 60 : 0;
  await continueRun(
    deps,
    {
      id: `backfill-plan:${jobId}:${job.planCursor}`,
      queue: JOBS_QUEUE,
      body: { kind: 'backfill-plan', jobId } satisfies JobsWork,
      delaySeconds: delay,
    },
    chainSoFar + pushes,
  );
}

/** Runs one page. Transient failures propagate so the queue redelivers the whole page (idempotently). */
export async function runPage(
  work: Extract<JobsWork, { kind: 'backfill-page' }>,
  deps: RuntimeDeps,
): Promise<void> {
  const job = await getJob(work.jobId);
  if (!job || job.status === 'cancelled' || job.status === 'failed') return;
  const loaded = await loadProvisionContext(deps, { runId: job.id, source: 'backfill' });
  // The page's users are read together: a few bulk calls instead of one call per user and source.
  const ctx = { ...loaded, reader: readerFor(work.accountIds, loaded) };
  const tally = new ImpactTally();
  let callsSeen = 0;
  let done = 0;
  let failed = 0;
  let skipped = 0;
  for (const accountId of work.accountIds) {
    for (let attempt = 1; ; attempt++) {
      // Share the rate gate with every other worker: wait out someone else's Retry-After instead of calling, and
      // look again after waiting (another worker may have been told to wait longer meanwhile: calling before the
      // new Retry-After would lengthen it for everyone).
      for (let gate = await getRateGate(); gate && gate.until > deps.now(); gate = await getRateGate()) {
        if (deps.remainingMs() - (gate.until - deps.now()) < PAGE_RESERVE_MS)
          throw new OutOfTimeError(
            'The rate gate stays closed longer than this page has left; the page will be redelivered.',
          );
        await deps.sleep(gate.until - deps.now());
      }
      try {
        if (job.dryRun) {
          const { plan } = await withStorageQuota(() => planUser(accountId, ctx), deps, PAGE_RESERVE_MS);
          tally.add(accountId, plan);
          if (plan.skipped) skipped++;
          else done++;
        } else {
          const outcome = await withStorageQuota(
            () => provisionUser(accountId, ctx, writeResultsWaitingOutQuota(deps, PAGE_RESERVE_MS)),
            deps,
            PAGE_RESERVE_MS,
          );
          // Gains come from what the job holds, so a user finished by an attempt that was then killed still counts.
          tally.add(accountId, { add: outcome.grantedByRun, remove: outcome.removed });
          if (outcome.status === 'failed') failed++;
          else if (outcome.status === 'skipped') skipped++;
          else done++;
        }
        // A per-minute budget nearly spent closes the gate before anyone draws a 429.
        callsSeen = await holdOffNearMinuteBudget(ctx.clients.calls, callsSeen, deps.now());
        break;
      } catch (e) {
        if (e instanceof SourceFailedError) {
          failed++;
          break;
        }
        // A duplicate of this page (or live provisioning) is on this user right now: it is normally done within
        // seconds, and its hold ends by retryAfterSeconds even if it was killed. Wait while the page has time.
        if (e instanceof WorkConflictError && attempt < MAX_RATE_LIMITED_ATTEMPTS) {
          const waitMs = Math.min(BUSY_USER_WAIT_MS, (e.retryAfterSeconds ?? 5) * 1000);
          if (deps.remainingMs() - waitMs < PAGE_RESERVE_MS)
            throw new OutOfTimeError(
              `User ${accountId} is being provisioned by another run; the page will be redelivered.`,
            );
          await deps.sleep(waitMs);
          continue;
        }
        if (
          e instanceof AtlassianApiError &&
          e.kind === 'rate-limited' &&
          attempt < MAX_RATE_LIMITED_ATTEMPTS
        ) {
          // Close the gate for everyone, then this worker waits it out too (pages have up to 900 s).
          await closeRateGate(deps.now() + (e.retryAfterSeconds ?? 1) * 1000, usersPerSecond(e));
          continue;
        }
        throw e;
      }
    }
  }
  // Written before the page's result, so a preview counted as done lists everyone it counted.
  if (job.dryRun) await putPageAffected(job.id, work.pageNo, tally.affected());
  await putPageResult(job.id, {
    pageNo: work.pageNo,
    done,
    failed,
    skipped,
    ...tally.result(),
    finishedAt: deps.now(),
  });
  await checkCompletion(job.id, deps);
}

export async function checkCompletion(jobId: string, deps: RuntimeDeps): Promise<void> {
  const job = await getJob(jobId);
  if (!job || job.status !== 'running' || !job.planningDone) return;
  const results = await pageResults(jobId);
  if (new Set(results.map((r) => r.pageNo)).size < job.pagesPlanned) return;
  const finished: JobRecord = { ...job, status: 'done', finishedAt: deps.now(), message: 'Finished' };
  await putJob(finished);
  await releaseActiveJob(job.kind, job.id);
  const totals = results.reduce(
    (t, r) => ({ done: t.done + r.done, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }),
    { done: 0, failed: 0, skipped: 0 },
  );
  await audit(
    deps,
    finished,
    'job-finished',
    `Finished: ${jobTotalsText({ total: job.usersPlanned, ...totals })}.`,
    'app',
  );
}

/** Re-sends pages whose result never came (a page dropped after Forge's retries ran out). */
export async function reviveStalledPages(deps: RuntimeDeps): Promise<number> {
  let revived = 0;
  for (const kind of ['backfill', 'preview'] as const) {
    const jobId = await activeJobId(kind);
    if (!jobId) continue;
    const job = await getJob(jobId);
    if (!job || job.status !== 'running') continue;
    const done = new Set((await pageResults(jobId)).map((r) => r.pageNo));
    const stalled = (await pagePlans(jobId)).filter(
      (p) => !done.has(p.pageNo) && deps.now() - p.queuedAt > STALL_MS,
    );
    const requeued = stalled.map((p) => ({ ...p, queuedAt: deps.now() }));
    await putPagePlans(jobId, requeued);
    await deps.enqueue(
      JOBS_QUEUE,
      requeued.map((p) => ({
        body: { kind: 'backfill-page', jobId, pageNo: p.pageNo, accountIds: p.accountIds } satisfies JobsWork,
      })),
    );
    revived += requeued.length;
  }
  return revived;
}

export async function jobProgress(jobId: string): Promise<JobProgress | undefined> {
  const job = await getJob(jobId);
  if (!job) return undefined;
  const results = await pageResults(jobId);
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + pick(r), 0);
  const impacts = (pick: (r: (typeof results)[number]) => GrantImpact[]) => mergeImpacts(results.map(pick));
  return {
    id: job.id,
    kind: job.kind,
    dryRun: job.dryRun,
    status: job.status,
    startedAt: job.startedAt,
    startedBy: job.startedBy,
    finishedAt: job.finishedAt,
    total: job.usersPlanned,
    done: sum((r) => r.done),
    failed: sum((r) => r.failed),
    skipped: sum((r) => r.skipped),
    planningDone: job.planningDone,
    message: job.message,
    gains: impacts((r) => r.gains),
    losses: impacts((r) => r.losses),
    rulesVersion: job.rulesVersion ?? null,
    outdated: [],
  };
}
