// A message that hands users back unfinished (a 429 halfway through its writes) gives up its hold on their
// intents: the run that picks them up finishes them at once, instead of waiting minutes for the lease to run out.
import { AppHarness } from '../../support/app-harness';
import { runtimeDeps } from '../../../src/entry/runtime';
import { runProvisionWork } from '../../../src/services/provisioning/run-provision-work';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { configure, emailDomainRule, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

it('releases the intents of users it hands back after a 429, so the next run is not kept waiting', async () => {
  // Two Admin API calls a minute: the users' directory search, then the first user's group write; the second
  // user's write is refused until the minute turns.
  app = AppHarness.start({ rateLimits: { adminPerMinute: 2 } });
  const base = orgApiSettings(app);
  await configure(app, { ...base, sources: { ...base.sources, orgDirectory: { enabled: true } } }, [
    emailDomainRule(app, 'sales-team'),
  ]);
  const people = [
    app.jitLogin('lea.first@acme.example', 'Lea'),
    app.jitLogin('max.second@acme.example', 'Max'),
  ];
  const first = await app.inApp(() =>
    runProvisionWork(
      { accountIds: people, source: 'event', runId: 'release:one', attempt: 0, released: true },
      runtimeDeps(),
    ),
  );
  expect(first.outcomes.map((o) => o.accountId)).toEqual([people[0]]);
  expect(first.requeued).toEqual([people[1]]);
  // The second user's intent is still there, but nobody holds it any more.
  const ledger = await app.inApp(() => ledgerForAccount(people[1] as string));
  expect(ledger.map((r) => r.state)).toEqual(['adding']);
  expect(ledger.every((r) => r.leaseUntil <= app.clock.now())).toBe(true);

  // Once the minute has turned (long before the first run's lease would have run out), another run finishes it.
  await app.advance(60_000, { scheduled: false });
  const second = await app.inApp(() =>
    runProvisionWork(
      {
        accountIds: [people[1] as string],
        source: 'event',
        runId: 'release:two',
        attempt: 0,
        released: true,
      },
      runtimeDeps(),
    ),
  );
  expect(second.outcomes.map((o) => [o.accountId, o.status])).toEqual([[people[1], 'ok']]);
  expect(app.groupNamesOf(people[1] as string)).toContain('sales-team');
  expect(await app.inApp(() => ledgerForAccount(people[1] as string))).toEqual([
    expect.objectContaining({ state: 'granted', holder: '' }),
  ]);
});
