// A seeded chaos property: JIT logins under duplicate deliveries, 5xx answers, hung requests (504 after the
// consumer's deadline: killed invocations), 429s and hand grants, then people moving between departments. Whatever
// the seed, the site and storage agree at the end: every app grant has exactly one ledger row and one audit line,
// a rule that stops matching takes back everything it granted, and no hand grant is ever removed.
import type { AuditEntry } from '../../../src/shared/audit';
import { queryAudit } from '../../../src/storage/audit-repository';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { createPrng } from '../../../emulator/site/prng';
import { AppHarness } from '../../support/app-harness';
import {
  configure,
  groupGrant,
  orgApiSettings,
  rule,
  SALES_DEVELOPERS,
  scimProfile,
} from './provisioning-setup';

jest.setTimeout(600_000);

/** Seeds run by `npm test`; each is a different storm (CHAOS_SEEDS=1-40 runs more). */
const SEEDS = (() => {
  const range = /^(\d+)-(\d+)$/.exec(process.env.CHAOS_SEEDS ?? '');
  // Seeds 2 and 4 end with an unledgered role (and a role audited three times) on the code before intents had
  // holders (CHAOS_SEEDS=1-10: 2 of 10 fail there, none here); 7 is one more storm.
  if (!range) return [2, 4, 7];
  const seeds: number[] = [];
  for (let s = Number(range[1]); s <= Number(range[2]); s++) seeds.push(s);
  return seeds;
})();
const PEOPLE = 30;
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance'] as const;
type Department = (typeof DEPARTMENTS)[number];

/** What each department's rule grants (as site group names; the Sales role is checked apart). */
const GROUPS_OF: Record<Department, string[]> = {
  Sales: ['sales-team'],
  Engineering: ['confluence-engineering'],
  Finance: [],
};
const RULED_GROUPS = ['sales-team', 'confluence-engineering'];

interface Person {
  accountId: string;
  email: string;
  scimId: string;
  department: Department;
  /** Groups an admin added the person to by hand; never the app's to remove. */
  handGranted: string[];
}

async function storm(seed: number): Promise<{ app: AppHarness; people: Person[] }> {
  const prng = createPrng(seed);
  const next = () => prng.next();
  const pick = <T>(items: readonly T[]): T => prng.pick(items);
  const app = AppHarness.start({
    duplicateDeliveryRate: 0.3,
    // Tight enough that reads in bulk still meet them.
    rateLimits: { burstPerSecond: 2, adminPerMinute: 60 },
  });
  // Scheduling jitter: each call of every invocation waits a few event-loop turns (seeded), so concurrent
  // deliveries drift apart instead of running in lockstep, as real network latency makes them.
  // One call in ten is slow (a long tail, as on a real network).
  app.platform.operationGate = async () => {
    const turns = next() < 0.1 ? 20 + Math.floor(next() * 200) : Math.floor(next() * 4);
    for (let t = turns; t > 0; t--) await new Promise((r) => setImmediate(r));
  };
  const { orgId, directoryId } = app.credentials;
  app.site.setFaults({
    seed,
    rules: [
      // Group writes: some fail, some hang past the consumer's deadline (the invocation is killed mid-message).
      {
        product: 'api',
        pathPrefix: `/admin/v2/orgs/${orgId}/directories/${directoryId}/groups`,
        errorRate: 0.15,
        timeoutRate: 0.08,
        timeoutMs: 130_000,
        latencyMs: { min: 0, max: 3_000 },
      },
      { product: 'jira', errorRate: 0.1, errorStatuses: [500, 502, 503, 504], timeoutRate: 0.02 },
      // Every other api.atlassian.com call fails now and then (rules compose, so the group writes above are left
      // out by naming the other paths).
      ...[
        '/admin/v1/',
        `/admin/v2/orgs/${orgId}/directories/${directoryId}/users`,
        `/admin/v2/orgs/${orgId}/workspaces`,
        '/scim/',
        '/users/',
      ].map((pathPrefix) => ({ product: 'api' as const, pathPrefix, errorRate: 0.05 })),
    ],
  });
  await configure(app, orgApiSettings(app), [
    rule({
      id: 'sales',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team'), SALES_DEVELOPERS],
      onUnmatch: 'revoke',
    }),
    rule({
      id: 'engineering',
      when: 'user.department -eq "Engineering"',
      grants: [groupGrant(app, 'confluence-engineering')],
      onUnmatch: 'revoke',
    }),
  ]);
  const people: Person[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const email = `chaos.${seed}.${i}@acme.example`;
    const department = pick(DEPARTMENTS);
    const accountId = app.jitLogin(email, `Chaos ${i}`);
    const scimId = String(app.site.scim.createUser(scimProfile(email, `Chaos ${i}`, department)).id);
    const handGranted: string[] = [];
    // Before the app looks at them, an admin adds some people by hand to a group a rule may also grant.
    if (next() < 0.2) {
      const group = pick(RULED_GROUPS);
      app.site.setGroupMembership(accountId, group, true);
      handGranted.push(group);
    }
    people.push({ accountId, email, scimId, department, handGranted });
    if (next() < 0.3) await app.advance(Math.floor(next() * 20_000));
  }
  await app.drain({ maxMs: 3 * 86_400_000 });
  return { app, people };
}

