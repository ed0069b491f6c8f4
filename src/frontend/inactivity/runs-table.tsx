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
import type { Text as Words, TextKey } from '../../shared/i18n/text';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { ConfirmModal } from '../common/confirm-modal';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { RunActions } from './run-actions';
import { foldRepeatedStops, runOutcome, runStateShown, type RunRow } from './run-rows';
import { RUN_STATUS_TEXT, RunStatus } from './run-status';

const PAGE_SIZE = 10;

type Order = 'newest' | 'oldest';
const ORDERS: Readonly<Record<Order, { label: TextKey; caption: TextKey }>> = {
  newest: { label: 'inactivity.runs.newestFirst', caption: 'inactivity.runs.captionNewest' },
  oldest: { label: 'inactivity.runs.oldestFirst', caption: 'inactivity.runs.captionOldest' },
};

const KIND: Readonly<Record<`${InactivityRunView['mode']}:${InactivityRunView['trigger']}`, TextKey>> = {
  'live:schedule': 'inactivity.runs.kindLiveDaily',
  'live:admin': 'inactivity.runs.kindLiveAdmin',
  'dry-run:schedule': 'inactivity.runs.kindDryDaily',
  'dry-run:admin': 'inactivity.runs.kindDryAdmin',
};

function startedText(row: RunRow, text: Words): string {
  if (row.repeats === 1) return text.when(row.run.startedAt);
  return text.tn('inactivity.runs.repeats', row.repeats, {
    from: text.when(row.firstStartedAt),
    to: text.when(row.run.startedAt),
  });
}

function outcomeText(run: InactivityRunView, text: Words): string {
  const parts = runOutcome(run, text).map((p) => p.text);
  if (parts.length > 0) return parts.join('; ');
  return run.stopReason ?? '—';
}

export function RunsTable({ refreshKey }: { refreshKey: number }) {
  const text = useText();
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
      return (
        <ReplyErrorMessage
          error={runs.state.error}
          action={text.t('inactivity.runs.loadingAction')}
          onRetry={runs.reload}
        />
      );
    return <Loading what="runs" />;
  }
  const { runs: list, total } = runs.state.value;
  const rows = foldRepeatedStops(list);
  const orders = (Object.keys(ORDERS) as Order[]).map((value) => ({
    label: text.t(ORDERS[value].label),
    value,
  }));

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
        <Heading size="medium">{text.t('inactivity.runs.heading')}</Heading>
        <Button appearance="subtle" onClick={runs.reload}>
          {text.t('inactivity.runs.refresh')}
        </Button>
      </Inline>
      {queued ? (
        <SectionMessage appearance="information" title={text.t('inactivity.runs.restoreStartedTitle')}>
          <Text>
            {text.t('inactivity.runs.restoreStarted', {
              when: text.when(list.find((r) => r.id === queued)?.startedAt),
              status: text.t(RUN_STATUS_TEXT.restoring),
            })}
          </Text>
        </SectionMessage>
      ) : null}
      {restoreRun.error ? (
        <ReplyErrorMessage error={restoreRun.error} action={text.t('inactivity.runs.restoringAction')} />
      ) : null}
      {total === 0 ? (
        <EmptyState
          header={text.t('inactivity.runs.emptyHeader')}
          description={text.t('inactivity.runs.emptyDescription')}
          width="narrow"
        />
      ) : (
        <>
          <Inline space="space.100" alignBlock="center">
            <Label labelFor="runs-order">{text.t('inactivity.runs.order')}</Label>
            <Select
              inputId="runs-order"
              testId="runs-order"
              options={orders}
              value={orders.find((o) => o.value === order)}
              onChange={(o: { value: Order } | null) => {
                if (!o) return;
                setOrder(o.value);
                setOffset(0);
              }}
            />
          </Inline>
          <DynamicTable
            caption={text.t(ORDERS[order].caption)}
            head={{
              cells: [
                { key: 'started', content: text.t('inactivity.runs.started') },
                { key: 'kind', content: text.t('inactivity.runs.kind') },
                { key: 'status', content: text.t('inactivity.runs.status') },
                { key: 'users', content: text.t('inactivity.runs.usersChecked') },
                { key: 'outcome', content: text.t('inactivity.runs.outcome') },
                { key: 'actions', content: text.t('inactivity.runs.actions') },
              ],
            }}
            rows={rows.map((row) => {
              const { run } = row;
              const restorable =
                run.mode === 'live' && run.execution && run.execution.done > 0 && !run.restore;
              return {
                key: run.id,
                cells: [
                  { key: 'started', content: startedText(row, text) },
                  { key: 'kind', content: text.t(KIND[`${run.mode}:${run.trigger}`]) },
                  {
                    key: 'status',
                    content: (
                      <Tooltip content={run.stopReason ?? text.t(RUN_STATUS_TEXT[runStateShown(run)])}>
                        <RunStatus run={{ status: runStateShown(run) }} />
                      </Tooltip>
                    ),
                  },
                  { key: 'users', content: text.number(run.progress.users) },
                  { key: 'outcome', content: outcomeText(run, text) },
                  {
                    key: 'actions',
                    content:
                      run.mode === 'live' && run.execution ? (
                        <Inline space="space.050" shouldWrap>
                          <Button
                            appearance="subtle"
                            onClick={() => setOpen(open === run.id ? null : run.id)}
                          >
                            {open === run.id
                              ? text.t('inactivity.runs.hideUsers')
                              : text.t('inactivity.runs.showUsers')}
                          </Button>
                          {restorable ? (
                            <Button
                              appearance="warning"
                              isDisabled={restoreRun.busy}
                              onClick={() => setConfirming(run)}
                            >
                              {text.t('inactivity.runs.restoreEveryone')}
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
              {text.t('inactivity.runs.newerPage')}
            </Button>
            <Text>
              {text.t('inactivity.runs.pageRange', {
                first: offset + 1,
                last: Math.min(total, offset + list.length),
                total,
              })}
            </Text>
            <Button isDisabled={offset + list.length >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {text.t('inactivity.runs.olderPage')}
            </Button>
          </Inline>
        </>
      )}
      {open ? <RunActions key={open} runId={open} /> : null}
      <ConfirmModal
        open={confirming !== null}
        title={text.t('inactivity.runs.restoreTitle', { when: text.when(confirming?.startedAt) })}
        confirmLabel={text.tn('inactivity.runs.restoreConfirm', confirming?.execution?.done ?? 0)}
        appearance="warning"
        busy={restoreRun.busy}
        testId="restore-run-confirm"
        onConfirm={() => confirming && void restoreAll(confirming)}
        onClose={() => setConfirming(null)}
      >
        <Text>{text.tn('inactivity.runs.restoreBody', confirming?.execution?.done ?? 0)}</Text>
        <Text>{text.t('inactivity.runs.restoreAfter')}</Text>
      </ConfirmModal>
    </Stack>
  );
}
