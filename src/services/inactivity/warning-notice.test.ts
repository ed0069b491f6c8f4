import { AtlassianApiError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import type { ExternalFetch } from '../../clients/requesters';
import de from '../../locales/de-DE.json';
import en from '../../locales/en-US.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import { deliverNotice, noticeText, webhookBody, type WarningNotice } from './warning-notice';

const english = createText(lookupIn(en), 'en-US', 'UTC');
const german = createText(lookupIn(de), 'de-DE', 'UTC');

const notice: WarningNotice = {
  accountId: 'u1',
  product: 'jira-software',
  productName: 'Jira',
  action: 'remove-licence',
  warnedAt: Date.parse('2026-03-25T09:00:00Z'),
  actAfter: Date.parse('2026-04-01T09:00:00Z'),
  lastActiveAt: Date.parse('2026-01-01T10:00:00Z'),
};

function channels(options: { notify?: () => Promise<void>; status?: number; fetchError?: Error } = {}) {
  const sent: { notify: unknown[]; posts: Array<{ url: string; body: unknown }> } = { notify: [], posts: [] };
  const jira = {
    notify: (issue: string, message: unknown) => {
      sent.notify.push({ issue, message });
      return options.notify ? options.notify() : Promise.resolve();
    },
  } as unknown as JiraClient;
  const fetch: ExternalFetch = (url, init) => {
    if (options.fetchError) return Promise.reject(options.fetchError);
    sent.posts.push({ url, body: JSON.parse(typeof init?.body === 'string' ? init.body : '') as unknown });
    return Promise.resolve({ ok: (options.status ?? 200) < 300, status: options.status ?? 200 } as Awaited<
      ReturnType<ExternalFetch>
    >);
  };
  return { jira, fetch, sent };
}

describe('the warning text', () => {
  it('says what happens, when, and how to keep access', () => {
    expect(noticeText(notice, english)).toEqual({
      subject: 'Your Jira access will end on Apr 1, 2026 (UTC) unless you use it',
      text:
        'You last used Jira on Jan 1, 2026 (UTC). Unless you use Jira before Apr 1, 2026 (UTC), your access to Jira ' +
        'will be removed to free the licence. Simply opening Jira keeps your access. If you need access later, ask ' +
        'your administrator.',
    });
    expect(noticeText({ ...notice, action: 'suspend', lastActiveAt: null }, english).text).toMatch(
      /^You have not used Jira since you were given access\. .*your Atlassian account will be suspended in the whole organization/,
    );
  });

  it('speaks German to a German reader, with the day in German and in UTC', () => {
    // 23:30 UTC on 31 March is 1 April in Berlin: the notice names the UTC day and says so.
    const late = { ...notice, actAfter: Date.parse('2026-03-31T23:30:00Z') };
    expect(noticeText(late, german)).toEqual({
      subject: 'Ihr Zugriff auf Jira endet am 31. März 2026 (UTC), wenn Sie Jira nicht vorher verwenden',
      text:
        'Sie haben Jira zuletzt am 1. Jan. 2026 (UTC) verwendet. Wenn Sie Jira nicht vor dem 31. März 2026 (UTC) ' +
        'verwenden, wird Ihr Zugriff auf Jira entfernt, um die Lizenz freizugeben. Es genügt, Jira zu öffnen, um ' +
        'Ihren Zugriff zu behalten. Wenn Sie später wieder Zugriff benötigen, wenden Sie sich an Ihren Administrator.',
    });
    expect(noticeText({ ...notice, action: 'suspend', lastActiveAt: null }, german).text).toMatch(
      /^Sie haben Jira nicht verwendet, seit Sie Zugriff erhalten haben\. .*Ihr Atlassian-Konto in der gesamten Organisation gesperrt/,
    );
  });

  it('gives Slack/Teams a text field and workflows the structured facts', () => {
    const body = webhookBody(notice, english);
    expect(body.text).toMatch(
      /^Your Jira access will end on Apr 1, 2026 \(UTC\) unless you use it\. You last used Jira/,
    );
    // The reader's language changes the words, never the machine-read fields.
    const { text: germanText, ...germanFields } = webhookBody(notice, german);
    const { text: _englishText, ...englishFields } = body;
    expect(germanText).toMatch(
      /^Ihr Zugriff auf Jira endet am 1\. Apr\. 2026 \(UTC\), .*\. Sie haben Jira zuletzt/,
    );
    expect(germanFields).toEqual(englishFields);
    expect(body).toMatchObject({
      event: 'inactivity-warning',
      accountId: 'u1',
      product: 'jira-software',
      actAfter: '2026-04-01T09:00:00.000Z',
      lastActiveAt: '2026-01-01T10:00:00.000Z',
    });
  });
});

describe('deliverNotice', () => {
  const both = {
    jiraNotify: { issueKey: 'IT-1' },
    webhook: { url: 'https://hooks.slack.com/services/T/B/x' },
  };

  it('sends on every configured channel', async () => {
    const c = channels();
    await expect(deliverNotice(both, notice, english, c)).resolves.toEqual({
      delivery: 'delivered',
      error: null,
    });
    expect(c.sent.notify).toEqual([
      { issue: 'IT-1', message: expect.objectContaining({ accountIds: ['u1'] }) as unknown },
    ]);
    expect(c.sent.posts).toHaveLength(1);
  });

  it('counts a notice that reached one channel as delivered, naming the failed one', async () => {
    const c = channels({ status: 404 });
    await expect(deliverNotice(both, notice, english, c)).resolves.toEqual({
      delivery: 'delivered',
      error: 'Webhook to hooks.slack.com answered 404',
    });
  });

  it('fails when no channel delivered, and says none is configured when none is', async () => {
    const c = channels({
      notify: () => Promise.reject(new AtlassianApiError('jira', 'not-found', 404, 'POST notify', undefined)),
      fetchError: new TypeError('fetch failed'),
    });
    const outcome = await deliverNotice(both, notice, english, c);
    expect(outcome.delivery).toBe('failed');
    expect(outcome.error).toMatch(
      /Jira notification on IT-1 failed: .*404.*; Webhook to hooks.slack.com failed: fetch failed/,
    );
    await expect(deliverNotice({}, notice, english, channels())).resolves.toEqual({
      delivery: 'no-channels',
      error: null,
    });
  });
});
