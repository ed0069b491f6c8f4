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
import type { ReplyError, ReviewItemRowView } from '../../shared/contract';
import type { Text as Words, TextKey } from '../../shared/i18n/text';
import { inputValue, type InputChange } from '../common/input-value';
import { Loading } from '../common/loading';
import { useText } from '../i18n/text-provider';
import { grantText } from '../common/grant-text';
import { callReviewer, useReviewer } from './call-reviewer';
import { NOT_OPEN } from './campaign-status';
import { EvidencePanel } from './evidence-panel';
import { ReviewerError } from './reviewer-error';

type Filter = 'pending' | 'keep' | 'remove';
const FILTERS: Array<{ label: TextKey; value: Filter }> = [
  { label: 'reviewer.items.filters.pending', value: 'pending' },
  { label: 'reviewer.items.filters.kept', value: 'keep' },
  { label: 'reviewer.items.filters.removed', value: 'remove' },
];

/** Why the person holds the access: the granting rule and the attribute values it read, or a hand grant. */
export function basisText(text: Words, item: ReviewItemRowView): string {
  if (item.source === 'hand') return text.t('reviewer.items.basis.hand');
  const values = item.basis
    ? Object.entries(item.basis)
        .map(([name, v]) =>
          text.t('reviewer.items.basis.value', {
            name,
            value: Array.isArray(v)
              ? v.join(', ')
              : v === null
                ? text.t('reviewer.items.basis.none')
                : typeof v === 'object'
                  ? '…'
                  : String(v),
          }),
        )
        .join('; ')
    : text.t('reviewer.items.basis.notRecorded');
  const rule = item.ruleName ?? item.ruleId;
  return rule === null
    ? text.t('reviewer.items.basis.someRule', { values })
    : text.t('reviewer.items.basis.rule', { rule, values });
}

function decisionLozenge(text: Words, item: ReviewItemRowView) {
  if (item.decision === 'keep')
    return <Lozenge appearance="success">{text.t('reviewer.items.decision.keep')}</Lozenge>;
  if (item.decision === 'remove')
    return <Lozenge appearance="removed">{text.t('reviewer.items.decision.remove')}</Lozenge>;
  return <Lozenge>{text.t('reviewer.items.decision.undecided')}</Lozenge>;
}

interface Pending {
  decision: 'keep' | 'remove';
  itemIds: string[];
}

