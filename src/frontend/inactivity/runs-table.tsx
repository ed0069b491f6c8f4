// Past and current runs, newest or oldest first, a page at a time: what each did, in counts that add up, and
// restoring a whole run after a confirmation that says how many users get what back.
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  DynamicTable,
  EmptyState,
  Heading,
  Inline,
  Label,
  SectionMessage,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@forge/react';
import type { InactivityRunView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { ConfirmModal } from '../common/confirm-modal';
import { formatCount, formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { RunActions } from './run-actions';
import { foldRepeatedStops, runOutcome, runStateShown, type RunRow } from './run-rows';
import { RunStatus } from './run-status';

const PAGE_SIZE = 10;

type Order = 'newest' | 'oldest';
const ORDERS: { label: string; value: Order }[] = [
  { label: 'Newest first', value: 'newest' },
  { label: 'Oldest first', value: 'oldest' },
];

function startedText(row: RunRow): string {
  if (row.repeats === 1) return formatWhen(row.run.startedAt);
  return `${formatCount(row.repeats, 'run')}, ${formatWhen(row.firstStartedAt)} to ${formatWhen(row.run.startedAt)}`;
}

function outcomeText(run: InactivityRunView): string {
  const parts = runOutcome(run).map((p) => p.text);
  if (parts.length > 0) return parts.join('; ');
  return run.stopReason ?? '—';
}

export function RunsTable({ refreshKey }: { refreshKey: number }) {
  const [order, setOrder] = useState<Order>('newest');
  const [offset, setOffset] = useState(0);
  const runs = useResolver('inactivity.runs.list', { limit: PAGE_SIZE, offset, order });
  const restoreRun = useAction('inactivity.restore.run');
  const [open, setOpen] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<InactivityRunView | null>(null);
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
    return <Loading what="runs" />;
  }
  const { runs: list, total } = runs.state.value;
  const rows = foldRepeatedStops(list);

  const restoreAll = async (run: InactivityRunView) => {
    setConfirming(null);
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
          <Text>{`Everyone changed by the run of ${formatWhen(list.find((r) => r.id === queued)?.startedAt)} is being given their access back; the run shows "restoring" until it is done.`}</Text>
        </SectionMessage>
      ) : null}
      {restoreRun.error ? <ReplyErrorMessage error={restoreRun.error} action="Restoring the run" /> : null}
      {total === 0 ? (
        <EmptyState
          header="No runs yet"
          description="The daily run starts once a policy that cleans up a product is saved."
          width="narrow"
        />
      ) : (
        <>
          <Inline space="space.100" alignBlock="center">
            <Label labelFor="runs-order">Order</Label>
            <Select
              inputId="runs-order"
              testId="runs-order"
              options={ORDERS}
              value={ORDERS.find((o) => o.value === order)}
              onChange={(o: { value: Order } | null) => {
                if (!o) return;
                setOrder(o.value);
                setOffset(0);
              }}
            />
          </Inline>
          <DynamicTable
            caption={`Inactivity runs, ${order} first`}
            head={{
              cells: [
                { key: 'started', content: 'Started' },
                { key: 'kind', content: 'Kind' },
                { key: 'status', content: 'Status' },
                { key: 'users', content: 'Users checked' },
                { key: 'outcome', content: 'Outcome' },
                { key: 'actions', content: 'Actions' },
              ],
            }}
            rows={rows.map((row) => {
              const { run } = row;
              const restorable =
                run.mode === 'live' && run.execution && run.execution.done > 0 && !run.restore;
              return {
                key: run.id,
                cells: [
                  { key: 'started', content: startedText(row) },
                  {
                    key: 'kind',
                    content: `${run.mode === 'dry-run' ? 'Dry run' : 'Live'} (${run.trigger === 'schedule' ? 'daily' : 'by an admin'})`,
                  },
                  {
                    key: 'status',
                    content: (
                      <Tooltip content={run.stopReason ?? runStateShown(run)}>
                        <RunStatus run={{ status: runStateShown(run) }} />
                      </Tooltip>
                    ),
                  },
                  { key: 'users', content: run.progress.users.toLocaleString('en-US') },
                  { key: 'outcome', content: outcomeText(run) },
                  {
                    key: 'actions',
                    content:
                      run.mode === 'live' && run.execution ? (
                        <Inline space="space.050" shouldWrap>
                          <Button
                            appearance="subtle"
                            onClick={() => setOpen(open === run.id ? null : run.id)}
                          >
                            {open === run.id ? 'Hide users' : 'Show users'}
                          </Button>
                          {restorable ? (
                            <Button
                              appearance="warning"
                              isDisabled={restoreRun.busy}
                              onClick={() => setConfirming(run)}
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
              };
            })}
          />
          <Inline space="space.100" alignBlock="center">
            <Button isDisabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Newer page
            </Button>
            <Text>{`Runs ${offset + 1}–${Math.min(total, offset + list.length)} of ${total}`}</Text>
            <Button isDisabled={offset + list.length >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Older page
            </Button>
          </Inline>
        </>
      )}
      {open ? <RunActions key={open} runId={open} /> : null}
      <ConfirmModal
        open={confirming !== null}
        title={`Restore everyone changed by the run of ${formatWhen(confirming?.startedAt)}?`}
        confirmLabel={`Restore ${formatCount(confirming?.execution?.done ?? 0, 'user')}`}
        appearance="warning"
        busy={restoreRun.busy}
        testId="restore-run-confirm"
        onConfirm={() => confirming && void restoreAll(confirming)}
        onClose={() => setConfirming(null)}
      >
        <Text>{`${formatCount(confirming?.execution?.done ?? 0, 'user')} get back exactly what this run took: the licence groups they were removed from, and their account if it was suspended.`}</Text>
        <Text>Anyone already given it back is left as they are. Each restore is audited.</Text>
      </ConfirmModal>
    </Stack>
  );
}
