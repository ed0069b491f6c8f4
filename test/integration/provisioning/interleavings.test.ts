// Exactly once under races, proven by stepping concurrent deliveries of the same work through every order in which
// their ledger reads, storage transactions and site writes can land (the platform's operation gate holds each),
// and by killing a delivery at each of its steps. Invariants are checked on the site and in storage, after the
// queue has drained (work handed back included): each app grant has exactly one ledger row and one audit line,
// a rule that stops matching removes what it granted, and a hand grant is never removed.
import type { PlatformOperation } from '../../../emulator/platform';
import type { AuditEntry } from '../../../src/shared/audit';
import { queryAudit } from '../../../src/storage/audit-repository';
import { ledgerForAccount, type LedgerRow } from '../../../src/storage/ledger-repository';
import { AppHarness } from '../../support/app-harness';
import { describeOperation, exploreInterleavings, type Worker } from '../../support/interleavings';
import {
  configure,
  groupGrant,
  orgApiSettings,
  rule,
  SALES_DEVELOPERS,
  scimProfile,
} from './provisioning-setup';

jest.setTimeout(600_000);

const EMAIL = 'rae.race@acme.example';
/** Longer than any provisioning invocation's lease (its 120 s limit plus the margin). */
const PAST_ANY_LEASE_MS = 5 * 60_000;

/** The steps whose order matters: the ledger, every transaction, and every site write or membership read. */
function isStep(operation: PlatformOperation): boolean {
  if (operation.kind === 'storage') {
    if (operation.path === '/api/v1/transaction') return true;
    const entity = (operation.body as { entityName?: unknown } | undefined)?.entityName;
    return entity === 'grant-ledger';
  }
  if (operation.kind === 'egress' || operation.kind === 'product')
    return operation.method !== 'GET' || operation.path.startsWith('/rest/api/3/user?');
  return false;
}

interface SalesApp {
  app: AppHarness;
  accountId: string;
  scimId: string;
}

/** How the app writes groups: the org's Admin API, or Jira's group API acting as the site admin. */
type WritePath = 'org-admin-api' | 'impersonate-admin';

/** A site whose rule gives Sales people `sales-team` and the SALES Developers role, revoked when they leave. */
async function salesApp(writePath: WritePath = 'org-admin-api'): Promise<SalesApp> {
  const app = AppHarness.start();
  const siteAdmin = app.credentials.siteAdmin.accountId;
  const settings =
    writePath === 'org-admin-api'
      ? orgApiSettings(app)
      : orgApiSettings(app, { groupWritePath: { mode: 'impersonate-admin', adminAccountId: siteAdmin } });
  await configure(app, settings, [
    rule({
      id: 'sales',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team'), SALES_DEVELOPERS],
      onUnmatch: 'revoke',
    }),
  ]);
  const accountId = app.jitLogin(EMAIL, 'Rae Race');
  const scimId = String(app.site.scim.createUser(scimProfile(EMAIL, 'Rae Race', 'Sales')).id);
  return { app, accountId, scimId };
}

/** The user moves out of Sales (the IdP pushes the change through SCIM). */
function leaveSales(started: SalesApp): void {
  started.app.site.scim.replaceUser(started.scimId, scimProfile(EMAIL, 'Rae Race', 'Marketing'));
}

/** A provisioning message for the user, delivered to the consumer as worker `tag`. */
function delivery(accountId: () => string): Worker {
  return (app, tag) =>
    app.platform.runConsumer(
      'provision',
      { accountIds: [accountId()], source: 'event', runId: 'event:race', attempt: 0, released: true },
      { tag },
    );
}

const holdsRole = (app: AppHarness, accountId: string) =>
  app.site.projectRoleActors('SALES', 'Developers').users.includes(accountId);
const inSalesTeam = (app: AppHarness, accountId: string) =>
  app.groupNamesOf(accountId).includes('sales-team');

async function ledgerAndAudit(app: AppHarness, accountId: string) {
  return app.inApp(async () => ({
    ledger: await ledgerForAccount(accountId),
    audit: (await queryAudit({ accountId, limit: 100 })).entries,
  }));
}

const changes = (audit: AuditEntry[], actions: string[]) =>
  audit.filter((a) => actions.includes(a.action)).map((a) => `${a.action} ${a.targetName}`);

/** Each app grant: one granted ledger row, one audit line, and the membership on the site. */
function expectEachGrantLedgeredOnce(
  app: AppHarness,
  accountId: string,
  ledger: LedgerRow[],
  audit: AuditEntry[],
): void {
  expect(ledger.every((r) => r.state === 'granted' && r.holder === '')).toBe(true);
  expect(new Set(ledger.map((r) => r.grantKey)).size).toBe(ledger.length);
  const added = audit.filter((a) => a.action === 'group-added' || a.action === 'role-added');
  expect(added.map((a) => a.target).sort()).toEqual(ledger.map((r) => r.grantKey).sort());
  for (const row of ledger)
    expect(row.grant.kind === 'group' ? inSalesTeam(app, accountId) : holdsRole(app, accountId)).toBe(true);
}

