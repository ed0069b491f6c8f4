// Impact preview and backfill from the Rules tab: start (one of each kind at a time), watch, cancel, list.
import { classify } from '../failures';
import type { JobKind, JobProgress } from '../../shared/jobs';
import type { JobsListView, Reply } from '../../shared/contract';
import { recentJobs } from '../../storage/jobs-repository';
import { cancelJob, JobConflictError, jobProgress, startJob } from '../jobs/backfill';
import type { AdminContext } from './admin-context';
import { fail, ok } from './reply';

export async function startAdminJob(ctx: AdminContext, kind: JobKind): Promise<Reply<JobProgress>> {
  try {
    const job = await startJob(kind, ctx.accountId, ctx.deps);
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

export async function getAdminJob(jobId: string): Promise<Reply<JobProgress>> {
  const progress = await jobProgress(jobId);
  return progress ? ok(progress) : fail('not-found', `There is no job ${jobId}.`);
}

export async function cancelAdminJob(ctx: AdminContext, jobId: string): Promise<Reply<JobProgress>> {
  const job = await cancelJob(jobId, ctx.accountId, ctx.deps);
  if (!job) return fail('not-found', `There is no job ${jobId}.`);
  return getAdminJob(jobId);
}

export async function listAdminJobs(limit = 10): Promise<Reply<JobsListView>> {
  const jobs = await recentJobs(limit);
  const progress = await Promise.all(jobs.map((j) => jobProgress(j.id)));
  return ok({ jobs: progress.filter((p): p is JobProgress => p !== undefined) });
}
