// Watches one background job: polls its progress until it finishes, and can cancel it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress, ReplyError } from '../../shared/contract';
import { callResolver } from './call-resolver';
import { isJobFinished } from './job-finished';

/** Resolver calls are rate limited (500 per 25 s per page), so progress is asked for about once a second. */
export const JOB_POLL_MS = 1000;

export interface JobWatch {
  job: JobProgress | null;
  error: ReplyError | null;
  watch: (job: JobProgress) => void;
  cancel: () => Promise<void>;
  cancelling: boolean;
}

export function useJob(pollMs: number = JOB_POLL_MS): JobWatch {
  const [job, setJob] = useState<JobProgress | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const jobId = job?.id;
  const finished = job ? isJobFinished(job) : true;

  useEffect(() => {
    if (!jobId || finished) return undefined;
    let live = true;
    timer.current = setTimeout(() => {
      void callResolver('jobs.get', { jobId }).then((reply) => {
        if (!live) return;
        if (reply.ok) setJob(reply.value);
        else setError(reply.error);
      });
    }, pollMs);
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
  }, [jobId, finished, job, pollMs]);

  const watch = useCallback((next: JobProgress) => {
    setError(null);
    setJob(next);
  }, []);

  const cancel = useCallback(async () => {
    if (!jobId) return;
    setCancelling(true);
    const reply = await callResolver('jobs.cancel', { jobId });
    setCancelling(false);
    if (reply.ok) setJob(reply.value);
    else setError(reply.error);
  }, [jobId]);

  return { job, error, watch, cancel, cancelling };
}
