// In a Jira installation, a JIT login's two "user created" events cost one storage write: Confluence's copy is
// looked at again after a backstop period, and then only for a user nothing has evaluated since.
import { AppHarness } from '../../support/app-harness';
import { confluenceUserCreatedEvent } from '../../../emulator/site/events/user-events';
import { CONFLUENCE_CREATED_DELAY_SECONDS } from '../../../src/services/provisioning/notice-user';
import { configure, emailDomainRule, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

it('spends one intake write per JIT login: Confluence’s copy finds the user done when it is looked at again', async () => {
  app = AppHarness.start();
  await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
  const people = Array.from({ length: 6 }, (_, i) => app.jitLogin(`in${i}.take@acme.example`, `In ${i}`));
  await app.drain();
  for (const id of people) expect(app.groupNamesOf(id)).toContain('sales-team');
  // Every user was parked once; no write was spent on a second "user created" event.
  const use = app.platform.kvsQuota.usageByLabel;
  expect(use.get('write set parked')).toBe(people.length);
  expect(use.get('write set parked (KEY_ALREADY_EXISTS)')).toBeUndefined();
  // Confluence's copies came back after the delay and found the users evaluated: nothing more was run.
  const events = app.platform.invocations.filter((r) => r.moduleKey === 'user-events');
  expect(
    events.filter((r) => r.retryRequested?.retryAfter === CONFLUENCE_CREATED_DELAY_SECONDS),
  ).toHaveLength(people.length);
  expect(events.filter((r) => r.attempt === 2 && r.outcome === 'success')).toHaveLength(people.length);
  expect(app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer')).toHaveLength(1);
});

it('provisions a user only Confluence tells about, once its event is looked at again', async () => {
  app = AppHarness.start();
  await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
  // A person the seed made (no events, never evaluated), not yet in the group the rule grants.
  const person = app.site
    .accounts(0, 200)
    .accounts.find(
      (a) =>
        a.accountType === 'atlassian' &&
        a.active &&
        a.email.endsWith('@acme.example') &&
        !a.groups.includes('sales-team'),
    );
  if (!person) throw new Error('the seed has no such person');
  app.platform.enqueueProductEvent(
    confluenceUserCreatedEvent(
      { accountId: person.accountId, accountType: 'atlassian' } as Parameters<
        typeof confluenceUserCreatedEvent
      >[0],
      app.clock.now(),
    ),
  );
  await app.advance((CONFLUENCE_CREATED_DELAY_SECONDS - 10) * 1000, { scheduled: false });
  expect(app.groupNamesOf(person.accountId)).not.toContain('sales-team');
  await app.advance(60_000, { scheduled: false });
  expect(app.groupNamesOf(person.accountId)).toContain('sales-team');
});
