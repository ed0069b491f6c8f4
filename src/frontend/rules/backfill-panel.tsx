// Backfill: applies the saved rules to every existing user as a background job; start, watch and cancel it.
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import { useStartedJob } from '../api/use-started-job';
import { JobProgressView } from '../common/job-progress';
import { ReplyErrorMessage } from '../common/reply-error-message';

/** `latest`: the newest backfill the app knows of, shown (and watched while it runs) when the tab opens. */
export function BackfillPanel({ latest }: { latest: JobProgress | undefined }) {
  const { start, job, error, cancel, cancelling, running, begin } = useStartedJob(
    'jobs.startBackfill',
    latest,
  );

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
