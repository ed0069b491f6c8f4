// Backfill: applies the saved rules to every existing user as a background job; start, watch and cancel it.
import { useEffect } from 'react';
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import type { JobProgress } from '../../shared/resolver-contract';
import { isJobFinished } from '../api/job-finished';
import { useAction } from '../api/use-action';
import { useJob } from '../api/use-job';
import { JobProgressView } from '../common/job-progress';
import { ReplyErrorMessage } from '../common/reply-error-message';

/** `latest`: the newest backfill the app knows of, shown (and watched while it runs) when the tab opens. */
export function BackfillPanel({ latest }: { latest: JobProgress | undefined }) {
  const start = useAction('jobs.startBackfill');
  const { job, error, watch, cancel, cancelling } = useJob();
  const running = job !== null && !isJobFinished(job);

  // A backfill started earlier (or by another admin) is picked up.
  useEffect(() => {
    if (latest && !job) watch(latest);
  }, [latest, job, watch]);

  const begin = async () => {
    const reply = await start.run({});
    if (reply.ok) watch(reply.value);
  };

  return (
    <Stack space="space.150" testId="backfill-panel">
      <Heading size="small">Backfill</Heading>
      <Text>
        Applies the saved rules to every existing user now, instead of waiting for each one to change.
      </Text>
      <Inline space="space.100">
        <Button testId="backfill-start" isDisabled={running || start.busy} onClick={() => void begin()}>
          Start backfill
        </Button>
        {running ? (
          <Button
            appearance="warning"
            testId="backfill-cancel"
            isDisabled={cancelling}
            onClick={() => void cancel()}
          >
            {cancelling ? 'Cancelling…' : 'Cancel backfill'}
          </Button>
        ) : null}
      </Inline>
      {start.error ? <ReplyErrorMessage error={start.error} action="Starting the backfill" /> : null}
      {error ? <ReplyErrorMessage error={error} action="Watching the backfill" /> : null}
      {job ? <JobProgressView job={job} label="backfill progress" /> : null}
    </Stack>
  );
}
