// The app runs as one installation serving Jira and Confluence (app.compatibility): a login's Jira and Confluence
// events land in one place and are handled once, the settings saved from either product's page are the same, and
// on a site without Confluence the app works from Jira alone.
import { AppHarness } from '../../support/app-harness';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { configure, groupGrant, orgApiSettings, rule } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

const runsOfConsumer = () => app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');

async function start(options: Parameters<typeof AppHarness.start>[0] = {}): Promise<void> {
  app = AppHarness.start(options);
  await configure(app, orgApiSettings(app), [
    rule({
      id: 'everyone',
      when: 'user.emailDomain -eq "acme.example"',
      grants: [groupGrant(app, 'confluence-engineering')],
    }),
  ]);
}

it('handles a login’s Jira and Confluence events in its one installation, granting once', async () => {
  await start();
  expect(app.platform.installations).toHaveLength(1);
  expect(app.platform.installation.products).toEqual(['jira', 'confluence']);
  const accountId = app.jitLogin('una.one@acme.example', 'Una One');
  const events = app.site.emittedEvents().map((e) => e.eventType);
  expect(events).toEqual(expect.arrayContaining(['avi:jira:created:user', 'avi:confluence:created:user']));
  await app.drain();
  const triggers = app.platform.invocations.filter((r) => r.moduleKey === 'user-events');
  // Both events reach the one installation; Confluence's copy is looked at again five minutes later and then
  // finds the user already evaluated (Jira's event did it), so nothing more is queued.
  const confluenceCopy = triggers.filter(
    (r) => r.eventId === triggers.find((t) => t.retryRequested)?.eventId,
  );
  expect(triggers).toHaveLength(3);
  expect(confluenceCopy.map((r) => r.attempt)).toEqual([1, 2]);
  expect(runsOfConsumer()).toHaveLength(1);
  expect(app.groupNamesOf(accountId)).toContain('confluence-engineering');
  const ledger = await app.inApp(() => ledgerForAccount(accountId));
  expect(ledger.filter((row) => row.state === 'granted')).toHaveLength(1);
  // The daily schedules run once a day for the site, not once per product.
  const before = app.platform.invocations.length;
  await app.advance(86_400_000);
  const daily = app.platform.invocations
    .slice(before)
    .filter((r) => r.moduleKey === 'inactivity-sweep-daily' || r.moduleKey === 'daily-pass-every-day');
  expect(daily.map((r) => r.moduleKey).sort()).toEqual(['daily-pass-every-day', 'inactivity-sweep-daily']);
});

it('on a site without Confluence, provisions from Jira’s events and shows no Confluence page', async () => {
  await start({ siteProducts: ['jira'] });
  expect(app.platform.installation.products).toEqual(['jira']);
  const accountId = app.jitLogin('jo.jira@acme.example', 'Jo Jira');
  expect(app.site.emittedEvents().map((e) => e.eventType)).toEqual(['avi:jira:created:user']);
  await app.drain();
  expect(app.groupNamesOf(accountId)).toContain('confluence-engineering');
  await expect(
    app.platform.invokeResolver({
      key: 'getSettings',
      accountId: app.credentials.siteAdmin.accountId,
      extension: { type: 'confluence:globalSettings' },
    }),
  ).rejects.toThrow(/no installation serving confluence/);
});
