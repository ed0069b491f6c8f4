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
import { reportDecision, type ItemOutcome } from '../../domain/reviews';
import type { CampaignView, ReportRowView, ReviewerProgressView } from '../../shared/contract';
import type { NoticeKind } from '../../shared/review-views';
import type { Text as Words, TextKey } from '../../shared/i18n/text';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { grantText } from '../common/grant-text';
import { ReportExport } from './report-export';

const STATUS: Readonly<Record<CampaignView['status'], TextKey>> = {
  collecting: 'reviews.status.collecting',
  open: 'reviews.status.open',
  closing: 'reviews.status.closing',
  acting: 'reviews.status.acting',
  closed: 'reviews.status.closed',
  cancelled: 'reviews.status.cancelled',
  failed: 'reviews.status.failed',
};

const OUTCOME: Readonly<Record<ItemOutcome, TextKey>> = {
  removed: 'reviews.report.outcome.removed',
  'already-gone': 'reviews.report.outcome.alreadyGone',
  'left-for-admin': 'reviews.report.outcome.leftForAdmin',
  excluded: 'reviews.report.outcome.excluded',
  failed: 'reviews.report.outcome.failed',
};

const NOTICE: Readonly<Record<NoticeKind, TextKey>> = {
  start: 'reviews.detail.notice.start',
  reminder: 'reviews.detail.notice.reminder',
  end: 'reviews.detail.notice.end',
  reassigned: 'reviews.detail.notice.reassigned',
};

export function statusLozenge(text: Words, status: CampaignView['status']) {
  const appearance =
    status === 'open'
      ? 'inprogress'
      : status === 'closed'
        ? 'success'
        : status === 'failed' || status === 'cancelled'
          ? 'removed'
          : 'default';
  return <Lozenge appearance={appearance}>{text.t(STATUS[status])}</Lozenge>;
}

function outcomeText(text: Words, c: CampaignView): string {
  const o = c.outcome;
  if (!o) return '';
  return text.t('reviews.detail.outcome', { ...o });
}

/** The campaign's state in one sentence: how big, when due or that it is still collecting, and when it closed. */
function summaryText(text: Words, c: CampaignView): string {
  const size = text.t('reviews.detail.size', {
    items: text.tn('reviews.detail.items', c.items),
    reviewers: text.tn('reviews.detail.reviewers', c.reviewers),
  });
  const state = c.dueAt
    ? text.t('reviews.detail.due', { size, due: text.when(c.dueAt) })
    : text.t('reviews.detail.collecting', { size });
  return c.closedAt
    ? text.t('reviews.detail.closed', {
        state,
        closed: text.when(c.closedAt),
        purge: text.when(c.purgeAt),
      })
    : state;
}

function noticeText(text: Words, notice: NonNullable<ReviewerProgressView['lastNotice']>): string {
  const values = { kind: text.t(NOTICE[notice.kind]), at: text.when(notice.at) };
  return notice.delivered
    ? text.t('reviews.detail.noticeSent', values)
    : text.t('reviews.detail.noticeNotDelivered', {
        ...values,
        error: notice.error ?? text.t('reviews.detail.unknownError'),
      });
}

/** The report's decision in the viewer's words, worked out as the backend's report (and CSV) states it. */
function decisionText(text: Words, campaign: CampaignView, row: ReportRowView): string {
  const closed =
    campaign.status === 'closed' || campaign.status === 'acting' || campaign.status === 'closing';
  const decision = reportDecision(
    row.decidedBy === 'policy' ? 'pending' : row.item.decision,
    campaign.definition.undecided,
    closed,
  );
  if (!decision) return text.t('reviews.report.decision.notYet');
  if (decision.byPolicy)
    return decision.decision === 'keep'
      ? text.t('reviews.report.decision.keptByPolicy')
      : text.t('reviews.report.decision.removedByPolicy');
  return decision.decision === 'keep'
    ? text.t('reviews.report.decision.keep')
    : text.t('reviews.report.decision.remove');
}

