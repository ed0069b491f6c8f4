// Inactivity warnings in the language each person set in Jira, by Jira notification and webhook alike: German for
// de_DE, English for en_US and for a language the app is not translated into; the day is the reader's format, in
// UTC, and the webhook's machine-read fields stay as they were. The language comes with the user read the run
// makes anyway, so warnings cost no extra Jira call.
import {
  JIRA,
  T0,
  WEBHOOK,
  dailyRun,
  savePolicy,
  setDay,
  startEnv,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

function person(handle: string, locale: string): string {
  const domain = env.app.credentials.verifiedDomains[0] ?? 'example.com';
  const accountId = env.app.site.simulateInvite({
    email: `${handle}@${domain}`,
    displayName: handle,
    locale,
  }).accountId;
  env.app.site.recordActivity(accountId, JIRA, T0);
  env.app.site.recordActivity(accountId, 'confluence', T0);
  return accountId;
}

/** The Jira notification sent to one person: its subject and text. */
function notificationTo(accountId: string): { subject?: string; textBody?: string } | undefined {
  return env.app.site
    .notifications()
    .find((n) =>
      (n.to as { users: Array<{ accountId: string }> }).users.some((u) => u.accountId === accountId),
    );
}

function webhookTextTo(accountId: string): unknown {
  return env.webhookPosts.find((p) => p['accountId'] === accountId)?.['text'];
}

describe('inactivity warnings in the reader’s language', () => {
  it('warns a German user in German, an English user and a French user in English, on both channels', async () => {
    env = await startEnv({ seed: 'demo' });
    const greta = person('greta', 'de_DE');
    const ellen = person('ellen', 'en_US');
    const francois = person('francois', 'fr_FR');
    await savePolicy(env, {
      notifications: { jiraNotify: { issueKey: 'ENG-1' }, webhook: { url: WEBHOOK } },
    });

    setDay(env, 83);
    await dailyRun(env);

    // Acted on from 5 April (day 90 of the timeline), named as the UTC day in each reader's format.
    expect(notificationTo(greta)).toEqual(
      expect.objectContaining({
        subject: 'Ihr Zugriff auf Jira endet am 5. Apr. 2026 (UTC), wenn Sie Jira nicht vorher verwenden',
        textBody: expect.stringMatching(
          /^Sie haben Jira zuletzt am 5\. Jan\. 2026 \(UTC\) verwendet\. Wenn Sie Jira nicht vor dem 5\. Apr\. 2026 \(UTC\) verwenden, wird Ihr Zugriff auf Jira entfernt/,
        ) as unknown,
      }),
    );
    expect(webhookTextTo(greta)).toMatch(
      /^Ihr Zugriff auf Jira endet am 5\. Apr\. 2026 \(UTC\), wenn Sie Jira nicht vorher verwenden\. Sie haben Jira zuletzt/,
    );
    for (const reader of [ellen, francois]) {
      expect(notificationTo(reader)).toEqual(
        expect.objectContaining({
          subject: 'Your Jira access will end on Apr 5, 2026 (UTC) unless you use it',
          textBody: expect.stringMatching(
            /^You last used Jira on Jan 5, 2026 \(UTC\)\. Unless you use Jira before Apr 5, 2026 \(UTC\)/,
          ) as unknown,
        }),
      );
      expect(webhookTextTo(reader)).toMatch(
        /^Your Jira access will end on Apr 5, 2026 \(UTC\) unless you use it\. /,
      );
    }

    // Workflows read the structured fields: the same whatever the reader's language.
    const fieldsOf = (accountId: string) => {
      const {
        text: _text,
        accountId: _id,
        ...fields
      } = env.webhookPosts.find((p) => p['accountId'] === accountId) ?? {};
      return fields;
    };
    expect(fieldsOf(greta)).toEqual(fieldsOf(ellen));
    expect(fieldsOf(greta)).toMatchObject({
      event: 'inactivity-warning',
      product: JIRA,
      actionLabel: expect.any(String) as unknown,
      actAfter: expect.stringMatching(/^2026-04-05T/) as unknown,
    });
    // The languages came with the users' reads for their groups: no read was added for the warnings.
    const userReads = env.app.site.requestLog().filter((r) => r.path.startsWith('/rest/api/3/user?'));
    expect(userReads.length).toBeGreaterThan(0);
    expect(userReads.filter((r) => !r.path.includes('expand=')).map((r) => r.path)).toEqual([]);
  });
});
