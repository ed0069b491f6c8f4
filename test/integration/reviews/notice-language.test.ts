// Access review notices in the language each reader set in Jira: a German rule owner reads the start, reminder,
// reassignment and end in German, with days in the German format and in UTC; an owner whose language the app is
// not translated into (French) and the English creator read English. A language setting that cannot be read
// never holds a notice back: it goes out in English.
import { DAY_MS } from '../../../src/domain/reviews';
import type { AppHarness } from '../../support/app-harness';
import { asAdmin } from '../admin/admin-setup';
import { auditOf, noticesSent, openCampaign, startReviewEnv, type ReviewEnv } from './reviews-setup';

let env: ReviewEnv;
let app: AppHarness;
afterEach(() => app.close());

/** Monday 30 November 2026, 09:00 UTC: the campaign runs 14 days and is due on 14 December. */
const START = Date.UTC(2026, 10, 30, 9, 0, 0);
const REMINDER_DUE = 5 * DAY_MS + 60 * 60_000;

function noticesTo(accountId: string) {
  return noticesSent(app)
    .filter((n) => n.to === accountId)
    .map(({ subject, text }) => ({ subject, text }));
}

describe('access review notices in the reader’s language', () => {
  it('write to a German owner in German, and to a French owner and the English creator in English', async () => {
    env = await startReviewEnv({
      startAt: START,
      locales: { salesOwner: 'de_DE', engineeringOwner: 'fr_FR' },
    });
    app = env.app;
    await openCampaign(env);
    expect(noticesTo(env.salesOwner)).toEqual([
      {
        subject: 'Zugriffsprüfung „Q3 access review“: 2 Einträge bis zum 14. Dez. 2026 (UTC) zu prüfen',
        text:
          'Bitte bestätigen Sie, wer den Zugriff, für den Sie verantwortlich sind, noch benötigt. Öffnen Sie Jira ' +
          'und dann Apps → Zugriffsprüfungen, und behalten oder entfernen Sie jeden Ihrer 2 Einträge bis zum ' +
          '14. Dez. 2026 (UTC) mit einer Begründung. Einträge, über die niemand entscheidet, werden nach dem Ende ' +
          'der Prüfung entfernt.',
      },
    ]);
    expect(noticesTo(env.engineeringOwner)).toEqual([
      {
        subject: 'Access review "Q3 access review": 1 item to review by Dec 14, 2026 (UTC)',
        text:
          'You are asked to confirm who still needs the access you own. Open Jira, then Apps → Access reviews, and ' +
          'keep or remove your 1 item, with a reason, by Dec 14, 2026 (UTC). Items nobody decides are removed ' +
          'when the review ends.',
      },
    ]);

    await app.advance(REMINDER_DUE);
    await app.drain();
    expect(noticesTo(env.salesOwner)[1]).toEqual({
      subject:
        'Erinnerung: 2 offene Einträge in der Zugriffsprüfung „Q3 access review“, fällig am 14. Dez. 2026 (UTC)',
      text:
        '2 Ihrer 2 Einträge sind noch offen. Öffnen Sie Jira und dann Apps → Zugriffsprüfungen. Offene Einträge ' +
        'werden am 14. Dez. 2026 (UTC) entfernt.',
    });
    expect(noticesTo(env.engineeringOwner)[1]?.subject).toBe(
      'Reminder: 1 undecided item in access review "Q3 access review", due Dec 14, 2026 (UTC)',
    );

    await app.advance(9 * DAY_MS + 60 * 60_000);
    await app.drain();
    expect(await auditOf(app, { action: 'review-closed' })).toHaveLength(1);
    expect(noticesTo(env.salesOwner).at(-1)).toEqual({
      subject: 'Die Zugriffsprüfung „Q3 access review“ ist abgeschlossen',
      text:
        'Von Ihren 2 Einträgen haben Sie 0 behalten und 0 entfernt. 2 offene Einträge wurden gemäß der Richtlinie ' +
        'der Prüfung entfernt. Vielen Dank.',
    });
    expect(noticesTo(env.engineeringOwner).at(-1)?.subject).toBe(
      'Access review "Q3 access review" has closed',
    );
    expect(noticesTo(app.credentials.siteAdmin.accountId)).toEqual([
      {
        subject: 'Access review "Q3 access review" has closed: the report is ready',
        text:
          '3 items were reviewed by 2 reviewers: 0 kept, 3 removed, 3 not decided (settled by the policy). The ' +
          'report is in the JIT Access admin page, Access reviews tab.',
      },
    ]);
    // Nothing English reached the German owner.
    for (const { subject, text } of noticesTo(env.salesOwner))
      expect(`${subject} ${text}`).not.toMatch(/Access review|items?\b|Open Jira|Reminder|Thank you/);
  }, 300_000);

  it('sends in English when the language setting cannot be read, and tells a German new reviewer in German', async () => {
    env = await startReviewEnv({ startAt: START, locales: { salesOwner: 'de_DE', outsider: 'de_DE' } });
    app = env.app;
    const campaign = await openCampaign(env);
    expect(noticesTo(env.salesOwner)[0]?.subject).toMatch(/^Zugriffsprüfung /);

    // Jira fails every read of a single user while the reminders go out (and only then).
    await app.advance(REMINDER_DUE - 60 * 60_000);
    await app.drain();
    app.site.setFaults({
      seed: 1,
      rules: [{ product: 'jira', method: 'GET', pathPrefix: '/rest/api/3/user', errorRate: 1 }],
    });
    await app.advance(60 * 60_000);
    await app.drain();
    app.site.setFaults(null);
    const failedReads = app.site
      .requestLog()
      .filter((r) => r.fault === 'error' && /^\/rest\/api\/3\/user\?accountId=[^&]*$/.test(r.path));
    expect(failedReads.length).toBeGreaterThan(0);
    expect(noticesTo(env.salesOwner)[1]?.subject).toBe(
      'Reminder: 2 undecided items in access review "Q3 access review", due Dec 14, 2026 (UTC)',
    );
    // Sent and counted as sent: the unreadable language is no failure of the notice.
    const detail = await asAdmin(app, 'reviews.get', { campaignId: campaign.id });
    expect(detail.progress.find((p) => p.reviewer === env.salesOwner)?.lastNotice).toMatchObject({
      kind: 'reminder',
      delivered: true,
      error: null,
    });
    expect(
      (await auditOf(app, { action: 'review-notified', accountId: env.salesOwner })).map((e) => e.outcome),
    ).toEqual(['success', 'success']);

    // Reassigned to someone who reads German: told in German.
    await asAdmin(app, 'reviews.reassign', {
      campaignId: campaign.id,
      from: env.salesOwner,
      to: env.outsider,
    });
    await app.drain();
    expect(noticesTo(env.outsider)).toEqual([
      {
        subject:
          'Zugriffsprüfung „Q3 access review“: Ihnen wurden Einträge zugewiesen, fällig am 14. Dez. 2026 (UTC)',
        text:
          'Sie prüfen jetzt 2 Einträge der Zugriffsprüfung „Q3 access review“ (2 offen). Öffnen Sie Jira und dann ' +
          'Apps → Zugriffsprüfungen.',
      },
    ]);
  }, 180_000);
});
