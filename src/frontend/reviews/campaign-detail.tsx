// One campaign for the site admin: its state and outcome, progress per reviewer (with reassigning a reviewer's
// undecided items), closing it early, and its report (in the page and as CSV).
import { useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  Inline,
  Lozenge,
  SectionMessage,
  Stack,
  Text,
  User,
  UserPicker,
  type UserPickerValue,
} from '@forge/react';
import { describeGrant } from '../../domain/rules';
import type { CampaignView, ReviewerProgressView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { formatCount, formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { ReportExport } from './report-export';

export function statusLozenge(status: CampaignView['status']) {
  const appearance =
    status === 'open'
      ? 'inprogress'
      : status === 'closed'
        ? 'success'
        : status === 'failed' || status === 'cancelled'
          ? 'removed'
          : 'default';
  return <Lozenge appearance={appearance}>{status}</Lozenge>;
}

function outcomeText(c: CampaignView): string {
  const o = c.outcome;
  if (!o) return '';
  return `${o.kept} kept, ${o.removed} removed, ${o.alreadyGone} already gone, ${o.leftForAdmin} left for an admin, ${o.excluded} excluded, ${o.failed} failed; ${o.undecided} not decided (settled by the policy).`;
}

function Reassign({ campaignId, from, onDone }: { campaignId: string; from: string; onDone: () => void }) {
  const reassign = useAction('reviews.reassign');
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  return (
    <Stack space="space.050">
      <UserPicker
        label="Reassign to"
        name={`reassign-${from}`}
        onChange={(u: UserPickerValue | undefined) => setTo(u?.id ?? '')}
      />
      <Button
        testId={`reassign-${from}`}
        isDisabled={reassign.busy || !to}
        onClick={() =>
          void reassign.run({ campaignId, from, to }).then((reply) => {
            if (!reply.ok) return;
            setAnswer(`${formatCount(reply.value.pending, 'undecided item')} move in the background.`);
            onDone();
          })
        }
      >
        Reassign undecided items
      </Button>
      {answer ? <Text>{answer}</Text> : null}
      {reassign.error ? <ReplyErrorMessage error={reassign.error} action="Reassigning" /> : null}
    </Stack>
  );
}

function ProgressTable({
  campaign,
  progress,
  onChanged,
}: {
  campaign: CampaignView;
  progress: ReviewerProgressView[];
  onChanged: () => void;
}) {
  return (
    <DynamicTable
      caption="Progress per reviewer"
      testId="campaign-progress"
      head={{
        cells: [
          { key: 'reviewer', content: 'Reviewer' },
          { key: 'total', content: 'Items' },
          { key: 'kept', content: 'Kept' },
          { key: 'removed', content: 'Removed' },
          { key: 'pending', content: 'Undecided' },
          { key: 'notice', content: 'Last notice' },
          { key: 'reassign', content: '' },
        ],
      }}
      rows={progress.map((p) => ({
        key: p.reviewer,
        cells: [
          { key: 'reviewer', content: <User accountId={p.reviewer} /> },
          { key: 'total', content: String(p.total) },
          { key: 'kept', content: String(p.kept) },
          { key: 'removed', content: String(p.removed) },
          { key: 'pending', content: String(p.pending) },
          {
            key: 'notice',
            content: p.lastNotice
              ? `${p.lastNotice.kind}, ${formatWhen(p.lastNotice.at)}${p.lastNotice.delivered ? '' : `: not delivered (${p.lastNotice.error ?? 'unknown'})`}`
              : 'none',
          },
          {
            key: 'reassign',
            content:
              campaign.status === 'open' && p.pending > 0 ? (
                <Reassign campaignId={campaign.id} from={p.reviewer} onDone={onChanged} />
              ) : (
                ''
              ),
          },
        ],
      }))}
    />
  );
}

function ReportTable({ campaignId }: { campaignId: string }) {
  const report = useResolver('reviews.items', { campaignId, limit: 50 });
  if (report.state.value === undefined)
    return report.state.status === 'error' ? (
      <ReplyErrorMessage error={report.state.error} action="Loading the report" onRetry={report.reload} />
    ) : (
      <Loading what="report" />
    );
  return (
    <DynamicTable
      caption="Report: every item"
      testId="campaign-report"
      head={{
        cells: [
          { key: 'user', content: 'Person' },
          { key: 'access', content: 'Access' },
          { key: 'reviewer', content: 'Reviewer' },
          { key: 'decision', content: 'Decision' },
          { key: 'by', content: 'Decided by' },
          { key: 'reason', content: 'Reason' },
          { key: 'outcome', content: 'Outcome' },
        ],
      }}
      rows={report.state.value.rows.map((r) => ({
        key: r.item.id,
        cells: [
          { key: 'user', content: <User accountId={r.item.accountId} /> },
          { key: 'access', content: describeGrant(r.item.grant) },
          { key: 'reviewer', content: <User accountId={r.item.reviewer} /> },
          { key: 'decision', content: r.decisionLabel },
          {
            key: 'by',
            content:
              r.decidedBy === 'policy' ? 'the policy' : r.decidedBy ? <User accountId={r.decidedBy} /> : '',
          },
          { key: 'reason', content: r.item.reason },
          { key: 'outcome', content: r.item.outcomeDetail },
        ],
      }))}
    />
  );
}

export function CampaignDetail({ campaignId, onBack }: { campaignId: string; onBack: () => void }) {
  const detail = useResolver('reviews.get', { campaignId });
  const close = useAction('reviews.close');
  if (detail.state.value === undefined)
    return detail.state.status === 'error' ? (
      <ReplyErrorMessage
        error={detail.state.error}
        action="Loading the access review"
        onRetry={detail.reload}
      />
    ) : (
      <Loading what="accessReview" />
    );
  const { campaign, progress } = detail.state.value;
  return (
    <Stack space="space.150" testId="campaign-detail">
      <Inline space="space.100" alignBlock="center">
        <Button appearance="subtle" onClick={onBack}>
          All access reviews
        </Button>
        <Heading size="medium">{campaign.definition.name}</Heading>
        {statusLozenge(campaign.status)}
      </Inline>
      <Text>
        {`${formatCount(campaign.items, 'item')} for ${formatCount(campaign.reviewers, 'reviewer')}; ` +
          (campaign.dueAt ? `due ${formatWhen(campaign.dueAt)}` : 'collecting') +
          (campaign.closedAt
            ? `; closed ${formatWhen(campaign.closedAt)}, report kept until ${formatWhen(campaign.purgeAt)}`
            : '')}
      </Text>
      {campaign.outcome ? <Text testId="campaign-outcome">{outcomeText(campaign)}</Text> : null}
      {campaign.problem ? (
        <SectionMessage appearance="warning" title="Needs attention">
          <Text>{campaign.problem}</Text>
        </SectionMessage>
      ) : null}
      <ProgressTable campaign={campaign} progress={progress} onChanged={detail.reload} />
      {campaign.status === 'open' ? (
        <Button
          testId="campaign-close"
          isDisabled={close.busy}
          onClick={() =>
            void close.run({ campaignId }).then((reply) => {
              if (reply.ok) detail.reload();
            })
          }
        >
          Close now (undecided items are settled by the policy)
        </Button>
      ) : null}
      {close.error ? <ReplyErrorMessage error={close.error} action="Closing" /> : null}
      <ReportTable campaignId={campaignId} />
      <ReportExport campaignId={campaignId} />
    </Stack>
  );
}
