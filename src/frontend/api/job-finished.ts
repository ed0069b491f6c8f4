// When a background job (impact preview, backfill) stops changing, so the page stops polling it.
import type { JobProgress } from '../../shared/contract';

export function isJobFinished(job: Pick<JobProgress, 'status'>): boolean {
  return job.status === 'done' || job.status === 'cancelled' || job.status === 'failed';
}

/** 0..1 for the ProgressBar; while the total is still being counted, progress is unknown. */
export function jobFraction(
  job: Pick<JobProgress, 'done' | 'failed' | 'skipped' | 'total' | 'planningDone'>,
): number | null {
  if (!job.planningDone || job.total <= 0) return null;
  return Math.min(1, (job.done + job.failed + job.skipped) / job.total);
}
