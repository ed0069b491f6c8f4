// The rate governor's pacing under pressure: waves that arrive late go back to be paced again, and events that
// Forge's storage quota refused come back when the quota's minute turns instead of a whole minute later.
import { AppHarness } from '../../support/app-harness';
import { DEFAULT_KVS_QUOTA } from '../../../emulator/platform/kvs/kvs-quota';
import { runtimeDeps } from '../../../src/entry/runtime';
import { CONFLUENCE_CREATED_DELAY_SECONDS } from '../../../src/services/provisioning/notice-user';
import { runProvisionWork } from '../../../src/services/provisioning/run-provision-work';
import { releaseParked } from '../../../src/services/provisioning/rate-governor';
import {
  closeRateGate,
  getRateGate,
  listParked,
  parkUsers,
} from '../../../src/storage/rate-governor-repository';
import { configure, emailDomainRule, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

describe('a paced wave the queue delivers late', () => {
  it('calls nothing, hands its users back to the governor, and they are provisioned in a later wave', async () => {
    app = AppHarness.start();
    await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
    const people = ['lia', 'max'].map((n) => app.jitLogin(`${n}.late@acme.example`, n));
    const before = app.site.requestLog().length;
    const result = await app.inApp(async () => {
      // A budget is known (a 429 was seen): waves are paced, and this one should have started 5 s ago.
      await closeRateGate(app.clock.now() - 1_000, 10);
      return runProvisionWork(
        {
          accountIds: people,
          source: 'event',
          runId: 'release:late',
          attempt: 0,
          released: true,
          startBy: app.clock.now() - 5_000,
        },
        runtimeDeps(),
      );
    });
    expect(result.requeued).toEqual(people);
    expect(result.outcomes).toEqual([]);
    expect(app.site.requestLog().length).toBe(before);
    const parked = await app.inApp(() => listParked(10));
    expect(parked.map((p) => p.accountId).sort()).toEqual([...people].sort());

    await app.drain();
    for (const id of people) expect(app.groupNamesOf(id)).toContain('sales-team');
    expect(await app.inApp(() => listParked(10))).toEqual([]);
  });

  it('runs when it starts on time', async () => {
    app = AppHarness.start();
    await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
    const id = app.jitLogin('ned.ontime@acme.example', 'Ned');
    const result = await app.inApp(async () => {
      await closeRateGate(app.clock.now() - 1_000, 10);
      return runProvisionWork(
        {
          accountIds: [id],
          source: 'event',
          runId: 'release:on-time',
          attempt: 0,
          released: true,
          startBy: app.clock.now() + 1_000,
        },
        runtimeDeps(),
      );
    });
    expect(result.outcomes.map((o) => o.status)).toEqual(['ok']);
    expect(app.groupNamesOf(id)).toContain('sales-team');
  });
});

describe('user events refused by the storage quota', () => {
  it('ask to come back just after the minute turns, spread over seconds, and every user is provisioned', async () => {
    // A small write quota, so that a handful of logins uses it up (one write each).
    app = AppHarness.start({ kvsQuota: { ...DEFAULT_KVS_QUOTA, writeUnitsPerMinute: 20 } });
    await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
    await app.advance(60_000 - (app.clock.now() % 60_000) + 30_000, { scheduled: false }); // half a minute in
    const people = Array.from({ length: 30 }, (_, i) => app.jitLogin(`q${i}.quota@acme.example`, `Q ${i}`));
    await app.advance(1_000, { scheduled: false });
    // (Confluence's copy of each "user created" event is looked at later anyway, in a Jira installation.)
    const refused = app.platform.invocations.filter(
      (r) =>
        r.moduleKey === 'user-events' &&
        r.retryRequested !== undefined &&
        r.retryRequested.retryAfter !== CONFLUENCE_CREATED_DELAY_SECONDS,
    );
    expect(refused.length).toBeGreaterThan(0);
    for (const run of refused) {
      const toMinute = 60 - ((run.startedAt / 1000) % 60);
      expect(run.retryRequested?.retryAfter).toBeGreaterThanOrEqual(Math.floor(toMinute));
      expect(run.retryRequested?.retryAfter).toBeLessThanOrEqual(Math.ceil(toMinute) + 1 + 15);
    }
    expect(new Set(refused.map((r) => r.retryRequested?.retryAfter)).size).toBeGreaterThan(1);

    await app.drain();
    for (const id of people) expect(app.groupNamesOf(id)).toContain('sales-team');
  });
});

describe('before any budget is known', () => {
  it('a message whose calls say a budget is nearly spent sets the pace for the waves after it, with no 429', async () => {
    // Five calls a second per endpoint: the fifth of a second says less than a fifth is left. The users' reads
    // are one bulk call each; their writes go through Jira's group API, one call per user.
    app = AppHarness.start({ rateLimits: { burstPerSecond: 5 } });
    await configure(app, { ...orgApiSettings(app), groupWritePath: { mode: 'app-account' } }, [
      emailDomainRule(app, 'sales-team'),
    ]);
    app.site.setGroupMembership(app.appAccountId, 'site-admins', true);
    const people = Array.from({ length: 5 }, (_, i) => app.jitLogin(`p${i}.pace@acme.example`, `P ${i}`));
    const result = await app.inApp(async () =>
      runProvisionWork(
        { accountIds: people, source: 'event', runId: 'release:first', attempt: 0, released: true },
        runtimeDeps(),
      ),
    );
    expect(result.outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(app.site.requestLog().filter((r) => r.status === 429)).toEqual([]);
    const gate = await app.inApp(() => getRateGate());
    expect(gate).toMatchObject({ usersPerSecond: 5, backlog: true });
    expect(gate?.until).toBeLessThanOrEqual(app.clock.now());
  });

  it('the releaser sends one wave a run, doubling it each second', async () => {
    app = AppHarness.start();
    await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
    const parked = Array.from({ length: 70 }, (_, i) => ({
      accountId: `712020:slow-start-${String(i).padStart(3, '0')}`,
      source: 'event',
      runId: `event:${i}`,
      parkedAt: app.clock.now() - 10_000,
    }));
    const released = await app.inApp(async () => {
      await parkUsers(parked);
      const first = await releaseParked(runtimeDeps(), 0);
      const second = await releaseParked(runtimeDeps(), 1);
      const third = await releaseParked(runtimeDeps(), 2);
      return [first.released, second.released, third.released];
    });
    expect(released).toEqual([20, 40, 10]);
  });
});
