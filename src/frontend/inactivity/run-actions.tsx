// One run's users: what was held, done, dropped or failed for each, and restoring one user after a confirmation.
import { useState } from 'react';
import { Button, DynamicTable, EmptyState, Lozenge, SectionMessage, Stack, Text, User } from '@forge/react';
import type { ActionRowView } from '../../shared/contract';
import type { Text as Words, TextKey } from '../../shared/i18n/text';
import { saidText } from '../../shared/words-text';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { ConfirmModal } from '../common/confirm-modal';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';

const STATUS_TEXT: Record<ActionRowView['status'], TextKey> = {
  planned: 'inactivity.runActions.statusPlanned',
  executing: 'inactivity.runActions.statusExecuting',
  done: 'inactivity.runActions.statusDone',
  dropped: 'inactivity.runActions.statusDropped',
  failed: 'inactivity.runActions.statusFailed',
  restoring: 'inactivity.runActions.statusRestoring',
  restored: 'inactivity.runActions.statusRestored',
};

/** Each result's words by kind and outcome: whole phrases, so no language has to change a word's case. */
const RESULT_TEXT: Record<
  ActionRowView['results'][number]['kind'],
  Record<ActionRowView['results'][number]['outcome'], TextKey>
> = {
  'remove-licence': {
    done: 'inactivity.runActions.removed',
    dropped: 'inactivity.runActions.removeNotDone',
    failed: 'inactivity.runActions.removeFailed',
  },
  suspend: {
    done: 'inactivity.runActions.suspended',
    dropped: 'inactivity.runActions.suspendNotDone',
    failed: 'inactivity.runActions.suspendFailed',
  },
};

function name(row: ActionRowView, key: string): string {
  return row.productNames[key] ?? key;
}

/** What happened to the user, product by product, by name. */
export function resultText(row: ActionRowView, text: Words): string {
  if (row.results.length === 0)
    return row.planned
      .map((a) =>
        a.kind === 'remove-licence'
          ? text.t('inactivity.runActions.wouldRemove', { product: name(row, a.product) })
          : text.t('inactivity.runActions.wouldSuspend', {
              products: text.list(a.products.map((p) => name(row, p))),
            }),
      )
      .join('; ');
  return row.results
    .map((r) =>
      text.t(
        RESULT_TEXT[r.kind][r.outcome],
        r.kind === 'remove-licence' ? { product: name(row, r.product) } : {},
      ),
    )
    .join('; ');
}

const RESTORABLE = new Set<ActionRowView['status']>(['done', 'failed']);

export function RunActions({ runId }: { runId: string }) {
  const text = useText();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useResolver('inactivity.runs.actions', { runId, limit: 50, ...(cursor ? { cursor } : {}) });
  const restore = useAction('inactivity.restore.user');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ActionRowView | null>(null);

  if (page.state.value === undefined) {
    if (page.state.status === 'error')
      return (
        <ReplyErrorMessage error={page.state.error} action={text.t('inactivity.runActions.loadingAction')} />
      );
    return <Loading what="runUsers" />;
  }
  const { rows } = page.state.value;
  const next = page.state.value.cursor;

  const restoreUser = async (row: ActionRowView) => {
    setConfirming(null);
    const reply = await restore.run({ runId, accountId: row.accountId });
    if (reply.ok) {
      setMessage(saidText(text, reply.value.message, reply.value.words));
      page.reload();
    }
  };

  return (
    <Stack space="space.100" testId={`run-actions-${runId}`}>
      {message ? (
        <SectionMessage appearance="success" title={text.t('inactivity.runActions.restoreTitle')}>
          <Text>{message}</Text>
        </SectionMessage>
      ) : null}
      {restore.error ? (
        <ReplyErrorMessage error={restore.error} action={text.t('inactivity.runActions.restoringAction')} />
      ) : null}
      {rows.length === 0 ? (
        <EmptyState header={text.t('inactivity.runActions.empty')} width="narrow" />
      ) : (
        <DynamicTable
          caption={text.t('inactivity.runActions.caption')}
          head={{
            cells: [
              { key: 'user', content: text.t('inactivity.runActions.user') },
              { key: 'status', content: text.t('inactivity.runActions.status') },
              { key: 'result', content: text.t('inactivity.runActions.result') },
              { key: 'restore', content: text.t('inactivity.runActions.restore') },
            ],
          }}
          rows={rows.map((row) => ({
            key: row.accountId,
            cells: [
              { key: 'user', content: <User accountId={row.accountId} /> },
              {
                key: 'status',
                content: (
                  <Lozenge appearance={row.status === 'restored' ? 'success' : 'default'}>
                    {text.t(STATUS_TEXT[row.status])}
                  </Lozenge>
                ),
              },
              { key: 'result', content: resultText(row, text) },
              {
                key: 'restore',
                content: RESTORABLE.has(row.status) ? (
                  <Button appearance="subtle" isDisabled={restore.busy} onClick={() => setConfirming(row)}>
                    {text.t('inactivity.runActions.restore')}
                  </Button>
                ) : (
                  ''
                ),
              },
            ],
          }))}
        />
      )}
      {cursors.length > 0 || next ? (
        <Stack space="space.050">
          <Button isDisabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {text.t('inactivity.runActions.previous')}
          </Button>
          <Button isDisabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
            {text.t('inactivity.runActions.next')}
          </Button>
        </Stack>
      ) : null}
      <ConfirmModal
        open={confirming !== null}
        title={text.t('inactivity.runActions.confirmTitle')}
        confirmLabel={text.t('inactivity.runActions.confirmButton')}
        appearance="warning"
        busy={restore.busy}
        testId="restore-user-confirm"
        onConfirm={() => confirming && void restoreUser(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming ? <User accountId={confirming.accountId} /> : null}
        <Text>
          {confirming
            ? text.t('inactivity.runActions.confirmBody', { what: resultText(confirming, text) })
            : ''}
        </Text>
        <Text>{text.t('inactivity.runActions.confirmAfter')}</Text>
      </ConfirmModal>
    </Stack>
  );
}
