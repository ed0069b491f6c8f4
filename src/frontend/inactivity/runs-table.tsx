// Past and current runs: what each did, and restoring a whole run or one user in one click.
import { useEffect, useRef, useState } from 'react';
import { Button, DynamicTable, EmptyState, Heading, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { InactivityRunView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { RunActions } from './run-actions';
import { RunStatus } from './run-status';

function outcomeText(run: InactivityRunView): string {
  if (run.execution)
    return `${run.execution.done} done, ${run.execution.dropped} dropped, ${run.execution.failed} failed`;
  if (run.report) return `${run.report.plannedActions.affectedUsers} users would be acted on`;
  return run.stopReason ?? '—';
}

function restoreText(run: InactivityRunView): string {
  if (!run.restore) return '';
  return run.restore.status === 'queued'
    ? 'restore in progress'
    : `restored ${run.restore.restoredUsers}, ${run.restore.failedUsers} failed`;
}

export function RunsTable({ refreshKey }: { refreshKey: number }) {
  const runs = useResolver('inactivity.runs.list', { limit: 20 });
  const restoreRun = useAction('inactivity.restore.run');
  const [open, setOpen] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const reloadRuns = runs.reload;
  const mounted = useRef(false);
  useEffect(() => {
    // A review answer changes a run: ask again (the first load already happened on mount).
    if (mounted.current) reloadRuns();
    mounted.current = true;
  }, [refreshKey, reloadRuns]);

  if (runs.state.value === undefined) {
    if (runs.state.status === 'error')
      return <ReplyErrorMessage error={runs.state.error} action="Loading the runs" onRetry={runs.reload} />;
    return <Loading what="the runs" />;
  }
  const list = runs.state.value.runs;

  const restoreAll = async (run: InactivityRunView) => {
    const reply = await restoreRun.run({ runId: run.id });
    if (reply.ok) {
      setQueued(run.id);
      runs.reload();
    }
  };

  return (
    <Stack space="space.150" testId="inactivity-runs">
      <Inline space="space.100" alignBlock="center">
        <Heading size="medium">Runs</Heading>
        <Button appearance="subtle" onClick={runs.reload}>
          Refresh
        </Button>
      </Inline>
      {queued ? (
        <SectionMessage appearance="information" title="Restore started">
          <Text>Everyone this run changed is being given their access back; the run shows the progress.</Text>
        </SectionMessage>
      ) : null}
      {restoreRun.error ? <ReplyErrorMessage error={restoreRun.error} action="Restoring the run" /> : null}
      {list.length === 0 ? (
        <EmptyState
          header="No runs yet"
          description="The daily run starts once a policy is saved."
          width="narrow"
        />
      ) : (
        <DynamicTable
          caption="Inactivity runs, newest first"
          head={{
            cells: [
              { key: 'started', content: 'Started' },
              { key: 'kind', content: 'Kind' },
              { key: 'status', content: 'Status' },
              { key: 'users', content: 'Users' },
              { key: 'outcome', content: 'Outcome' },
              { key: 'actions', content: '' },
            ],
          }}
          rows={list.map((run) => ({
            key: run.id,
            cells: [
              { key: 'started', content: formatWhen(run.startedAt) },
              { key: 'kind', content: `${run.mode === 'dry-run' ? 'dry run' : 'live'} (${run.trigger})` },
              { key: 'status', content: <RunStatus run={run} /> },
              { key: 'users', content: String(run.progress.users) },
              { key: 'outcome', content: [outcomeText(run), restoreText(run)].filter(Boolean).join('; ') },
              {
                key: 'actions',
                content:
                  run.mode === 'live' ? (
                    <Inline space="space.050">
                      <Button appearance="subtle" onClick={() => setOpen(open === run.id ? null : run.id)}>
                        {open === run.id ? 'Hide actions' : 'Actions'}
                      </Button>
                      {run.execution && run.execution.done > 0 && !run.restore ? (
                        <Button
                          appearance="warning"
                          isDisabled={restoreRun.busy}
                          onClick={() => void restoreAll(run)}
                        >
                          Restore everyone
                        </Button>
                      ) : null}
                    </Inline>
                  ) : (
                    ''
                  ),
              },
            ],
          }))}
        />
      )}
      {open ? <RunActions key={open} runId={open} /> : null}
    </Stack>
  );
}
