// The inactivity warning a user receives: its words in the user's language, and its delivery by Jira notification
// and/or a JSON webhook (a Slack or Teams workflow), with the outcome of each channel.
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import type { ExternalFetch } from '../../clients/requesters';
import {
  INACTIVITY_ACTIONS,
  type InactivityAction,
  type InactivityNotifications,
} from '../../domain/inactivity';
import type { Text } from '../../shared/i18n/text';
import { noticeDay } from '../recipient-text';
import type { WarningDelivery } from '../../storage/inactivity-user-repository';

export interface WarningNotice {
  readonly accountId: string;
  readonly product: string;
  readonly productName: string;
  readonly action: InactivityAction;
  readonly warnedAt: number;
  readonly actAfter: number;
  readonly lastActiveAt: number | null;
}

export function noticeText(notice: WarningNotice, text: Text): { subject: string; text: string } {
  const product = notice.productName;
  const date = noticeDay(text, notice.actAfter);
  const since =
    notice.lastActiveAt === null
      ? text.t('notices.inactivity.neverUsed', { product })
      : text.t('notices.inactivity.lastUsed', { product, date: noticeDay(text, notice.lastActiveAt) });
  const unlessUsed =
    notice.action === 'suspend'
      ? 'notices.inactivity.suspendUnlessUsed'
      : 'notices.inactivity.removeUnlessUsed';
  return {
    subject: text.t('notices.inactivity.subject', { product, date }),
    text: [
      since,
      text.t(unlessUsed, { product, date }),
      text.t('notices.inactivity.keepAccess', { product }),
    ].join(' '),
  };
}

/** Slack and Teams incoming webhooks read `text` (the reader's words); workflow tools use the structured fields. */
export function webhookBody(notice: WarningNotice, text: Text): Record<string, unknown> {
  const words = noticeText(notice, text);
  return {
    text: text.t('notices.inactivity.webhookText', { subject: words.subject, text: words.text }),
    event: 'inactivity-warning',
    accountId: notice.accountId,
    product: notice.product,
    productName: notice.productName,
    action: notice.action,
    actionLabel: INACTIVITY_ACTIONS[notice.action].label,
    warnedAt: new Date(notice.warnedAt).toISOString(),
    actAfter: new Date(notice.actAfter).toISOString(),
    lastActiveAt: notice.lastActiveAt === null ? null : new Date(notice.lastActiveAt).toISOString(),
  };
}

export interface NoticeChannels {
  readonly jira: JiraClient;
  readonly fetch: ExternalFetch;
}

export interface NoticeOutcome {
  readonly delivery: Exclude<WarningDelivery, 'pending'>;
  /** Failed channels, named, or null. A notice that reached the user on one channel counts as delivered. */
  readonly error: string | null;
}

function describe(e: unknown): string {
  if (e instanceof AtlassianApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** Sends the notice in `text`, the recipient's words (see recipient-text). */
export async function deliverNotice(
  notifications: InactivityNotifications,
  notice: WarningNotice,
  text: Text,
  channels: NoticeChannels,
): Promise<NoticeOutcome> {
  const attempts: Array<Promise<string | null>> = [];
  if (notifications.jiraNotify) {
    const issueKey = notifications.jiraNotify.issueKey;
    const words = noticeText(notice, text);
    attempts.push(
      channels.jira
        .notify(issueKey, { subject: words.subject, textBody: words.text, accountIds: [notice.accountId] })
        .then(
          () => null,
          (e: unknown) => `Jira notification on ${issueKey} failed: ${describe(e)}`,
        ),
    );
  }
  if (notifications.webhook) {
    const url = notifications.webhook.url;
    const host = new URL(url).host;
    attempts.push(
      channels
        .fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(webhookBody(notice, text)),
        })
        .then(
          (response) => (response.ok ? null : `Webhook to ${host} answered ${response.status}`),
          (e: unknown) => `Webhook to ${host} failed: ${describe(e)}`,
        ),
    );
  }
  if (attempts.length === 0) return { delivery: 'no-channels', error: null };
  const failures = (await Promise.all(attempts)).filter((f): f is string => f !== null);
  return {
    delivery: failures.length < attempts.length ? 'delivered' : 'failed',
    error: failures.length > 0 ? failures.join('; ') : null,
  };
}
