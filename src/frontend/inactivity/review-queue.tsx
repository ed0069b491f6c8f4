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
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';

function plannedText(row: ReviewQueueView['rows'][number]): string {
  return row.planned
    .map((a) => (a.kind === 'remove-licence' ? `remove ${a.product}` : `suspend (${a.products.join(', ')})`))
    .join('; ');
}

export function ReviewQueue({ onAnswered }: { onAnswered: () => void }) {
  const queue = useResolver('inactivity.review.get', { limit: 100 });
  const approve = useAction('inactivity.review.approve');
  const [chosen, setChosen] = useState<string[]>([]);
  const [answer, setAnswer] = useState<string | null>(null);

  if (queue.state.value === undefined) {
    if (queue.state.status === 'error')
      return (
        <ReplyErrorMessage
          error={queue.state.error}
          action="Loading the review queue"
          onRetry={queue.reload}
        />
      );
    return <Loading what="the review queue" />;
  }
  const { run, rows } = queue.state.value;

  const send = async (
    approval: { approve: 'all' } | { approve: 'none' } | { approve: 'accounts'; accountIds: string[] },
  ) => {
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
              onClick={() => void send({ approve: 'all' })}
            >
              Approve all
            </Button>
            <Button
              testId="review-approve-chosen"
              isDisabled={approve.busy || chosen.length === 0}
              onClick={() => void send({ approve: 'accounts', accountIds: chosen })}
            >
              {`Approve ${formatCount(chosen.length, 'chosen user')}`}
            </Button>
            <Button
              appearance="subtle"
              testId="review-approve-none"
              isDisabled={approve.busy}
              onClick={() => void send({ approve: 'none' })}
            >
              Approve none
            </Button>
          </Inline>
        </>
      )}
    </Stack>
  );
}
