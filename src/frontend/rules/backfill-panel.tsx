// Backfill: applies the saved rules to every existing user as a background job; asks first (saying what the latest
// preview found), then starts, watches and can cancel it.
import { useState } from 'react';
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import type { GrantImpact, JobProgress } from '../../shared/contract';
import { useStartedJob } from '../api/use-started-job';
import { ConfirmModal } from '../common/confirm-modal';
import { formatCount, formatWhen } from '../common/format';
import { JobProgressView } from '../common/job-progress';
import { ReplyErrorMessage } from '../common/reply-error-message';

const changes = (impacts: readonly GrantImpact[]) => impacts.reduce((n, i) => n + i.count, 0);

/** What the latest preview says a backfill would do, or why it cannot say. */
function previewLines(preview: JobProgress | undefined): string[] {
  if (!preview || preview.status !== 'done')
    return [
      'No finished impact preview to say how many users this changes: preview the impact first to see it.',
    ];
  const lines = [
    `The latest preview (${formatWhen(preview.finishedAt)}) planned ${formatCount(changes(preview.gains), 'grant')} to give and ${formatCount(changes(preview.losses), 'grant')} to take away, over ${formatCount(preview.total, 'user')}.`,
  ];
  if (preview.outdated.length > 0)
    lines.push(
      'That preview is outdated (the rules or the site changed since): the backfill may do more or less.',
    );
  return lines;
}

/** `latest`: the newest backfill the app knows of; `preview`: the newest impact preview, quoted in the confirmation. */
export function BackfillPanel({
  latest,
  preview,
}: {
  latest: JobProgress | undefined;
  preview?: JobProgress;
}) {
  const { start, job, error, cancel, cancelling, running, begin } = useStartedJob(
    'jobs.startBackfill',
    latest,
  );
  const [confirming, setConfirming] = useState(false);

  return (
    <Stack space="space.150" testId="backfill-panel">
      <Heading size="small" as="h3">
        Backfill
      </Heading>
      <Text>
        Applies the saved rules to every existing user now, instead of waiting for each one to change.
      </Text>
      <Inline space="space.100">
        <Button
          testId="backfill-start"
          isDisabled={running || start.busy}
          onClick={() => setConfirming(true)}
        >
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
      {job ? <JobProgressView job={job} label="Backfill progress" /> : null}
      <ConfirmModal
        open={confirming}
        title="Apply the rules to every user now?"
        confirmLabel="Start backfill"
        appearance="warning"
        busy={start.busy}
        testId="backfill-confirm"
        onConfirm={() => {
          setConfirming(false);
          void begin();
        }}
        onClose={() => setConfirming(false)}
      >
        <Text>
          Every user on the site is given the groups and project roles their matching rules grant, and loses
          what the app granted through rules that remove access when they no longer match.
        </Text>
        {previewLines(preview).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
        <Text>Every change is audited; you can cancel the backfill while it runs.</Text>
      </ConfirmModal>
    </Stack>
  );
}