async function recordsOf(app: AppHarness, accountId: string) {
  return app.inApp(async () => ({
    ledger: await ledgerForAccount(accountId),
    audit: (await queryAudit({ accountId, limit: 200 })).entries,
  }));
}

function netAudit(audit: AuditEntry[], grantKey: string): number {
  const count = (actions: string[]) =>
    audit.filter((a) => a.target === grantKey && actions.includes(a.action)).length;
  return count(['group-added', 'role-added']) - count(['group-removed', 'role-removed']);
}

/** The invariants, for every person. */
async function expectInvariants(app: AppHarness, people: Person[], seed: number): Promise<void> {
  for (const person of people) {
    const { ledger, audit } = await recordsOf(app, person.accountId);
    const groups = app.groupNamesOf(person.accountId);
    const holdsRole = app.site.projectRoleActors('SALES', 'Developers').users.includes(person.accountId);
    const where = `seed ${seed}, ${person.email} (${person.department})`;
    // Nothing is left in flight, and no grant is ledgered twice.
    expect({ where, pending: ledger.filter((r) => r.state !== 'granted' || r.holder !== '') }).toEqual({
      where,
      pending: [],
    });
    expect({ where, keys: new Set(ledger.map((r) => r.grantKey)).size }).toEqual({
      where,
      keys: ledger.length,
    });
    // Each ledgered grant is held on the site with exactly one audit line more for adding than for removing;
    // each grant no longer ledgered has as many removals as additions.
    for (const row of ledger) {
      const held = row.grant.kind === 'group' ? groups.includes(row.grant.groupName) : holdsRole;
      expect({ where, grant: row.grantKey, held, net: netAudit(audit, row.grantKey) }).toEqual({
        where,
        grant: row.grantKey,
        held: true,
        net: 1,
      });
    }
    const ledgered = new Set(ledger.map((r) => r.grantKey));
    for (const target of new Set(audit.map((a) => a.target)))
      if (!ledgered.has(target) && !target.startsWith('source:') && target !== 'provisioning')
        expect({ where, target, net: netAudit(audit, target) }).toEqual({ where, target, net: 0 });
    // What the rules grant now is held; what they no longer grant is gone unless an admin granted it by hand.
    const wanted = GROUPS_OF[person.department];
    for (const group of RULED_GROUPS) {
      const expected = wanted.includes(group) || person.handGranted.includes(group);
      expect({ where, group, member: groups.includes(group) }).toEqual({ where, group, member: expected });
      const appOwns = ledger.some((r) => r.grant.kind === 'group' && r.grant.groupName === group);
      if (person.handGranted.includes(group))
        expect({ where, group, appOwnsHandGrant: appOwns }).toEqual({
          where,
          group,
          appOwnsHandGrant: false,
        });
    }
    expect({ where, role: holdsRole }).toEqual({ where, role: person.department === 'Sales' });
  }
}

describe.each(SEEDS)('a storm of JIT logins (seed %i)', (seed) => {
  it('leaves every app grant ledgered and audited once, and takes back exactly what stopped matching', async () => {
    const { app, people } = await storm(seed);
    try {
      await expectInvariants(app, people, seed);

      // Half of them move to another department; the IdP pushes it through SCIM.
      const moves = createPrng(seed * 7919);
      const next = () => moves.next();
      for (const person of people) {
        if (next() < 0.5) continue;
        const others = DEPARTMENTS.filter((d) => d !== person.department);
        person.department = others[Math.floor(next() * others.length)] as Department;
        app.site.scim.replaceUser(person.scimId, scimProfile(person.email, person.email, person.department));
      }
      await app.drain({ maxMs: 3 * 86_400_000 });
      // Users whose update events were lost to the storm are caught by the daily pass.
      await app.advance(86_400_000);
      await app.drain({ maxMs: 3 * 86_400_000 });
      await expectInvariants(app, people, seed);

      // The storm happened: invocations were killed, Atlassian failed and refused.
      const runs = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');
      expect(runs.filter((r) => r.outcome === 'timeout').length).toBeGreaterThan(0);
      const statuses = app.site.requestLog().map((r) => r.status);
      expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
