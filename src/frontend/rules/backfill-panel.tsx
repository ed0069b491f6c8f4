// Backfill: applies the saved rules to every existing user as a background job; asks first (saying what the latest
// preview found), then starts, watches and can cancel it.
import { useState } from 'react';
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import type { GrantImpact, JobProgress } from '../../shared/contract';
import type { Text as Words } from '../../shared/i18n/text';
import { useStartedJob } from '../api/use-started-job';
import { ConfirmModal } from '../common/confirm-modal';
import { JobProgressView } from '../common/job-progress';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';

const changes = (impacts: readonly GrantImpact[]) => impacts.reduce((n, i) => n + i.count, 0);

/** What the latest preview says a backfill would do, or why it cannot say. */
function previewLines(text: Words, preview: JobProgress | undefined): string[] {
  if (!preview || preview.status !== 'done') return [text.t('rules.backfill.noPreview')];
  // Each count is its own plural phrase, filled into the sentence as a whole.
  const lines = [
    text.t('rules.backfill.previewPlanned', {
      when: text.when(preview.finishedAt),
      gains: text.tn('rules.backfill.grantCount', changes(preview.gains)),
      losses: text.tn('rules.backfill.grantCount', changes(preview.losses)),
      users: text.tn('rules.backfill.userCount', preview.total),
    }),
  ];
  if (preview.outdated.length > 0) lines.push(text.t('rules.backfill.previewOutdated'));
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
  const text = useText();
  const { start, job, error, cancel, cancelling, running, begin } = useStartedJob(
    'jobs.startBackfill',
    latest,
  );
  const [confirming, setConfirming] = useState(false);

  return (
    <Stack space="space.150" testId="backfill-panel">
      <Heading size="small" as="h3">
        {text.t('rules.backfill.heading')}
      </Heading>
      <Text>{text.t('rules.backfill.intro')}</Text>
      <Inline space="space.100">
        <Button
          testId="backfill-start"
          isDisabled={running || start.busy}
          onClick={() => setConfirming(true)}
        >
          {text.t('rules.backfill.start')}
        </Button>
        {running ? (
          <Button
            appearance="warning"
            testId="backfill-cancel"
            isDisabled={cancelling}
            onClick={() => void cancel()}
          >
            {text.t(cancelling ? 'rules.backfill.cancelling' : 'rules.backfill.cancel')}
          </Button>
        ) : null}
      </Inline>
      {start.error ? (
        <ReplyErrorMessage error={start.error} action={text.t('rules.backfill.startingAction')} />
      ) : null}
      {error ? <ReplyErrorMessage error={error} action={text.t('rules.backfill.watchingAction')} /> : null}
      {job ? <JobProgressView job={job} label={text.t('rules.backfill.progress')} /> : null}
      <ConfirmModal
        open={confirming}
        title={text.t('rules.backfill.confirmTitle')}
        confirmLabel={text.t('rules.backfill.start')}
        appearance="warning"
        busy={start.busy}
        testId="backfill-confirm"
        onConfirm={() => {
          setConfirming(false);
          void begin();
        }}
        onClose={() => setConfirming(false)}
      >
        <Text>{text.t('rules.backfill.confirmWhatHappens')}</Text>
        {previewLines(text, preview).map((line) => (
          <Text key={line}>{line}</Text>
        ))}
        <Text>{text.t('rules.backfill.confirmAudited')}</Text>
      </ConfirmModal>
    </Stack>
  );
}