export function ReviewItems({ campaignId, onDecided }: { campaignId: string; onDecided: () => void }) {
  const text = useText();
  const filters = FILTERS.map((f) => ({ label: text.t(f.label), value: f.value }));
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
      decision === 'keep'
        ? text.tn('reviewer.items.done.kept', reply.value.decided.length)
        : text.tn('reviewer.items.done.removed', reply.value.decided.length),
    );
    setChosen([]);
    items.reload();
    onDecided();
  };

  if (items.state.value === undefined) {
    if (items.state.status === 'error')
      return (
        <ReviewerError
          error={items.state.error}
          title={text.t('reviewer.items.loadFailed')}
          onRetry={items.reload}
        />
      );
    return <Loading what="yourItems" />;
  }
  const { campaign, items: rows, cursor } = items.state.value;
  const open = campaign.status === 'open';
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <Stack space="space.150" testId="reviewer-items">
      <Heading size="medium">{campaign.name}</Heading>
      <Text>
        {campaign.status !== 'open'
          ? text.t(NOT_OPEN[campaign.status])
          : campaign.undecided === 'keep'
            ? text.t('reviewer.items.dueKeep', { due: text.when(campaign.dueAt) })
            : text.t('reviewer.items.dueRemove', { due: text.when(campaign.dueAt) })}
      </Text>
      <Inline space="space.100" alignBlock="center">
        <Label labelFor="reviewer-filter">{text.t('reviewer.items.show')}</Label>
        <Select
          id="reviewer-filter"
          testId="reviewer-filter"
          options={filters}
          value={filters.find((f) => f.value === filter)}
          onChange={(option: { value: Filter }) => {
            setFilter(option.value);
            setChosen([]);
          }}
        />
      </Inline>
      {open ? (
        <Stack space="space.050">
          <Label labelFor="reviewer-reason">{text.t('reviewer.items.reason')}</Label>
          <TextArea
            id="reviewer-reason"
            testId="reviewer-reason"
            value={reason}
            onChange={(e: InputChange) => setReason(inputValue(e))}
          />
        </Stack>
      ) : null}
      {done ? <Text testId="reviewer-done">{done}</Text> : null}
      {error ? <ReviewerError error={error} title={text.t('reviewer.items.decideFailed')} /> : null}
      <DynamicTable
        caption={text.t('reviewer.items.caption')}
        testId="reviewer-table"
        emptyView={<Text>{text.t('reviewer.items.empty')}</Text>}
        head={{
          cells: [
            { key: 'pick', content: '' },
            { key: 'user', content: text.t('reviewer.items.columns.person') },
            { key: 'access', content: text.t('reviewer.items.columns.access') },
            { key: 'why', content: text.t('reviewer.items.columns.why') },
            { key: 'since', content: text.t('reviewer.items.columns.since') },
            { key: 'active', content: text.t('reviewer.items.columns.lastActive') },
            { key: 'decision', content: text.t('reviewer.items.columns.decision') },
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
                  label={text.t('reviewer.items.choose')}
                  value={item.id}
                  isChecked={chosen.includes(item.id)}
                  onChange={() => toggle(item.id)}
                />
              ) : (
                ''
              ),
            },
            { key: 'user', content: <User accountId={item.accountId} /> },
            { key: 'access', content: grantText(text, item.grant, 'alone') },
            { key: 'why', content: basisText(text, item) },
            { key: 'since', content: text.when(item.grantedAt, text.t('reviewer.items.unknownSince')) },
            { key: 'active', content: text.when(item.lastActiveAt, text.t('reviewer.items.noActivity')) },
            {
              key: 'decision',
              content: item.reason ? (
                <Stack>
                  {decisionLozenge(text, item)}
                  <Text>{item.reason}</Text>
                </Stack>
              ) : (
                decisionLozenge(text, item)
              ),
            },
            {
              key: 'act',
              content: (
                <Inline space="space.050">
                  <Button appearance="subtle" onClick={() => setEvidenceFor(item)}>
                    {text.t('reviewer.items.evidence')}
                  </Button>
                  {open ? (
                    <Button
                      isDisabled={busy}
                      onClick={() => void send({ decision: 'keep', itemIds: [item.id] })}
                    >
                      {text.t('reviewer.items.keep')}
                    </Button>
                  ) : null}
                  {open ? (
                    <Button
                      appearance="warning"
                      isDisabled={busy}
                      onClick={() => void send({ decision: 'remove', itemIds: [item.id] })}
                    >
                      {text.t('reviewer.items.remove')}
                    </Button>
                  ) : null}
                </Inline>
              ),
            },
          ],
        }))}
      />
      {cursor ? <Text>{text.tn('reviewer.items.showingFirst', rows.length)}</Text> : null}
      {open ? (
        <Inline space="space.100">
          <Button
            testId="reviewer-keep-chosen"
            isDisabled={busy || chosen.length === 0}
            onClick={() => setConfirm({ decision: 'keep', itemIds: chosen })}
          >
            {text.tn('reviewer.items.keepChosen', chosen.length)}
          </Button>
          <Button
            testId="reviewer-remove-chosen"
            appearance="warning"
            isDisabled={busy || chosen.length === 0}
            onClick={() => setConfirm({ decision: 'remove', itemIds: chosen })}
          >
            {text.tn('reviewer.items.removeChosen', chosen.length)}
          </Button>
        </Inline>
      ) : null}
      {evidenceFor ? <EvidencePanel item={evidenceFor} onClose={() => setEvidenceFor(null)} /> : null}
      <ModalTransition>
        {confirm ? (
          <Modal onClose={() => setConfirm(null)}>
            <ModalHeader>
              <ModalTitle>
                {confirm.decision === 'keep'
                  ? text.tn('reviewer.items.confirm.keepTitle', confirm.itemIds.length)
                  : text.tn('reviewer.items.confirm.removeTitle', confirm.itemIds.length)}
              </ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text>
                {confirm.decision === 'keep'
                  ? text.t('reviewer.items.confirm.keepBody')
                  : text.t('reviewer.items.confirm.removeBody')}
              </Text>
              <Text>
                {reason.trim()
                  ? text.t('reviewer.items.confirm.reason', { reason: reason.trim() })
                  : text.t('reviewer.items.confirm.noReason')}
              </Text>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirm(null)}>
                {text.t('reviewer.items.confirm.cancel')}
              </Button>
              <Button
                testId="reviewer-confirm"
                appearance={confirm.decision === 'keep' ? 'primary' : 'danger'}
                isDisabled={busy}
                onClick={() => void send(confirm)}
              >
                {confirm.decision === 'keep'
                  ? text.t('reviewer.items.confirm.keepThem')
                  : text.t('reviewer.items.confirm.removeThem')}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}
