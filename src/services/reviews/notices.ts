// Notices to reviewers by Jira notification (Jira mails users about an issue, as inactivity warnings do): the
// start of a campaign, reminders to those with undecided items, the end, and items reassigned to someone, each in
// its reader's language. A notice is claimed before it is sent, so a redelivered step never mails anyone twice.
import { pendingOf } from '../../domain/reviews';
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import { updateCampaign } from '../../storage/review-campaign-repository';
import {
  claimNotice,
  putNotice,
  releaseNotice,
  talliesOfCampaign,
  updateTally,
} from '../../storage/review-tally-repository';
import type { Campaign, NoticeKind, ReviewTally } from '../../storage/review-types';
import type { Text } from '../../shared/i18n/text';
import { noticeDay, recipientTexts, type RecipientTexts } from '../recipient-text';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect';
import { recordReviewAudit, type ReviewAuditInput } from './review-audit';
import { loadReviewContext } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { pacingSeconds, REVIEW_TUNING, type ReviewTuning } from './review-tuning';

export function noticeKindOf(notice: string): NoticeKind {
  const kind = notice.split(':')[0];
  return kind === 'reminder' || kind === 'end' || kind === 'reassigned' ? kind : 'start';
}

export interface NoticeWords {
  readonly subject: string;
  readonly text: string;
}

/** The words of a notice for whoever reads it, given their language (see recipient-text). */
export type ComposeNotice = (text: Text) => NoticeWords;

function due(text: Text, campaign: Campaign): string {
  return campaign.dueAt === null ? text.t('notices.unknownDay') : noticeDay(text, campaign.dueAt);
}

/** The words of a notice to one reviewer. */
export function noticeText(
  kind: NoticeKind,
  campaign: Campaign,
  counts: { total: number; kept: number; removed: number },
  text: Text,
): NoticeWords {
  const name = campaign.definition.name;
  const values = { name, due: due(text, campaign), page: text.t('app.reviewerPageTitle') };
  const pending = pendingOf(counts);
  const kept = campaign.definition.undecided === 'keep';
  switch (kind) {
    case 'start':
      return {
        subject: text.tn('notices.review.start.subject', counts.total, values),
        text: [
          text.tn('notices.review.start.text', counts.total, values),
          text.t(kept ? 'notices.review.start.undecidedKept' : 'notices.review.start.undecidedRemoved'),
        ].join(' '),
      };
    case 'reminder':
      return {
        subject: text.tn('notices.review.reminder.subject', pending, values),
        text: [
          text.tn('notices.review.reminder.pending', pending, { total: counts.total }),
          text.t('notices.review.pageHint', values),
          text.t(
            kept ? 'notices.review.reminder.undecidedKept' : 'notices.review.reminder.undecidedRemoved',
            values,
          ),
        ].join(' '),
      };
    case 'reassigned':
      return {
        subject: text.t('notices.review.reassigned.subject', values),
        text: [
          text.tn('notices.review.reassigned.text', counts.total, { ...values, pending }),
          text.t('notices.review.pageHint', values),
        ].join(' '),
      };
    case 'end':
      return {
        subject: text.t('notices.review.end.subject', values),
        text: [
          text.tn('notices.review.end.decided', counts.total, { kept: counts.kept, removed: counts.removed }),
          ...(pending > 0
            ? [
                text.tn(
                  kept ? 'notices.review.end.settledKept' : 'notices.review.end.settledRemoved',
                  pending,
                ),
              ]
            : []),
          text.t('notices.review.end.thanks'),
        ].join(' '),
      };
  }
}

/** The end notice to the site admin who created the campaign: its totals and where the report is. */
export function creatorEndText(campaign: Campaign, text: Text): NoticeWords {
  const o = campaign.outcome;
  const notCarriedOut = o ? o.failed + o.leftForAdmin + o.excluded : 0;
  const totals = {
    items: campaign.items,
    kept: o?.kept ?? 0,
    removed: o?.removed ?? 0,
    undecided: o?.undecided ?? 0,
    notCarriedOut,
  };
  return {
    subject: text.t('notices.review.creatorEnd.subject', { name: campaign.definition.name }),
    text: [
      text.tn(
        notCarriedOut > 0
          ? 'notices.review.creatorEnd.totalsNotCarriedOut'
          : 'notices.review.creatorEnd.totals',
        campaign.reviewers,
        totals,
      ),
      text.t('notices.review.creatorEnd.report', { app: text.t('app.title') }),
    ].join(' '),
  };
}

export type NoticeResult = { delivered: true } | { delivered: false; error: string } | { skipped: true };

/** Each recipient's words for one step: their Jira language setting, read once. */
export function reviewNoticeTexts(deps: RuntimeDeps, jira: JiraClient): RecipientTexts {
  return recipientTexts(deps, { readLocale: (accountId) => jira.userLocale(accountId) });
}

/**
 * Sends one notice, in the recipient's language, unless it was sent already; Jira asking to wait propagates (the
 * claim is given back so the step's retry sends it), any other refusal is recorded.
 */
