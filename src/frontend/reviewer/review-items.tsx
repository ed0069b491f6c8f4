// One campaign's items for the signed-in reviewer: who holds what, why (rule and attribute values), since when,
// last activity; what the identity provider says now on demand; keep or remove with a reason, one at a time or
// several at once after a confirmation.
import { useState } from 'react';
import {
  Button,
  Checkbox,
  DynamicTable,
  Heading,
  Inline,
  Label,
  Lozenge,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Select,
  Stack,
  Text,
  TextArea,
  User,
} from '@forge/react';
import { describeGrant } from '../../domain/rules';
import type { ReplyError, ReviewItemRowView } from '../../shared/contract';
import { formatCount, formatWhen } from '../common/format';
import { inputValue, type InputChange } from '../common/input-value';
import { Loading } from '../common/loading';
import { callReviewer, useReviewer } from './call-reviewer';
import { EvidencePanel } from './evidence-panel';
import { ReviewerError } from './reviewer-error';

type Filter = 'pending' | 'keep' | 'remove';
const FILTERS: Array<{ label: string; value: Filter }> = [
  { label: 'Undecided', value: 'pending' },
  { label: 'Kept', value: 'keep' },
  { label: 'Removed', value: 'remove' },
];

export function basisText(item: ReviewItemRowView): string {
  if (item.source === 'hand') return 'Granted outside this app';
  const rule = item.ruleName ?? item.ruleId ?? 'a rule';
  const values = item.basis
    ? Object.entries(item.basis)
        .map(
          ([k, v]) =>
            `${k} = ${Array.isArray(v) ? v.join(', ') : v === null ? 'none' : typeof v === 'object' ? '…' : String(v)}`,
        )
        .join('; ')
    : 'values not recorded';
  return `Rule "${rule}": ${values}`;
}

function decisionLozenge(item: ReviewItemRowView) {
  if (item.decision === 'keep') return <Lozenge appearance="success">Keep</Lozenge>;
  if (item.decision === 'remove') return <Lozenge appearance="removed">Remove</Lozenge>;
  return <Lozenge>Undecided</Lozenge>;
}

interface Pending {
  decision: 'keep' | 'remove';
  itemIds: string[];
}