describe('two deliveries of the same new user, in every order of their steps', () => {
  it('grant each membership once, with exactly one ledger row and one audit line each', async () => {
    let started: SalesApp | undefined;
    const { schedules } = await exploreInterleavings({
      setup: async () => (started = await salesApp()).app,
      workers: { A: delivery(() => started!.accountId), B: delivery(() => started!.accountId) },
      isStep,
      check: async (app) => {
        const { accountId } = started!;
        await app.drain();
        expect(inSalesTeam(app, accountId)).toBe(true);
        expect(holdsRole(app, accountId)).toBe(true);
        const { ledger, audit } = await ledgerAndAudit(app, accountId);
        expect(ledger.map((r) => r.grant.kind).sort()).toEqual(['group', 'projectRole']);
        expectEachGrantLedgeredOnce(app, accountId, ledger, audit);
      },
    });
    expect(schedules).toBeGreaterThan(50);
  });
});

describe('two deliveries for a user who left the rule, in every order of their steps', () => {
  it('remove each app grant once, with one audit line each, and leave no ledger row', async () => {
    let started: SalesApp | undefined;
    const { schedules } = await exploreInterleavings({
      setup: async () => {
        started = await salesApp();
        await started.app.drain();
        leaveSales(started);
        return started.app;
      },
      workers: { A: delivery(() => started!.accountId), B: delivery(() => started!.accountId) },
      isStep,
      check: async (app) => {
        const { accountId } = started!;
        await app.drain();
        expect(inSalesTeam(app, accountId)).toBe(false);
        expect(holdsRole(app, accountId)).toBe(false);
        const { ledger, audit } = await ledgerAndAudit(app, accountId);
        expect(ledger).toEqual([]);
        expect(changes(audit, ['group-removed', 'role-removed']).sort()).toEqual([
          'group-removed sales-team',
          'role-removed Developers in SALES',
        ]);
      },
    });
    expect(schedules).toBeGreaterThan(20);
  });
});

describe("an admin's hand grant landing at any moment of a delivery", () => {
  /**
   * Which of the two put the user in sales-team: the admin, when the hand grant landed before the app read the
   * user's groups, or before its write when the write path says "already a member" (Jira's group API). The Admin
   * API's add answers success for an existing member, so a hand grant landing between the app's read and its write
   * cannot be told from the app's own and counts as the app's (README, Security).
   */
  function handGrantIsTheAdmins(schedule: readonly string[], writePath: WritePath): boolean {
    const hand = schedule.indexOf('H:hand grant of sales-team');
    const read = schedule.findIndex((s) => s.startsWith('A:GET /rest/api/3/user?'));
    const write = schedule.findIndex(
      (s) => s.startsWith('A:POST') && (s.includes('/memberships') || s.includes('/group/user')),
    );
    return hand < read || (writePath === 'impersonate-admin' && hand < write);
  }

  it.each<WritePath>(['impersonate-admin', 'org-admin-api'])(
    'is never removed when the rule stops matching, while what the app granted is (%s)',
    async (writePath) => {
      let started: SalesApp | undefined;
      const { schedules } = await exploreInterleavings({
        setup: async () => (started = await salesApp(writePath)).app,
        workers: {
          A: delivery(() => started!.accountId),
          H: async (app, _tag, point) => {
            await point('hand grant of sales-team');
            app.site.setGroupMembership(started!.accountId, 'sales-team', true);
          },
        },
        isStep,
        check: async (app, schedule) => {
          const { accountId } = started!;
          await app.drain();
          const { ledger, audit } = await ledgerAndAudit(app, accountId);
          expectEachGrantLedgeredOnce(app, accountId, ledger, audit);
          const admins = handGrantIsTheAdmins(schedule, writePath);
          expect(ledger.some((r) => r.grant.kind === 'group')).toBe(!admins);

          leaveSales(started!);
          await app.drain();
          expect(inSalesTeam(app, accountId)).toBe(admins);
          expect(holdsRole(app, accountId)).toBe(false);
          expect((await ledgerAndAudit(app, accountId)).ledger).toEqual([]);
        },
      });
      expect(schedules).toBeGreaterThan(3);
    },
  );
});

describe('a delivery killed at each of its steps, then retried once its lease has run out', () => {
  it('ends with every grant made, ledgered and audited once', async () => {
    // The steps of one uninterrupted delivery, to know where it can be killed.
    const baseline = await salesApp();
    const steps: string[] = [];
    baseline.app.platform.operationGate = (op) => {
      if (op.tag === 'A' && isStep(op)) steps.push(describeOperation(op));
      return Promise.resolve();
    };
    await delivery(() => baseline.accountId)(baseline.app, 'A', () => Promise.resolve());
    await baseline.app.close();
    expect(steps.length).toBeGreaterThanOrEqual(5);

    for (let killAt = 0; killAt <= steps.length; killAt++) {
      const { app, accountId } = await salesApp();
      let seen = 0;
      app.platform.operationGate = (op) => {
        if (op.tag === 'A' && isStep(op) && seen++ === killAt) op.kill();
        return Promise.resolve();
      };
      const killed = await delivery(() => accountId)(app, 'A', () => Promise.resolve());
      expect((killed as { record: { outcome: string } }).record.outcome).toBe(
        killAt < steps.length ? 'timeout' : 'success',
      );
      app.platform.operationGate = undefined;
      await app.advance(PAST_ANY_LEASE_MS);
      await delivery(() => accountId)(app, 'B', () => Promise.resolve());
      await app.drain();
      const { ledger, audit } = await ledgerAndAudit(app, accountId);
      expect({ killAt, kinds: ledger.map((r) => r.grant.kind).sort() }).toEqual({
        killAt,
        kinds: ['group', 'projectRole'],
      });
      expectEachGrantLedgeredOnce(app, accountId, ledger, audit);
      await app.close();
    }
  });
});
