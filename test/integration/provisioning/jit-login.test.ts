// A SAML JIT login ends with exactly the access the rules call for, recorded once, however often it is noticed.
import { AppHarness } from '../../support/app-harness';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { queryAudit } from '../../../src/storage/audit-repository';
import { allHealth } from '../../../src/storage/health-repository';
import {
  configure,
  groupGrant,
  orgApiSettings,
  rule,
  SALES_DEVELOPERS,
  scimProfile,
} from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

async function salesSetup(options: Parameters<typeof AppHarness.start>[0] = {}) {
  app = AppHarness.start(options);
  await configure(app, orgApiSettings(app), [
    rule({
      id: 'sales',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team'), groupGrant(app, 'confluence-sales'), SALES_DEVELOPERS],
    }),
    rule({
      id: 'engineering',
      when: 'user.department -eq "Engineering"',
      grants: [groupGrant(app, 'jira-developers')],
    }),
  ]);
}

function loginSalesPerson(email = 'sam.seller@acme.example'): string {
  const accountId = app.jitLogin(email, 'Sam Seller');
  app.site.scim.createUser(scimProfile(email, 'Sam Seller', 'Sales'));
  return accountId;
}

async function recorded(accountId: string) {
  return app.inApp(async () => ({
    ledger: await ledgerForAccount(accountId),
    audit: (await queryAudit({ accountId, limit: 100 })).entries,
  }));
}

describe('JIT login of a Sales user', () => {
  it('grants exactly the rule’s groups and project role, one ledger entry per grant, one audit entry per change', async () => {
    await salesSetup();
    const accountId = loginSalesPerson();
    await app.drain();

    expect(app.groupNamesOf(accountId)).toEqual([
      'confluence-sales',
      'confluence-users',
      'jira-software-users',
      'sales-team',
    ]);
    expect(app.site.projectRoleActors('SALES', 'Developers').users).toEqual([accountId]);
    const { ledger, audit } = await recorded(accountId);
    expect(ledger.map((l) => [l.grantKey, l.ruleId, l.state]).sort()).toEqual(
      [
        [
          `group:${groupGrant(app, 'confluence-sales').kind === 'group' ? (groupGrant(app, 'confluence-sales') as { groupId: string }).groupId : ''}`,
          'sales',
          'granted',
        ],
        [`group:${(groupGrant(app, 'sales-team') as { groupId: string }).groupId}`, 'sales', 'granted'],
        ['role:10001:10000', 'sales', 'granted'],
      ].sort(),
    );
    expect(audit.map((a) => [a.action, a.targetName, a.outcome]).sort()).toEqual(
      [
        ['group-added', 'confluence-sales', 'success'],
        ['group-added', 'sales-team', 'success'],
        ['role-added', 'Developers in SALES', 'success'],
      ].sort(),
    );
    // The created events (Jira and Confluence) and the SCIM update were coalesced into one run.
    expect(app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer')).toHaveLength(1);
  });

  it('ends in the same state with no duplicate audit entries when the event is delivered twice and the backstop sees the user too', async () => {
    await salesSetup({ duplicateDeliveryRate: 1 });
    const accountId = loginSalesPerson();
    await app.drain();
    await app.platform.runScheduled('backstop-every-five-minutes');
    await app.drain();
    await app.advance(10 * 60_000);
    await app.drain();

    expect(app.groupNamesOf(accountId)).toEqual([
      'confluence-sales',
      'confluence-users',
      'jira-software-users',
      'sales-team',
    ]);
    const { ledger, audit } = await recorded(accountId);
    expect(ledger).toHaveLength(3);
    expect(audit.filter((a) => a.outcome === 'success')).toHaveLength(3);
    expect(app.platform.invocations.filter((r) => r.moduleKind === 'trigger').length).toBeGreaterThanOrEqual(
      6,
    );
  });
});

describe('with provisioning switched off', () => {
  it('leaves a new user as the site made them and says so in the health record', async () => {
    app = AppHarness.start();
    const settings = orgApiSettings(app);
    await configure(app, { ...settings, provisioning: { ...settings.provisioning, enabled: false } }, [
      rule({ id: 'sales', when: 'user.department -eq "Sales"', grants: [groupGrant(app, 'sales-team')] }),
    ]);
    const accountId = loginSalesPerson();
    await app.drain();

    expect(app.groupNamesOf(accountId)).not.toContain('sales-team');
    const { ledger, audit } = await recorded(accountId);
    expect(ledger).toEqual([]);
    expect(audit).toEqual([]);
    const health = await app.inApp(() => allHealth());
    expect(health.find((h) => h.component === 'provisioning')?.message).toMatch(/switched off/);
  });
});
