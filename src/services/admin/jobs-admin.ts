// Impact preview and backfill from the Rules tab: start (one of each kind at a time), watch, cancel, list.
import { classify } from '../failures';
import type { JobKind, JobProgress } from '../../shared/jobs';
import type { JobsListView, Reply } from '../../shared/contract';
import { outdatedReasons, rulesVersion } from '../../domain/computed-inputs';
import { recentJobs } from '../../storage/jobs-repository';
import { listRules } from '../../storage/rules-repository';
import { cancelJob, JobConflictError, jobProgress, startJob } from '../jobs/backfill';
import type { AdminContext } from './admin-context';
import { fail, ok } from './reply';

/** The rule set's version now: what a finished preview or backfill is compared with. */
export async function currentRulesVersion(): Promise<string> {
  return rulesVersion(await listRules());
}

/** A finished job's results are outdated once the rules change or the clock moves on by a day. */
function withOutdated(job: JobProgress, rules: string, now: number): JobProgress {
  if (!isFinished(job)) return job;
  return {
    ...job,
    outdated: outdatedReasons(
      { rulesVersion: job.rulesVersion ?? undefined, at: job.finishedAt ?? job.startedAt },
      { rulesVersion: rules, now },
    ),
  };
}

function isFinished(job: JobProgress): boolean {
  return job.status === 'done' || job.status === 'cancelled' || job.status === 'failed';
}

export async function startAdminJob(ctx: AdminContext, kind: JobKind): Promise<Reply<JobProgress>> {
  try {
    const job = await startJob(kind, ctx.accountId, ctx.deps, await currentRulesVersion());
    const progress = await jobProgress(job.id);
    return progress ? ok(progress) : fail('internal', `Job ${job.id} was started but cannot be read back.`);
  } catch (e) {
    if (e instanceof JobConflictError) return fail('conflict', e.message);
    const busy = classify(e);
    if (busy.kind === 'queue-busy')
      return fail(
        'unavailable',
        `The job could not be queued right now (${busy.message}); try again in a minute.`,
      );
    throw e;
  }
}

export async function getAdminJob(ctx: AdminContext, jobId: string): Promise<Reply<JobProgress>> {
  const progress = await jobProgress(jobId);
  if (!progress) return fail('not-found', `There is no job ${jobId}.`);
  return ok(
    isFinished(progress) ? withOutdated(progress, await currentRulesVersion(), ctx.deps.now()) : progress,
  );
}

export async function cancelAdminJob(ctx: AdminContext, jobId: string): Promise<Reply<JobProgress>> {
  const job = await cancelJob(jobId, ctx.accountId, ctx.deps);
  if (!job) return fail('not-found', `There is no job ${jobId}.`);
  return getAdminJob(ctx, jobId);
}

export async function listAdminJobs(ctx: AdminContext, limit = 10): Promise<Reply<JobsListView>> {
  const jobs = await recentJobs(limit);
  const [progress, rules] = await Promise.all([
    Promise.all(jobs.map((j) => jobProgress(j.id))),
    currentRulesVersion(),
  ]);
  const now = ctx.deps.now();
  return ok({
    jobs: progress.filter((p): p is JobProgress => p !== undefined).map((p) => withOutdated(p, rules, now)),
  });
}
