// A background job's progress: a bar (indeterminate while users are still being counted) and the counts.
import { Inline, Lozenge, ProgressBar, Text } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import type { Text as Words, TextKey } from '../../shared/i18n/text';
import { isJobFinished, jobFraction } from '../api/job-finished';
import { useText } from '../i18n/text-provider';

const APPEARANCE = {
  planning: 'inprogress',
  running: 'inprogress',
  done: 'success',
  cancelled: 'moved',
  failed: 'removed',
} as const;

const STATUS: Record<JobProgress['status'], TextKey> = {
  planning: 'common.job.status.planning',
  running: 'common.job.status.running',
  done: 'common.job.status.done',
  cancelled: 'common.job.status.cancelled',
  failed: 'common.job.status.failed',
};

/** `40 of 62 users: 37 done, 1 failed, 2 skipped` — the parts always add up to the first number. */
export function countsText(
  text: Words,
  job: Pick<JobProgress, 'done' | 'failed' | 'skipped' | 'total' | 'planningDone'>,
): string {
  const handled = job.done + job.failed + job.skipped;
  if (!job.planningDone) return text.tn('common.job.countingSoFar', job.total, { handled });
  return text.tn('common.job.counts', job.total, {
    handled,
    done: job.done,
    failed: job.failed,
    skipped: job.skipped,
  });
}

export function JobProgressView({ job, label }: { job: JobProgress; label: string }) {
  const text = useText();
  const fraction = jobFraction(job);
  const finished = isJobFinished(job);
  return (
    <>
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={APPEARANCE[job.status]}>{text.t(STATUS[job.status])}</Lozenge>
        <Text>{countsText(text, job)}</Text>
      </Inline>
      <ProgressBar
        ariaLabel={label}
        value={finished ? 1 : (fraction ?? 0)}
        isIndeterminate={!finished && fraction === null}
        appearance={job.status === 'done' ? 'success' : 'default'}
      />
      {job.skipped ? <Text>{text.tn('common.job.skipped', job.skipped)}</Text> : null}
      <Text>
        {job.finishedAt
          ? text.t('common.job.startedFinished', {
              started: text.when(job.startedAt),
              finished: text.when(job.finishedAt),
            })
          : text.t('common.job.started', { started: text.when(job.startedAt) })}
      </Text>
    </>
  );
}
