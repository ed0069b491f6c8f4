// One run's actions, user by user, each with its result and a one-click restore.
import { useState } from 'react';
import { Button, DynamicTable, EmptyState, Lozenge, SectionMessage, Stack, Text, User } from '@forge/react';
import type { ActionRowView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';

function resultText(row: ActionRowView): string {
  if (row.results.length === 0) return row.status;
  return row.results
    .map((r) => {
      const what = r.kind === 'remove-licence' ? `removed from ${r.product}` : 'account suspended';
      if (r.outcome === 'done') return what[0]!.toUpperCase() + what.slice(1);
      return `${r.outcome === 'dropped' ? 'Not' : 'Failed:'} ${what}`;
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

  if (page.state.value === undefined) {
    if (page.state.status === 'error')
      return <ReplyErrorMessage error={page.state.error} action="Loading the run's actions" />;
    return <Loading what="the run's actions" />;
  }
  const { rows } = page.state.value;
  const next = page.state.value.cursor;

  const restoreUser = async (accountId: string) => {
    const reply = await restore.run({ runId, accountId });
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
          caption="Actions in this run"
          head={{
            cells: [
              { key: 'user', content: 'User' },
              { key: 'status', content: 'Status' },
              { key: 'result', content: 'Result' },
              { key: 'restore', content: '' },
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
                    {row.status}
                  </Lozenge>
                ),
              },
              { key: 'result', content: resultText(row) },
              {
                key: 'restore',
                content: RESTORABLE.has(row.status) ? (
                  <Button
                    appearance="subtle"
                    isDisabled={restore.busy}
                    onClick={() => void restoreUser(row.accountId)}
                  >
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
    </Stack>
  );
}