export async function sendNotice(
  deps: RuntimeDeps,
  jira: JiraClient,
  texts: RecipientTexts,
  campaign: Campaign,
  notice: string,
  to: string,
  compose: ComposeNotice,
  tuning: ReviewTuning,
): Promise<NoticeResult> {
  const issueKey = campaign.definition.notifyIssueKey;
  if (!issueKey) return { skipped: true };
  const kind = noticeKindOf(notice);
  const at = deps.now();
  if (
    !(await claimNotice(
      campaign.id,
      notice,
      to,
      { state: 'sending', kind, at, error: null },
      tuning.noticeStaleMs,
    ))
  )
    return { skipped: true };
  let message: NoticeWords;
  try {
    // Only a notice about to be sent costs a language setting read.
    message = compose(await texts.textFor(to));
  } catch (e) {
    // No words to send (the app's translations are missing): the step fails and its retry sends the notice.
    await releaseNotice(campaign.id, notice, to);
    throw e;
  }
  try {
    await jira.notify(issueKey, { subject: message.subject, textBody: message.text, accountIds: [to] });
  } catch (e) {
    if (e instanceof AtlassianApiError && e.transient) {
      await releaseNotice(campaign.id, notice, to);
      throw e;
    }
    const error = `Jira notification on ${issueKey} failed: ${e instanceof Error ? e.message : String(e)}`;
    await putNotice(campaign.id, notice, to, { state: 'failed', kind, at, error });
    return { delivered: false, error };
  }
  await putNotice(campaign.id, notice, to, { state: 'delivered', kind, at, error: null });
  return { delivered: true };
}

function wanted(kind: NoticeKind, tally: ReviewTally): boolean {
  return kind === 'reminder' ? pendingOf(tally) > 0 : true;
}

export async function notifyStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'notify' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadReviewContext(deps, step.campaignId, tuning);
  if (!ctx) return { note: `campaign ${step.campaignId} not found` };
  const campaign = ctx.campaign;
  const kind = noticeKindOf(step.notice);
  const round = campaign.notices[step.notice] ?? {
    done: false,
    sent: 0,
    failed: 0,
    cursor: null,
    updatedAt: 0,
  };
  if (round.done) return { note: `notice ${step.notice} already sent` };
  const issueKey = campaign.definition.notifyIssueKey;
  if (!issueKey) {
    await updateCampaign(campaign.id, (c) => ({
      ...c,
      notices: { ...c.notices, [step.notice]: { ...round, done: true, updatedAt: deps.now() } },
    }));
    return { note: 'no issue to notify about: reviewers were not notified' };
  }

  const page = await talliesOfCampaign(campaign.id, {
    limit: tuning.noticesPerStep,
    ...(round.cursor ? { cursor: round.cursor } : {}),
  });
  let sent = 0;
  let failed = 0;
  const audit: ReviewAuditInput[] = [];
  const texts = reviewNoticeTexts(deps, ctx.clients.jira);
  const recipients: Array<{ to: string; notice: string; compose: ComposeNotice }> = page.tallies
    .filter((t) => wanted(kind, t))
    .map((t) => ({
      to: t.reviewer,
      notice: step.notice,
      compose: (text) => noticeText(kind, campaign, t, text),
    }));
  // The creator hears the end too, once, with the campaign's totals.
  if (kind === 'end' && !page.cursor)
    // Claimed under its own name: the creator may be a reviewer too.
    recipients.push({
      to: campaign.createdBy,
      notice: `${step.notice}:creator`,
      compose: (text) => creatorEndText(campaign, text),
    });
  for (const { to, notice, compose } of recipients) {
    const result = await sendNotice(deps, ctx.clients.jira, texts, campaign, notice, to, compose, tuning);
    if ('skipped' in result) continue;
    const at = deps.now();
    if (result.delivered) sent++;
    else failed++;
    await updateTally(campaign.id, to, (t) => ({
      ...t,
      lastNotice: { kind, at, delivered: result.delivered, error: result.delivered ? null : result.error },
    }));
    audit.push({
      campaignId: campaign.id,
      fact: `notice:${step.notice}`,
      at,
      accountId: to,
      action: 'review-notified',
      target: campaign.id,
      targetName: campaign.definition.name,
      reason: result.delivered
        ? `${kind} notice sent by Jira notification on ${issueKey}`
        : `${kind} notice not delivered: ${result.error}`,
      outcome: result.delivered ? 'success' : 'failed',
      actor: 'app',
    });
  }
  await recordReviewAudit(audit);
  const done = !page.cursor;
  const moved = await updateCampaign(campaign.id, (c) => {
    const current = c.notices[step.notice] ?? round;
    if (current.done || current.cursor !== round.cursor) return null;
    return {
      ...c,
      notices: {
        ...c.notices,
        [step.notice]: {
          done,
          sent: current.sent + sent,
          failed: current.failed + failed,
          cursor: page.cursor ?? null,
          updatedAt: deps.now(),
        },
      },
    };
  });
  if (moved && !done)
    await queueStep(
      deps,
      { ...step, round: step.round + 1 },
      // Language settings read for the notices are Jira calls too.
      { chain, delaySeconds: pacingSeconds(sent + failed + texts.reads, tuning) },
    );
  return { note: `${step.notice}: ${sent} sent, ${failed} failed${done ? '' : ', more to send'}` };
}
