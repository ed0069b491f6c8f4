// A job the page starts and watches (impact preview, backfill): picks up the latest one, starts, polls, cancels.
import { useEffect } from 'react';
import type { JobProgress } from '../../shared/contract';
import { isJobFinished } from './job-finished';
import { useAction } from './use-action';
import { useJob } from './use-job';

/** `latest`: the newest job of this kind the app knows of, watched when the panel opens (another admin's too). */
export function useStartedJob(
  startKey: 'jobs.startPreview' | 'jobs.startBackfill',
  latest: JobProgress | undefined,
) {
  const start = useAction(startKey);
  const watched = useJob();
  const { job, watch } = watched;
  const running = job !== null && !isJobFinished(job);

  useEffect(() => {
    if (latest && !job) watch(latest);
  }, [latest, job, watch]);

  const begin = async () => {
    const reply = await start.run({});
    if (reply.ok) watch(reply.value);
  };

  return { ...watched, start, running, begin };
}
