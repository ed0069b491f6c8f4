// Notices to reviewers by Jira notification (Jira mails users about an issue, as inactivity warnings do): the
// start of a campaign, reminders to those with undecided items, the end, and items reassigned to someone. A
// notice is claimed before it is sent, so a redelivered step never mails anyone twice.
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
import type { RuntimeDeps } from '../runtime-deps';
import { day } from './campaign-views';
import type { StepOutcome } from './collect';
import { recordReviewAudit, type ReviewAuditInput } from './review-audit';
import { loadReviewContext } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { pacingSeconds, REVIEW_TUNING, type ReviewTuning } from './review-tuning';

export const REVIEW_PAGE_HINT = 'Open Jira, then Apps → Access reviews';

export function noticeKindOf(notice: string): NoticeKind {
  const kind = notice.split(':')[0];
  return kind === 'reminder' || kind === 'end' || kind === 'reassigned' ? kind : 'start';
}

/** The words of a notice to one reviewer. */
export function noticeText(
  kind: NoticeKind,
  campaign: Campaign,
  counts: { total: number; kept: number; removed: number },
): { subject: string; text: string } {
  const name = campaign.definition.name;
  const due = day(campaign.dueAt);
  const pending = pendingOf(counts);
  const fate = campaign.definition.undecided === 'keep' ? 'kept' : 'removed';
  switch (kind) {
    case 'start':
      return {
        subject: `Access review "${name}": ${counts.total} item${counts.total === 1 ? '' : 's'} to review by ${due}`,
        text:
          `You are asked to confirm who still needs the access you own. ${REVIEW_PAGE_HINT}, and keep or remove ` +
          `each of your ${counts.total} items, with a reason, by ${due}. Items nobody decides are ${fate} when the review ends.`,
      };
    case 'reminder':
      return {
        subject: `Reminder: ${pending} undecided item${pending === 1 ? '' : 's'} in access review "${name}", due ${due}`,
        text: `${pending} of your ${counts.total} items are still undecided. ${REVIEW_PAGE_HINT}. Undecided items are ${fate} on ${due}.`,
      };
    case 'reassigned':
      return {
        subject: `Access review "${name}": items were reassigned to you, due ${due}`,
        text: `You now review ${counts.total} item${counts.total === 1 ? '' : 's'} of access review "${name}" (${pending} undecided). ${REVIEW_PAGE_HINT}.`,
      };
    case 'end':
      return {
        subject: `Access review "${name}" has closed`,
        text:
          `You kept ${counts.kept} and removed ${counts.removed} of your ${counts.total} items.` +
          (pending > 0
            ? ` ${pending} undecided item${pending === 1 ? ' was' : 's were'} ${fate} by the review's policy.`
            : '') +
          ' Thank you.',
      };
  }
}

/** The end notice to the site admin who created the campaign: its totals and where the report is. */
export function creatorEndText(campaign: Campaign): { subject: string; text: string } {
  const o = campaign.outcome;
  return {
    subject: `Access review "${campaign.definition.name}" has closed: the report is ready`,
    text:
      `${campaign.items} items were reviewed by ${campaign.reviewers} reviewer${campaign.reviewers === 1 ? '' : 's'}: ` +
      `${o?.kept ?? 0} kept, ${o?.removed ?? 0} removed, ${o?.undecided ?? 0} not decided (settled by the policy)` +
      `${o && o.failed + o.leftForAdmin + o.excluded > 0 ? `, ${o.failed + o.leftForAdmin + o.excluded} removals not carried out` : ''}. ` +
      'The report is in the JIT Access admin page, Access reviews tab.',
  };
}

export type NoticeResult = { delivered: true } | { delivered: false; error: string } | { skipped: true };

/**
 * Sends one notice unless it was sent already; Jira asking to wait propagates (the claim is given back so the
 * step's retry sends it), any other refusal is recorded.
 */
export async function sendNotice(
  deps: RuntimeDeps,
  jira: JiraClient,
  campaign: Campaign,
  notice: string,
  to: string,
  message: { subject: string; text: string },
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
  const recipients: Array<{ to: string; notice: string; message: { subject: string; text: string } }> =
    page.tallies
      .filter((t) => wanted(kind, t))
      .map((t) => ({ to: t.reviewer, notice: step.notice, message: noticeText(kind, campaign, t) }));
  // The creator hears the end too, once, with the campaign's totals.
  if (kind === 'end' && !page.cursor)
    // Claimed under its own name: the creator may be a reviewer too.
    recipients.push({
      to: campaign.createdBy,
      notice: `${step.notice}:creator`,
      message: creatorEndText(campaign),
    });
  for (const { to, notice, message } of recipients) {
    const result = await sendNotice(deps, ctx.clients.jira, campaign, notice, to, message, tuning);
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
      { chain, delaySeconds: pacingSeconds(sent + failed, tuning) },
    );
  return { note: `${step.notice}: ${sent} sent, ${failed} failed${done ? '' : ', more to send'}` };
}
