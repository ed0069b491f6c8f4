// Provisioning under failure: a killed consumer, a 429 storm with injected 5xx, and hundreds of logins at once.
import { AppHarness } from '../../support/app-harness';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { queryAudit } from '../../../src/storage/audit-repository';
import {
  configure,
  emailDomainRule,
  groupGrant,
  orgApiSettings,
  rule,
  SALES_DEVELOPERS,
  scimProfile,
} from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

const SALES_GROUPS = ['confluence-sales', 'confluence-users', 'jira-software-users', 'sales-team'];

async function auditOf(accountId: string) {
  return app.inApp(async () => (await queryAudit({ accountId, limit: 100 })).entries);
}

describe('a consumer killed mid-way', () => {
  it('is retried and ends in the same state, each change audited once', async () => {
    app = AppHarness.start();
    await configure(app, orgApiSettings(app), [
      rule({
        id: 'sales',
        when: 'user.department -eq "Sales"',
        grants: [groupGrant(app, 'sales-team'), groupGrant(app, 'confluence-sales'), SALES_DEVELOPERS],
      }),
    ]);
    const { orgId, directoryId } = app.credentials;
    // Each group write through the Admin API takes 70 s: the second one crosses the consumer's 120 s limit.
    app.site.setFaults({
      seed: 7,
      rules: [
        {
          product: 'api',
          method: 'POST',
          pathPrefix: `/admin/v2/orgs/${orgId}/directories/${directoryId}/groups`,
          latencyMs: 70_000,
        },
      ],
    });
    const accountId = app.jitLogin('kim.killed@acme.example', 'Kim Killed');
    app.site.scim.createUser(scimProfile('kim.killed@acme.example', 'Kim Killed', 'Sales'));
    await app.advance(5_000);
    const first = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');
    expect(first.map((r) => r.outcome)).toEqual(['timeout']);

    app.site.setFaults(null);
    await app.drain();
    const runs = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');
    expect(runs.map((r) => [r.outcome, r.attempt])).toEqual([
      ['timeout', 1],
      ['success', 2],
    ]);
    expect(app.groupNamesOf(accountId)).toEqual(SALES_GROUPS);
    expect(app.site.projectRoleActors('SALES', 'Developers').users).toContain(accountId);
    const ledger = await app.inApp(() => ledgerForAccount(accountId));
    expect(ledger.map((l) => l.state)).toEqual(['granted', 'granted', 'granted']);
    const audit = await auditOf(accountId);
    expect(audit.map((a) => a.action).sort()).toEqual(['group-added', 'group-added', 'role-added']);
  });
});

describe('a consumer killed after some users of its message were granted', () => {
  it('finishes their unrecorded results from the intents: each ledgered and audited once', async () => {
    app = AppHarness.start();
    await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
    const { orgId, directoryId } = app.credentials;
    // 45 s per group write: in a message of three, two users are granted and the third crosses the 120 s limit.
    // The two results wait for the message's shared transaction, which the kill loses; their intents are stored.
    app.site.setFaults({
      seed: 11,
      rules: [
        {
          product: 'api',
          method: 'POST',
          pathPrefix: `/admin/v2/orgs/${orgId}/directories/${directoryId}/groups`,
          latencyMs: 45_000,
        },
      ],
    });
    const people = ['ana', 'ben', 'cy', 'dee'].map((n) => app.jitLogin(`${n}.batch@acme.example`, n));
    await app.advance(5_000, { scheduled: false });
    const killed = app.platform.invocations.filter(
      (r) => r.moduleKey === 'provision-consumer' && r.outcome === 'timeout',
    );
    expect(killed).toHaveLength(1);
    const grantedBeforeKill = people.filter((id) => app.groupNamesOf(id).includes('sales-team'));
    expect(grantedBeforeKill.length).toBeGreaterThanOrEqual(2);
    const unrecorded = await app.inApp(async () =>
      Promise.all(grantedBeforeKill.map(async (id) => (await ledgerForAccount(id))[0]?.state)),
    );
    expect(unrecorded.every((state) => state === 'adding')).toBe(true);

    app.site.setFaults(null);
    await app.drain();
    for (const id of people) {
      expect(app.groupNamesOf(id)).toContain('sales-team');
      const ledger = await app.inApp(() => ledgerForAccount(id));
      expect(ledger.map((l) => l.state)).toEqual(['granted']);
      expect((await auditOf(id)).filter((a) => a.action === 'group-added')).toHaveLength(1);
    }
    // The retry re-sends the interrupted adds (the membership API is idempotent) but records each change once.
    expect(
      app.site
        .groupMembers('sales-team')
        .filter((id) => people.includes(id))
        .sort(),
    ).toEqual([...people].sort());
  });
});

describe('a burst of JIT logins under a 429 storm and 5 % injected 5xx', () => {
  it('provisions every one of 500 users, none lost, none granted twice', async () => {
    app = AppHarness.start({
      rateLimits: { burstPerSecond: 20, adminPerMinute: 300 },
      faults: { seed: 42, rules: [{ errorRate: 0.05 }] },
      parallelism: 8,
    });
    await configure(
      app,
      orgApiSettings(app, {
        sources: {
          email: true,
          scim: { enabled: false },
          orgDirectory: { enabled: false },
          pushed: false,
        },
      }),
      [
        rule({
          id: 'staff',
          when: 'user.emailDomain -eq "acme.example"',
          grants: [groupGrant(app, 'confluence-engineering')],
        }),
      ],
    );
    const accountIds = Array.from({ length: 500 }, (_, i) =>
      app.jitLogin(`burst.user${i}@acme.example`, `Burst User ${i}`),
    );
    await app.drain({ maxMs: 6 * 3_600_000 });

    const members = new Set(app.site.groupMembers('confluence-engineering'));
    const missing = accountIds.filter((id) => !members.has(id));
    expect(missing).toEqual([]);
    const requests = app.site.requestLog();
    expect(requests.some((r) => r.status === 429)).toBe(true);
    expect(requests.some((r) => r.status >= 500)).toBe(true);
    const grantWrites = requests.filter(
      (r) => r.method === 'POST' && r.path.includes('/memberships') && r.status < 300,
    );
    expect(grantWrites).toHaveLength(500);
    expect(app.platform.queue.counts().failed).toBe(0);
  }, 300_000);
});
