// One run's users: what was held, done, dropped or failed for each, and restoring one user after a confirmation.
import { useState } from 'react';
import { Button, DynamicTable, EmptyState, Lozenge, SectionMessage, Stack, Text, User } from '@forge/react';
import type { ActionRowView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { ConfirmModal } from '../common/confirm-modal';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';

const STATUS_TEXT: Record<ActionRowView['status'], string> = {
  planned: 'held',
  executing: 'in progress',
  done: 'done',
  dropped: 'not approved',
  failed: 'failed',
  restoring: 'restoring',
  restored: 'restored',
};

function name(row: ActionRowView, key: string): string {
  return row.productNames[key] ?? key;
}

/** What happened to the user, product by product, by name. */
export function resultText(row: ActionRowView): string {
  if (row.results.length === 0)
    return row.planned
      .map((a) =>
        a.kind === 'remove-licence'
          ? `Would remove ${name(row, a.product)}`
          : `Would suspend the account (${a.products.map((p) => name(row, p)).join(', ')})`,
      )
      .join('; ');
  return row.results
    .map((r) => {
      const what = r.kind === 'remove-licence' ? `${name(row, r.product)} removed` : 'Account suspended';
      if (r.outcome === 'done') return what;
      return r.outcome === 'dropped' ? `Not done: ${what.toLowerCase()}` : `Failed: ${what.toLowerCase()}`;
    })
    .join('; ');
}

const RESTORABLE = new Set<ActionRowView['status']>(['done', 'failed']);

export function RunActions({ runId }: { runId: string }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useResolver('inactivity.runs.actions', { runId, limit: 50, ...(cursor ? { cursor } : {}) });
  const restore = useAction('inactivity.restore.user');
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ActionRowView | null>(null);

  if (page.state.value === undefined) {
    if (page.state.status === 'error')
      return <ReplyErrorMessage error={page.state.error} action="Loading the run's users" />;
    return <Loading what="runUsers" />;
  }
  const { rows } = page.state.value;
  const next = page.state.value.cursor;

  const restoreUser = async (row: ActionRowView) => {
    setConfirming(null);
    const reply = await restore.run({ runId, accountId: row.accountId });
    if (reply.ok) {
      setMessage(reply.value.message);
      page.reload();
    }
  };

  return (
    <Stack space="space.100" testId={`run-actions-${runId}`}>
      {message ? (
        <SectionMessage appearance="success" title="Restore">
          <Text>{message}</Text>
        </SectionMessage>
      ) : null}
      {restore.error ? <ReplyErrorMessage error={restore.error} action="Restoring" /> : null}
      {rows.length === 0 ? (
        <EmptyState header="This run changed nobody" width="narrow" />
      ) : (
        <DynamicTable
          caption="Users in this run"
          head={{
            cells: [
              { key: 'user', content: 'User' },
              { key: 'status', content: 'Status' },
              { key: 'result', content: 'Result' },
              { key: 'restore', content: 'Restore' },
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
                    {STATUS_TEXT[row.status]}
                  </Lozenge>
                ),
              },
              { key: 'result', content: resultText(row) },
              {
                key: 'restore',
                content: RESTORABLE.has(row.status) ? (
                  <Button appearance="subtle" isDisabled={restore.busy} onClick={() => setConfirming(row)}>
                    Restore
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
            Previous
          </Button>
          <Button isDisabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
            Next
          </Button>
        </Stack>
      ) : null}
      <ConfirmModal
        open={confirming !== null}
        title="Restore this user?"
        confirmLabel="Restore 1 user"
        appearance="warning"
        busy={restore.busy}
        testId="restore-user-confirm"
        onConfirm={() => confirming && void restoreUser(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming ? <User accountId={confirming.accountId} /> : null}
        <Text>{confirming ? `Gets back what this run took: ${resultText(confirming)}.` : ''}</Text>
        <Text>Whatever was already given back is left as it is. The restore is audited.</Text>
      </ConfirmModal>
    </Stack>
  );
}
