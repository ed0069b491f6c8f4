// What is waiting or failed: users parked behind the rate gate, failures with their fix, running jobs.
import { DynamicTable, EmptyState, Heading, Inline, Lozenge, Stack, Text, User } from '@forge/react';
import type { OverviewView } from '../../shared/contract';
import { JobProgressView } from '../common/job-progress';
import { useText } from '../i18n/text-provider';

export function QueuePanel({ queue }: { queue: OverviewView['queue'] }) {
  const text = useText();
  const { t } = text;
  return (
    <Stack space="space.150">
      <Heading size="medium">{t('overview.queue.heading')}</Heading>
      <Inline space="space.200">
        <Inline space="space.050" alignBlock="center">
          <Lozenge appearance={queue.parkedUsers > 0 ? 'inprogress' : 'default'}>
            {text.number(queue.parkedUsers)}
          </Lozenge>
          <Text>{t('overview.queue.waiting')}</Text>
        </Inline>
        <Inline space="space.050" alignBlock="center">
          <Lozenge appearance={queue.failedUsers > 0 ? 'removed' : 'success'}>
            {text.number(queue.failedUsers)}
          </Lozenge>
          <Text>{t('overview.queue.failed')}</Text>
        </Inline>
      </Inline>
      {queue.failed.length > 0 ? (
        <DynamicTable
          caption={text.tn('overview.queue.recentFailures', queue.failedUsers)}
          head={{
            cells: [
              { key: 'user', content: t('overview.queue.user') },
              { key: 'message', content: t('overview.queue.whatToDo') },
              { key: 'at', content: t('overview.queue.when') },
            ],
          }}
          rows={queue.failed.map((f) => ({
            key: `${f.accountId}:${f.at}`,
            cells: [
              { key: 'user', content: <User accountId={f.accountId} /> },
              { key: 'message', content: f.message },
              { key: 'at', content: text.when(f.at) },
            ],
          }))}
        />
      ) : (
        <EmptyState
          header={t('overview.queue.noFailures')}
          description={t('overview.queue.noFailuresDescription')}
        />
      )}
      {queue.activeJobs.map((job) => (
        <Stack key={job.id} space="space.050">
          <Text>{job.dryRun ? t('overview.queue.previewRunning') : t('overview.queue.backfillRunning')}</Text>
          <JobProgressView
            job={job}
            label={job.dryRun ? t('overview.queue.previewProgress') : t('overview.queue.backfillProgress')}
          />
        </Stack>
      ))}
    </Stack>
  );
}
