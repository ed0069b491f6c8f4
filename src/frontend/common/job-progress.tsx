// A background job's progress: a bar (indeterminate while users are still being counted) and the counts.
import { Inline, Lozenge, ProgressBar, Text } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import { isJobFinished, jobFraction } from '../api/job-finished';
import { formatCount, formatWhen } from './format';

const APPEARANCE = {
  planning: 'inprogress',
  running: 'inprogress',
  done: 'success',
  cancelled: 'moved',
  failed: 'removed',
} as const;

/** `40 of 62 users: 37 planned, 1 failed, 2 skipped` — the parts always add up to the first number. */
export function countsText(
  job: Pick<JobProgress, 'done' | 'failed' | 'skipped' | 'total' | 'planningDone'>,
): string {
  const handled = job.done + job.failed + job.skipped;
  if (!job.planningDone) return `${formatCount(job.total, 'user')} found so far, ${handled} handled`;
  return `${handled} of ${formatCount(job.total, 'user')}: ${job.done} done, ${job.failed} failed, ${job.skipped} skipped`;
}

export function JobProgressView({ job, label }: { job: JobProgress; label: string }) {
  const fraction = jobFraction(job);
  const finished = isJobFinished(job);
  return (
    <>
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={APPEARANCE[job.status]}>{job.status}</Lozenge>
        <Text>{countsText(job)}</Text>
      </Inline>
      <ProgressBar
        ariaLabel={label}
        value={finished ? 1 : (fraction ?? 0)}
        isIndeterminate={!finished && fraction === null}
        appearance={job.status === 'done' ? 'success' : 'default'}
      />
      {job.skipped ? (
        <Text>{`${formatCount(job.skipped, 'user')} skipped: app and deactivated accounts, which rules never apply to.`}</Text>
      ) : null}
      <Text>
        {job.finishedAt
          ? `Started ${formatWhen(job.startedAt)}, finished ${formatWhen(job.finishedAt)}.`
          : `Started ${formatWhen(job.startedAt)}.`}
      </Text>
    </>
  );
}