function Reassign({ campaignId, from, onDone }: { campaignId: string; from: string; onDone: () => void }) {
  const text = useText();
  const reassign = useAction('reviews.reassign');
  const [to, setTo] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  return (
    <Stack space="space.050">
      <UserPicker
        placeholder={text.t('common.searchUser')}
        label={text.t('reviews.detail.reassignTo')}
        name={`reassign-${from}`}
        onChange={(u: UserPickerValue | undefined) => setTo(u?.id ?? '')}
      />
      <Button
        testId={`reassign-${from}`}
        isDisabled={reassign.busy || !to}
        onClick={() =>
          void reassign.run({ campaignId, from, to }).then((reply) => {
            if (!reply.ok) return;
            setAnswer(text.tn('reviews.detail.reassigned', reply.value.pending));
            onDone();
          })
        }
      >
        {text.t('reviews.detail.reassignButton')}
      </Button>
      {answer ? <Text>{answer}</Text> : null}
      {reassign.error ? (
        <ReplyErrorMessage error={reassign.error} action={text.t('reviews.detail.reassignAction')} />
      ) : null}
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
  const text = useText();
  return (
    <DynamicTable
      caption={text.t('reviews.detail.progressCaption')}
      testId="campaign-progress"
      head={{
        cells: [
          { key: 'reviewer', content: text.t('reviews.detail.columns.reviewer') },
          { key: 'total', content: text.t('reviews.detail.columns.items') },
          { key: 'kept', content: text.t('reviews.detail.columns.kept') },
          { key: 'removed', content: text.t('reviews.detail.columns.removed') },
          { key: 'pending', content: text.t('reviews.detail.columns.undecided') },
          { key: 'notice', content: text.t('reviews.detail.columns.lastNotice') },
          { key: 'reassign', content: '' },
        ],
      }}
      rows={progress.map((p) => ({
        key: p.reviewer,
        cells: [
          { key: 'reviewer', content: <User accountId={p.reviewer} /> },
          { key: 'total', content: text.number(p.total) },
          { key: 'kept', content: text.number(p.kept) },
          { key: 'removed', content: text.number(p.removed) },
          { key: 'pending', content: text.number(p.pending) },
          {
            key: 'notice',
            content: p.lastNotice ? noticeText(text, p.lastNotice) : text.t('reviews.detail.noNotice'),
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

function ReportTable({ campaign }: { campaign: CampaignView }) {
  const text = useText();
  const report = useResolver('reviews.items', { campaignId: campaign.id, limit: 50 });
  if (report.state.value === undefined)
    return report.state.status === 'error' ? (
      <ReplyErrorMessage
        error={report.state.error}
        action={text.t('reviews.report.loadingAction')}
        onRetry={report.reload}
      />
    ) : (
      <Loading what="report" />
    );
  return (
    <DynamicTable
      caption={text.t('reviews.report.caption')}
      testId="campaign-report"
      head={{
        cells: [
          { key: 'user', content: text.t('reviews.report.columns.person') },
          { key: 'access', content: text.t('reviews.report.columns.access') },
          { key: 'reviewer', content: text.t('reviews.report.columns.reviewer') },
          { key: 'decision', content: text.t('reviews.report.columns.decision') },
          { key: 'by', content: text.t('reviews.report.columns.decidedBy') },
          { key: 'reason', content: text.t('reviews.report.columns.reason') },
          { key: 'outcome', content: text.t('reviews.report.columns.outcome') },
        ],
      }}
      rows={report.state.value.rows.map((r) => ({
        key: r.item.id,
        cells: [
          { key: 'user', content: <User accountId={r.item.accountId} /> },
          { key: 'access', content: grantText(text, r.item.grant, 'alone') },
          { key: 'reviewer', content: <User accountId={r.item.reviewer} /> },
          { key: 'decision', content: decisionText(text, campaign, r) },
          {
            key: 'by',
            content:
              r.decidedBy === 'policy' ? (
                text.t('reviews.report.byPolicy')
              ) : r.decidedBy ? (
                <User accountId={r.decidedBy} />
              ) : (
                ''
              ),
          },
          { key: 'reason', content: r.item.reason },
          {
            key: 'outcome',
            content: r.item.outcome ? (
              <Stack space="space.025">
                <Text>{text.t(OUTCOME[r.item.outcome])}</Text>
                {/* What the app recorded when it acted: kept as written, like the audit log. */}
                {r.item.outcomeDetail ? <Text>{r.item.outcomeDetail}</Text> : null}
              </Stack>
            ) : (
              ''
            ),
          },
        ],
      }))}
    />
  );
}

export function CampaignDetail({ campaignId, onBack }: { campaignId: string; onBack: () => void }) {
  const text = useText();
  const detail = useResolver('reviews.get', { campaignId });
  const close = useAction('reviews.close');
  if (detail.state.value === undefined)
    return detail.state.status === 'error' ? (
      <ReplyErrorMessage
        error={detail.state.error}
        action={text.t('reviews.detail.loadingAction')}
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
          {text.t('reviews.detail.back')}
        </Button>
        <Heading size="medium">{campaign.definition.name}</Heading>
        {statusLozenge(text, campaign.status)}
      </Inline>
      <Text>{summaryText(text, campaign)}</Text>
      {campaign.outcome ? <Text testId="campaign-outcome">{outcomeText(text, campaign)}</Text> : null}
      {campaign.problem ? (
        <SectionMessage appearance="warning" title={text.t('reviews.detail.needsAttention')}>
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
          {text.t('reviews.detail.closeNow')}
        </Button>
      ) : null}
      {close.error ? (
        <ReplyErrorMessage error={close.error} action={text.t('reviews.detail.closeAction')} />
      ) : null}
      <ReportTable campaign={campaign} />
      <ReportExport campaignId={campaignId} />
    </Stack>
  );
}
