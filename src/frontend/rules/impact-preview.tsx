// "Preview impact": a background dry run of the saved rules over every user, then who would gain or lose what.
import { useEffect, useState } from 'react';
import { Button, Heading, Inline, Stack, Text } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import { useStartedJob } from '../api/use-started-job';
import { JobProgressView } from '../common/job-progress';
import { OutdatedNotice } from '../common/outdated-notice';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
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
  const text = useText();
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
        {text.t('rules.impact.heading')}
      </Heading>
      <Text>{text.t('rules.impact.intro')}</Text>
      <Inline space="space.100">
        <Button testId="impact-start" isDisabled={running || start.busy} onClick={() => void begin()}>
          {text.t(job ? 'rules.impact.previewAgain' : 'rules.impact.start')}
        </Button>
        {running ? (
          <Button appearance="subtle" isDisabled={cancelling} onClick={() => void cancel()}>
            {text.t('rules.impact.stop')}
          </Button>
        ) : null}
      </Inline>
      {start.error ? (
        <ReplyErrorMessage error={start.error} action={text.t('rules.impact.startingAction')} />
      ) : null}
      {error ? <ReplyErrorMessage error={error} action={text.t('rules.impact.watchingAction')} /> : null}
      {job ? <JobProgressView job={job} label={text.t('rules.impact.progress')} /> : null}
      {job ? (
        <OutdatedNotice
          reasons={job.outdated}
          what={text.t('rules.impact.thisPreview')}
          rerunLabel={text.t('rules.impact.previewAgain')}
          busy={running || start.busy}
          onRerun={() => void begin()}
        />
      ) : null}
      {job?.status === 'done' ? (
        <>
          <ImpactTable
            caption={text.t('rules.impact.gainCaption')}
            impacts={job.gains}
            empty={text.t('rules.impact.nobodyGains')}
            onShowAll={(grantKey) => setShown({ grantKey, change: 'gain' })}
          />
          <ImpactTable
            caption={text.t('rules.impact.lossCaption')}
            impacts={job.losses}
            empty={text.t('rules.impact.nobodyLoses')}
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
