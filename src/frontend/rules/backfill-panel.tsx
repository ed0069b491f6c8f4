// Backfill: applies the saved rules to every existing user as a background job; start, watch and cancel it.
import { useEffect } from 'react';
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import { isJobFinished } from '../api/job-finished';
import { useAction } from '../api/use-action';
import { useJob } from '../api/use-job';
import { useResolver } from '../api/use-resolver';
import { JobProgressView } from '../common/job-progress';
import { ReplyErrorMessage } from '../common/reply-error-message';

export function BackfillPanel() {
  const start = useAction('jobs.startBackfill');
  const jobs = useResolver('jobs.list', { limit: 10 });
  const { job, error, watch, cancel, cancelling } = useJob();
  const running = job !== null && !isJobFinished(job);

  // A backfill started earlier (or by another admin) is picked up and watched.
  const latest =
    jobs.state.status === 'ok' ? jobs.state.value.jobs.find((j) => j.kind === 'backfill') : undefined;
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
      {jobs.state.status === 'error' ? (
        <ReplyErrorMessage error={jobs.state.error} action="Listing jobs" />
      ) : null}
      {start.error ? <ReplyErrorMessage error={start.error} action="Starting the backfill" /> : null}
      {error ? <ReplyErrorMessage error={error} action="Watching the backfill" /> : null}
      {job ? <JobProgressView job={job} label="backfill progress" /> : null}
    </Stack>
  );
}
