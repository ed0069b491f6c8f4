// Follows one inactivity run until it finishes (polling about every two seconds).
import { useEffect, useState } from 'react';
import type { InactivityRunView, ReplyError } from '../../shared/contract';
import { callResolver } from '../api/call-resolver';
import { isRunFinished } from './run-status';

export const RUN_POLL_MS = 2000;

export function useRunWatch(
  runId: string | null,
  pollMs = RUN_POLL_MS,
): { run: InactivityRunView | null; error: ReplyError | null } {
  const [run, setRun] = useState<InactivityRunView | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const done = run !== null && run.id === runId && isRunFinished(run);

  useEffect(() => {
    if (!runId || done) return undefined;
    let live = true;
    const ask = () =>
      void callResolver('inactivity.runs.get', { runId }).then((reply) => {
        if (!live) return;
        if (reply.ok) setRun(reply.value);
        else setError(reply.error);
      });
    // The first look is immediate; after that, the run is asked about at a gentle pace.
    const timer = run?.id === runId ? setTimeout(ask, pollMs) : (ask(), undefined);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId, done, run, pollMs]);

  return { run: run?.id === runId ? run : null, error };
}
