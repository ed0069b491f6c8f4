// Jobs-queue messages the app stops retrying (see delivery-limit): each is recorded as failed where an admin sees
// it, so the job or pass it belongs to ends or carries on instead of being retried all day.
import { recordHealth } from '../../storage/health-repository';
import { appendAudit } from '../../storage/audit-repository';
import { getJob, putJob, putPageResult, releaseActiveJob } from '../../storage/jobs-repository';
import { releaseReleaser } from '../../storage/rate-governor-repository';
import { auditId } from '../audit-ids';
import type { RuntimeDeps } from '../runtime-deps';
import { checkCompletion } from './backfill';
import type { JobsWork } from './jobs-work';

async function failJob(jobId: string, reason: string, deps: RuntimeDeps): Promise<void> {
  const job = await getJob(jobId);
  if (!job || job.status === 'done' || job.status === 'cancelled' || job.status === 'failed') return;
  const message = `Listing users ${reason}.`;
  await putJob({ ...job, status: 'failed', finishedAt: deps.now(), message });
  await releaseActiveJob(job.kind, job.id);
  await appendAudit({
    id: auditId(job.id, 'job-finished'),
    at: deps.now(),
    accountId: '',
    action: 'job-finished',
    target: `job:${job.id}`,
    targetName: job.kind === 'preview' ? 'Impact preview' : 'Backfill',
    ruleId: '',
    reason: message,
    outcome: 'failed',
    runId: job.id,
    actor: 'app',
  });
}

export async function giveUpJobsWork(work: JobsWork, reason: string, deps: RuntimeDeps): Promise<void> {
  console.error(`Gave up a ${work.kind} message: ${reason}`);
  switch (work.kind) {
    case 'backfill-page':
      // Its users count as failed (their own state says what was done); the job can still finish.
      await putPageResult(work.jobId, {
        pageNo: work.pageNo,
        done: 0,
        failed: work.accountIds.length,
        skipped: 0,
        gains: [],
        losses: [],
        finishedAt: deps.now(),
      });
      await checkCompletion(work.jobId, deps);
      return;
    case 'backfill-plan':
      return failJob(work.jobId, reason, deps);
    case 'daily-scan':
      return recordHealth({
        component: 'daily-pass',
        ok: false,
        message: `The daily pass's page at account ${work.startAt} ${reason}. Tomorrow's pass starts over.`,
        at: deps.now(),
      });
    case 'release-parked':
      // Parked users wait for the next notice or the five-minute backstop, which queue a new releaser.
      return releaseReleaser();
  }
}
