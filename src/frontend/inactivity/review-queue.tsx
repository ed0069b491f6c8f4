// The review queue: a run the safety brake held. Approve every held action, only chosen users, or none.
import { useState } from 'react';
import {
  Button,
  Inline,
  Checkbox,
  DynamicTable,
  EmptyState,
  Heading,
  SectionMessage,
  Stack,
  Text,
  User,
} from '@forge/react';
import type { ReviewQueueView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { formatCount } from '../common/format';
import { ConfirmModal } from '../common/confirm-modal';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';

type Approval = { approve: 'all' } | { approve: 'none' } | { approve: 'accounts'; accountIds: string[] };

function productNames(row: ReviewQueueView['rows'][number], key: string): string {
  return row.productNames[key] ?? key;
}

function plannedText(row: ReviewQueueView['rows'][number]): string {
  return row.planned
    .map((a) =>
      a.kind === 'remove-licence'
        ? `Remove ${productNames(row, a.product)}`
        : `Suspend the account (${a.products.map((p) => productNames(row, p)).join(', ')})`,
    )
    .join('; ');
}

/** What answering the review will do, in the confirmation's words. */
function confirmation(approval: Approval, held: number): { title: string; lines: string[]; button: string } {
  if (approval.approve === 'all')
    return {
      title: `Approve all ${formatCount(held, 'held user')}?`,
      lines: [
        `The app carries out every held action now: ${formatCount(held, 'user')} lose the access listed (each is checked again first; anyone active since is left alone).`,
        'Everything can be restored from the run afterwards.',
      ],
      button: 'Approve all',
    };
  if (approval.approve === 'none')
    return {
      title: 'Approve none?',
      lines: [
        `Nothing is done to the ${formatCount(held, 'held user')} in this run; their warnings stay.`,
        'The next daily run decides them again.',
      ],
      button: 'Approve none',
    };
  const chosen = approval.accountIds.length;
  const rest = Math.max(0, held - chosen);
  return {
    title: `Approve ${formatCount(chosen, 'chosen user')}?`,
    lines: [
      `The app carries out the held actions of the ${formatCount(chosen, 'user')} you chose now.`,
      `The other ${formatCount(rest, 'held user')} are not acted on in this run (their actions are dropped and audited as not approved); the next daily run decides them again.`,
    ],
    button: `Approve ${formatCount(chosen, 'user')}`,
  };
}

export function ReviewQueue({ onAnswered }: { onAnswered: () => void }) {
  const queue = useResolver('inactivity.review.get', { limit: 100 });
  const approve = useAction('inactivity.review.approve');
  const [chosen, setChosen] = useState<string[]>([]);
  const [answer, setAnswer] = useState<string | null>(null);
  const [asking, setAsking] = useState<Approval | null>(null);

  if (queue.state.value === undefined) {
    if (queue.state.status === 'error')
      return (
        <ReplyErrorMessage
          error={queue.state.error}
          action="Loading the review queue"
          onRetry={queue.reload}
        />
      );
    return <Loading what="reviewQueue" />;
  }
  const { run, rows } = queue.state.value;

  const heldUsers = run?.brake?.counts.affectedUsers ?? rows.length;
  const asked = asking ? confirmation(asking, heldUsers) : null;
  const send = async (approval: Approval) => {
    setAsking(null);
    if (!run) return;
    const reply = await approve.run({ runId: run.id, approval });
    if (!reply.ok) return;
    setAnswer(
      `${formatCount(reply.value.allowedActions, 'action')} approved, ${formatCount(reply.value.droppedActions, 'action')} dropped.`,
    );
    setChosen([]);
    queue.reload();
    onAnswered();
  };

  return (
    <Stack space="space.150" testId="inactivity-review">
      <Heading size="medium">Review queue</Heading>
      {answer ? (
        <SectionMessage appearance="success" title="Review answered">
          <Text>{answer}</Text>
        </SectionMessage>
      ) : null}
      {!run ? (
        <EmptyState
          header="Nothing waits for review"
          description="Runs the safety brake holds appear here."
          width="narrow"
        />
      ) : (
        <>
          <SectionMessage appearance="warning" title="A run is held by the safety brake">
            <Text>{run.brake?.message ?? 'The run would act on more users than the brake allows.'}</Text>
          </SectionMessage>
          <DynamicTable
            caption="Held actions"
            head={{
              cells: [
                { key: 'pick', content: '' },
                { key: 'user', content: 'User' },
                { key: 'planned', content: 'Would' },
                { key: 'why', content: 'Why' },
              ],
            }}
            rows={rows.map((row) => ({
              key: row.accountId,
              cells: [
                {
                  key: 'pick',
                  content: (
                    <Checkbox
                      label="Approve"
                      value={row.accountId}
                      isChecked={chosen.includes(row.accountId)}
                      onChange={() =>
                        setChosen((c) =>
                          c.includes(row.accountId)
                            ? c.filter((a) => a !== row.accountId)
                            : [...c, row.accountId],
                        )
                      }
                    />
                  ),
                },
                { key: 'user', content: <User accountId={row.accountId} /> },
                { key: 'planned', content: plannedText(row) },
                { key: 'why', content: row.reasons.map((r) => r.message).join(' ') },
              ],
            }))}
          />
          {queue.state.value.cursor ? (
            <Text>Showing the first {rows.length} held users; approving all includes the rest.</Text>
          ) : null}
          {approve.error ? <ReplyErrorMessage error={approve.error} action="Answering the review" /> : null}
          <Inline space="space.100">
            <Button
              appearance="primary"
              testId="review-approve-all"
              isDisabled={approve.busy}
              onClick={() => setAsking({ approve: 'all' })}
            >
              Approve all
            </Button>
            <Button
              testId="review-approve-chosen"
              isDisabled={approve.busy || chosen.length === 0}
              onClick={() => setAsking({ approve: 'accounts', accountIds: chosen })}
            >
              {`Approve ${formatCount(chosen.length, 'chosen user')}`}
            </Button>
            <Button
              appearance="subtle"
              testId="review-approve-none"
              isDisabled={approve.busy}
              onClick={() => setAsking({ approve: 'none' })}
            >
              Approve none
            </Button>
          </Inline>
          <ConfirmModal
            open={asked !== null}
            title={asked?.title ?? ''}
            confirmLabel={asked?.button ?? ''}
            appearance={asking?.approve === 'none' ? 'warning' : 'danger'}
            busy={approve.busy}
            testId="review-confirm"
            onConfirm={() => asking && void send(asking)}
            onClose={() => setAsking(null)}
          >
            {(asked?.lines ?? []).map((line) => (
              <Text key={line}>{line}</Text>
            ))}
          </ConfirmModal>
        </>
      )}
    </Stack>
  );
}
