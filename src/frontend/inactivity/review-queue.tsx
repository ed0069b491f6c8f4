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
import type { Text as Words } from '../../shared/i18n/text';
import { saidText } from '../../shared/words-text';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { ConfirmModal } from '../common/confirm-modal';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';

type Approval = { approve: 'all' } | { approve: 'none' } | { approve: 'accounts'; accountIds: string[] };

function productNames(row: ReviewQueueView['rows'][number], key: string): string {
  return row.productNames[key] ?? key;
}

function plannedText(row: ReviewQueueView['rows'][number], text: Words): string {
  return row.planned
    .map((a) =>
      a.kind === 'remove-licence'
        ? text.t('inactivity.review.remove', { product: productNames(row, a.product) })
        : text.t('inactivity.review.suspend', {
            products: text.list(a.products.map((p) => productNames(row, p))),
          }),
    )
    .join('; ');
}

/** What answering the review will do, in the confirmation's words. */
function confirmation(
  approval: Approval,
  held: number,
  text: Words,
): { title: string; lines: string[]; button: string } {
  if (approval.approve === 'all')
    return {
      title: text.tn('inactivity.review.allTitle', held),
      lines: [text.tn('inactivity.review.allBody', held), text.t('inactivity.review.allAfter')],
      button: text.t('inactivity.review.approveAll'),
    };
  if (approval.approve === 'none')
    return {
      title: text.t('inactivity.review.noneTitle'),
      lines: [text.tn('inactivity.review.noneBody', held), text.t('inactivity.review.noneAfter')],
      button: text.t('inactivity.review.approveNone'),
    };
  const chosen = approval.accountIds.length;
  const rest = Math.max(0, held - chosen);
  return {
    title: text.tn('inactivity.review.chosenTitle', chosen),
    lines: [text.tn('inactivity.review.chosenBody', chosen), text.tn('inactivity.review.chosenRest', rest)],
    button: text.tn('inactivity.review.approveChosenConfirm', chosen),
  };
}

export function ReviewQueue({ onAnswered }: { onAnswered: () => void }) {
  const text = useText();
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
          action={text.t('inactivity.review.loadingAction')}
          onRetry={queue.reload}
        />
      );
    return <Loading what="reviewQueue" />;
  }
  const { run, rows } = queue.state.value;

  const heldUsers = run?.brake?.counts.affectedUsers ?? rows.length;
  const asked = asking ? confirmation(asking, heldUsers, text) : null;
  const send = async (approval: Approval) => {
    setAsking(null);
    if (!run) return;
    const reply = await approve.run({ runId: run.id, approval });
    if (!reply.ok) return;
    setAnswer(
      text.t('inactivity.review.answered', {
        allowed: text.tn('inactivity.count.actions', reply.value.allowedActions),
        dropped: text.tn('inactivity.count.actions', reply.value.droppedActions),
      }),
    );
    setChosen([]);
    queue.reload();
    onAnswered();
  };

  return (
    <Stack space="space.150" testId="inactivity-review">
      <Heading size="medium">{text.t('inactivity.review.heading')}</Heading>
      {answer ? (
        <SectionMessage appearance="success" title={text.t('inactivity.review.answeredTitle')}>
          <Text>{answer}</Text>
        </SectionMessage>
      ) : null}
      {!run ? (
        <EmptyState
          header={text.t('inactivity.review.emptyHeader')}
          description={text.t('inactivity.review.emptyDescription')}
          width="narrow"
        />
      ) : (
        <>
          <SectionMessage appearance="warning" title={text.t('inactivity.review.heldTitle')}>
            <Text>
              {run.brake?.message
                ? saidText(text, run.brake.message, run.brake.words)
                : text.t('inactivity.review.heldFallback')}
            </Text>
          </SectionMessage>
          <DynamicTable
            caption={text.t('inactivity.review.caption')}
            head={{
              cells: [
                { key: 'pick', content: '' },
                { key: 'user', content: text.t('inactivity.review.user') },
                { key: 'planned', content: text.t('inactivity.review.would') },
                { key: 'why', content: text.t('inactivity.review.why') },
              ],
            }}
            rows={rows.map((row) => ({
              key: row.accountId,
              cells: [
                {
                  key: 'pick',
                  content: (
                    <Checkbox
                      label={text.t('inactivity.review.pick')}
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
                { key: 'planned', content: plannedText(row, text) },
                {
                  key: 'why',
                  content: row.reasons.map((r) => saidText(text, r.message, r.words)).join(' '),
                },
              ],
            }))}
          />
          {queue.state.value.cursor ? (
            <Text>{text.tn('inactivity.review.showingFirst', rows.length)}</Text>
          ) : null}
          {approve.error ? (
            <ReplyErrorMessage error={approve.error} action={text.t('inactivity.review.answeringAction')} />
          ) : null}
          <Inline space="space.100">
            <Button
              appearance="primary"
              testId="review-approve-all"
              isDisabled={approve.busy}
              onClick={() => setAsking({ approve: 'all' })}
            >
              {text.t('inactivity.review.approveAll')}
            </Button>
            <Button
              testId="review-approve-chosen"
              isDisabled={approve.busy || chosen.length === 0}
              onClick={() => setAsking({ approve: 'accounts', accountIds: chosen })}
            >
              {text.tn('inactivity.review.approveChosen', chosen.length)}
            </Button>
            <Button
              appearance="subtle"
              testId="review-approve-none"
              isDisabled={approve.busy}
              onClick={() => setAsking({ approve: 'none' })}
            >
              {text.t('inactivity.review.approveNone')}
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
