// The inactivity warning a user receives: its words, and its delivery by Jira notification and/or a JSON webhook
// (a Slack or Teams workflow), with the outcome of each channel.
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import type { ExternalFetch } from '../../clients/requesters';
import {
  INACTIVITY_ACTIONS,
  isoDay,
  type InactivityAction,
  type InactivityNotifications,
} from '../../domain/inactivity';
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

function consequence(notice: WarningNotice): string {
  if (notice.action === 'suspend')
    return 'your Atlassian account will be suspended in the whole organization';
  return `your access to ${notice.productName} will be removed`;
}

export function noticeText(notice: WarningNotice): { subject: string; text: string } {
  const since =
    notice.lastActiveAt === null
      ? `You have not used ${notice.productName} since you were given access.`
      : `You last used ${notice.productName} on ${isoDay(notice.lastActiveAt)}.`;
  return {
    subject: `Your ${notice.productName} access will end on ${isoDay(notice.actAfter)} unless you use it`,
    text:
      `${since} Unless you use ${notice.productName} before ${isoDay(notice.actAfter)}, ${consequence(notice)} ` +
      `to free the licence. Simply opening ${notice.productName} keeps your access. ` +
      `If you need access later, ask your administrator.`,
  };
}

/** Slack and Teams incoming webhooks read `text`; workflow tools can use the structured fields. */
export function webhookBody(notice: WarningNotice): Record<string, unknown> {
  const { subject, text } = noticeText(notice);
  return {
    text: `${subject}. ${text}`,
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

export async function deliverNotice(
  notifications: InactivityNotifications,
  notice: WarningNotice,
  channels: NoticeChannels,
): Promise<NoticeOutcome> {
  const attempts: Array<Promise<string | null>> = [];
  if (notifications.jiraNotify) {
    const issueKey = notifications.jiraNotify.issueKey;
    const { subject, text } = noticeText(notice);
    attempts.push(
      channels.jira.notify(issueKey, { subject, textBody: text, accountIds: [notice.accountId] }).then(
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
          body: JSON.stringify(webhookBody(notice)),
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