export function ReviewItems({ campaignId, onDecided }: { campaignId: string; onDecided: () => void }) {
  const [filter, setFilter] = useState<Filter>('pending');
  const items = useReviewer('reviewer.items', { campaignId, decision: filter, limit: 50 });
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [evidenceFor, setEvidenceFor] = useState<ReviewItemRowView | null>(null);

  const send = async ({ decision, itemIds }: Pending) => {
    setBusy(true);
    setError(null);
    const reply = await callReviewer('reviewer.decide', {
      campaignId,
      decisions: itemIds.map((itemId) => ({ itemId, decision, reason })),
    });
    setBusy(false);
    setConfirm(null);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    setDone(
      `${formatCount(reply.value.decided.length, 'item')} ${decision === 'keep' ? 'kept' : 'marked for removal'}.`,
    );
    setChosen([]);
    items.reload();
    onDecided();
  };

  if (items.state.value === undefined) {
    if (items.state.status === 'error')
      return <ReviewerError error={items.state.error} action="Loading your items" onRetry={items.reload} />;
    return <Loading what="yourItems" />;
  }
  const { campaign, items: rows, cursor } = items.state.value;
  const open = campaign.status === 'open';
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <Stack space="space.150" testId="reviewer-items">
      <Heading size="medium">{campaign.name}</Heading>
      <Text>
        {open
          ? `Due ${formatWhen(campaign.dueAt)}. Items nobody decides by then are ${campaign.undecided === 'keep' ? 'kept' : 'removed'}.`
          : `This review is ${campaign.status}; decisions can no longer be changed.`}
      </Text>
      <Inline space="space.100" alignBlock="center">
        <Label labelFor="reviewer-filter">Show</Label>
        <Select
          id="reviewer-filter"
          testId="reviewer-filter"
          options={FILTERS}
          value={FILTERS.find((f) => f.value === filter)}
          onChange={(option: { value: Filter }) => {
            setFilter(option.value);
            setChosen([]);
          }}
        />
      </Inline>
      {open ? (
        <Stack space="space.050">
          <Label labelFor="reviewer-reason">Reason for your decision (kept in the audit report)</Label>
          <TextArea
            id="reviewer-reason"
            testId="reviewer-reason"
            value={reason}
            onChange={(e: InputChange) => setReason(inputValue(e))}
          />
        </Stack>
      ) : null}
      {done ? <Text testId="reviewer-done">{done}</Text> : null}
      {error ? <ReviewerError error={error} action="Deciding" /> : null}
      <DynamicTable
        caption="Your items"
        testId="reviewer-table"
        emptyView={<Text>No items here.</Text>}
        head={{
          cells: [
            { key: 'pick', content: '' },
            { key: 'user', content: 'Person' },
            { key: 'access', content: 'Access' },
            { key: 'why', content: 'Granted because' },
            { key: 'since', content: 'Granted' },
            { key: 'active', content: 'Last active' },
            { key: 'decision', content: 'Decision' },
            { key: 'act', content: '' },
          ],
        }}
        rows={rows.map((item) => ({
          key: item.id,
          cells: [
            {
              key: 'pick',
              content: open ? (
                <Checkbox
                  label="Choose"
                  value={item.id}
                  isChecked={chosen.includes(item.id)}
                  onChange={() => toggle(item.id)}
                />
              ) : (
                ''
              ),
            },
            { key: 'user', content: <User accountId={item.accountId} /> },
            { key: 'access', content: describeGrant(item.grant) },
            { key: 'why', content: basisText(item) },
            { key: 'since', content: formatWhen(item.grantedAt, 'unknown') },
            { key: 'active', content: formatWhen(item.lastActiveAt, 'no activity on record') },
            {
              key: 'decision',
              content: item.reason ? (
                <Stack>
                  {decisionLozenge(item)}
                  <Text>{item.reason}</Text>
                </Stack>
              ) : (
                decisionLozenge(item)
              ),
            },
            {
              key: 'act',
              content: (
                <Inline space="space.050">
                  <Button appearance="subtle" onClick={() => setEvidenceFor(item)}>
                    Evidence
                  </Button>
                  {open ? (
                    <Button
                      isDisabled={busy}
                      onClick={() => void send({ decision: 'keep', itemIds: [item.id] })}
                    >
                      Keep
                    </Button>
                  ) : null}
                  {open ? (
                    <Button
                      appearance="warning"
                      isDisabled={busy}
                      onClick={() => void send({ decision: 'remove', itemIds: [item.id] })}
                    >
                      Remove
                    </Button>
                  ) : null}
                </Inline>
              ),
            },
          ],
        }))}
      />
      {cursor ? <Text>Showing the first {rows.length} items; decide these to see more.</Text> : null}
      {open ? (
        <Inline space="space.100">
          <Button
            testId="reviewer-keep-chosen"
            isDisabled={busy || chosen.length === 0}
            onClick={() => setConfirm({ decision: 'keep', itemIds: chosen })}
          >
            {`Keep ${formatCount(chosen.length, 'chosen item')}`}
          </Button>
          <Button
            testId="reviewer-remove-chosen"
            appearance="warning"
            isDisabled={busy || chosen.length === 0}
            onClick={() => setConfirm({ decision: 'remove', itemIds: chosen })}
          >
            {`Remove ${formatCount(chosen.length, 'chosen item')}`}
          </Button>
        </Inline>
      ) : null}
      {evidenceFor ? <EvidencePanel item={evidenceFor} onClose={() => setEvidenceFor(null)} /> : null}
      <ModalTransition>
        {confirm ? (
          <Modal onClose={() => setConfirm(null)}>
            <ModalHeader>
              <ModalTitle>{`${confirm.decision === 'keep' ? 'Keep' : 'Remove'} ${formatCount(confirm.itemIds.length, 'item')}?`}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text>
                {confirm.decision === 'keep'
                  ? 'These people keep this access. '
                  : 'These people lose this access when the review closes. '}
                {`Your reason for all of them: "${reason.trim() || '(none given)'}"`}
              </Text>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button
                testId="reviewer-confirm"
                appearance={confirm.decision === 'keep' ? 'primary' : 'danger'}
                isDisabled={busy}
                onClick={() => void send(confirm)}
              >
                {confirm.decision === 'keep' ? 'Keep them' : 'Remove them'}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}
