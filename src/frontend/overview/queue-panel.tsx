// What is waiting or failed: users parked behind the rate gate, failures with their fix, running jobs.
import { DynamicTable, EmptyState, Heading, Inline, Lozenge, Stack, Text, User } from '@forge/react';
import type { OverviewView } from '../../shared/contract';
import { formatCount, formatWhen } from '../common/format';
import { JobProgressView } from '../common/job-progress';

export function QueuePanel({ queue }: { queue: OverviewView['queue'] }) {
  return (
    <Stack space="space.150">
      <Heading size="medium">Queue</Heading>
      <Inline space="space.200">
        <Inline space="space.050" alignBlock="center">
          <Lozenge appearance={queue.parkedUsers > 0 ? 'inprogress' : 'default'}>
            {String(queue.parkedUsers)}
          </Lozenge>
          <Text>waiting for the rate limit</Text>
        </Inline>
        <Inline space="space.050" alignBlock="center">
          <Lozenge appearance={queue.failedUsers > 0 ? 'removed' : 'success'}>
            {String(queue.failedUsers)}
          </Lozenge>
          <Text>failed</Text>
        </Inline>
      </Inline>
      {queue.failed.length > 0 ? (
        <DynamicTable
          caption={`Recent failures (${formatCount(queue.failedUsers, 'user')} in all)`}
          head={{
            cells: [
              { key: 'user', content: 'User' },
              { key: 'message', content: 'What to do' },
              { key: 'at', content: 'When' },
            ],
          }}
          rows={queue.failed.map((f) => ({
            key: `${f.accountId}:${f.at}`,
            cells: [
              { key: 'user', content: <User accountId={f.accountId} /> },
              { key: 'message', content: f.message },
              { key: 'at', content: formatWhen(f.at) },
            ],
          }))}
        />
      ) : (
        <EmptyState header="No failures" description="Every user the app worked on was provisioned." />
      )}
      {queue.activeJobs.map((job) => (
        <Stack key={job.id} space="space.050">
          <Text>{job.dryRun ? 'Impact preview' : 'Backfill'} running</Text>
          <JobProgressView job={job} label={`${job.kind} progress`} />
        </Stack>
      ))}
    </Stack>
  );
}
