// "Preview impact": a background dry run of the saved rules over every user, then who would gain or lose what.
import { useEffect, useState } from 'react';
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import { useStartedJob } from '../api/use-started-job';
import { JobProgressView } from '../common/job-progress';
import { OutdatedNotice } from '../common/outdated-notice';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { AffectedUsers, type AffectedChoice } from './affected-users';
import { ImpactTable } from './impact-table';

/** `latest`: the newest preview the app knows of, shown (and watched while it runs) when the tab opens. */
export function ImpactPreview({
  latest,
  onJob,
}: {
  latest: JobProgress | undefined;
  /** Told of the preview this panel watches, so the backfill's confirmation can quote it. */
  onJob?: (job: JobProgress) => void;
}) {
  const { start, job, error, cancel, cancelling, running, begin } = useStartedJob(
    'jobs.startPreview',
    latest,
  );
  const [shown, setShown] = useState<AffectedChoice | null>(null);
  useEffect(() => {
    // Another preview's lists replace this one's: the open list would only say it is gone.
    setShown(null);
  }, [job?.id]);
  useEffect(() => {
    if (job && onJob) onJob(job);
  }, [job, onJob]);

  return (
    <Stack space="space.150" testId="impact-preview">
      <Heading size="small" as="h3">
        Preview impact
      </Heading>
      <Text>
        Plans every user against the saved rules and changes nothing, to show who would gain or lose access.
      </Text>
      <Inline space="space.100">
        <Button testId="impact-start" isDisabled={running || start.busy} onClick={() => void begin()}>
          {job ? 'Preview again' : 'Preview impact'}
        </Button>
        {running ? (
          <Button appearance="subtle" isDisabled={cancelling} onClick={() => void cancel()}>
            Stop the preview
          </Button>
        ) : null}
      </Inline>
      {start.error ? <ReplyErrorMessage error={start.error} action="Starting the preview" /> : null}
      {error ? <ReplyErrorMessage error={error} action="Watching the preview" /> : null}
      {job ? <JobProgressView job={job} label="Impact preview progress" /> : null}
      {job ? (
        <OutdatedNotice
          reasons={job.outdated}
          what="This preview"
          rerunLabel="Preview again"
          busy={running || start.busy}
          onRerun={() => void begin()}
        />
      ) : null}
      {job?.status === 'done' ? (
        <>
          <ImpactTable
            caption="Users who would gain"
            impacts={job.gains}
            empty="Nobody would gain anything"
            onShowAll={(grantKey) => setShown({ grantKey, change: 'gain' })}
          />
          <ImpactTable
            caption="Users who would lose"
            impacts={job.losses}
            empty="Nobody would lose anything"
            onShowAll={(grantKey) => setShown({ grantKey, change: 'loss' })}
          />
          {shown ? (
            <AffectedUsers
              key={`${shown.change}:${shown.grantKey}`}
              job={job}
              choice={shown}
              onClose={() => setShown(null)}
              onRerun={() => void begin()}
              busy={running || start.busy}
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
