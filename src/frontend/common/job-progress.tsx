// A background job's progress: a bar (indeterminate while users are still being counted) and the counts.
import { Inline, Lozenge, ProgressBar, Text } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import { isJobFinished, jobFraction } from '../api/job-finished';
import { formatWhen } from './format';

const APPEARANCE = {
  planning: 'inprogress',
  running: 'inprogress',
  done: 'success',
  cancelled: 'moved',
  failed: 'removed',
} as const;

export function JobProgressView({ job, label }: { job: JobProgress; label: string }) {
  const fraction = jobFraction(job);
  const finished = isJobFinished(job);
  return (
    <>
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={APPEARANCE[job.status]}>{job.status}</Lozenge>
        <Text>
          {job.planningDone
            ? `${job.done + job.failed + job.skipped} of ${job.total} users`
            : `${job.total} users found so far`}
          {job.failed ? `, ${job.failed} failed` : ''}
          {job.skipped ? `, ${job.skipped} skipped` : ''}
        </Text>
      </Inline>
      <ProgressBar
        ariaLabel={label}
        value={finished ? 1 : (fraction ?? 0)}
        isIndeterminate={!finished && fraction === null}
        appearance={job.status === 'done' ? 'success' : 'default'}
      />
      <Text>
        Started {formatWhen(job.startedAt)}
        {job.finishedAt ? `, finished ${formatWhen(job.finishedAt)}` : ''}
        {job.message ? ` — ${job.message}` : ''}
      </Text>
    </>
  );
}
