// Attribute changes reconcile access: grants of `revoke` rules go when no rule justifies them; hand-made ones stay;
// a user whose interrupted changes are finished first is planned from the groups they left.
import { AppHarness } from '../../support/app-harness';
import { queryAudit } from '../../../src/storage/audit-repository';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { runtimeDeps } from '../../../src/entry/runtime';
import { grantKey } from '../../../src/domain/rules';
import { runProvisionWork } from '../../../src/services/provisioning/run-provision-work';
import { commitProvisioningWrites } from '../../../src/storage/provisioning-writes';
import { configure, groupGrant, orgApiSettings, rule, scimProfile } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

it('removes a revoke rule’s grant after a department change and keeps a grant an admin made by hand', async () => {
  app = AppHarness.start();
  await configure(app, orgApiSettings(app), [
    rule({
      id: 'sales-team',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team')],
      onUnmatch: 'revoke',
    }),
    rule({
      id: 'sales-wiki',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'confluence-sales')],
      onUnmatch: 'keep',
    }),
    rule({
      id: 'eng',
      when: 'user.department -eq "Engineering"',
      grants: [groupGrant(app, 'jira-developers')],
      onUnmatch: 'revoke',
    }),
  ]);
  const email = 'dana.mover@acme.example';
  const accountId = app.jitLogin(email, 'Dana Mover');
  const scim = app.site.scim.createUser(scimProfile(email, 'Dana Mover', 'Sales'));
  await app.drain();
  expect(app.groupNamesOf(accountId)).toEqual([
    'confluence-sales',
    'confluence-users',
    'jira-software-users',
    'sales-team',
  ]);

  // An admin adds Dana to marketing-team by hand: never the app's to remove.
  app.site.setGroupMembership(accountId, 'marketing-team', true);
  // The IdP moves Dana to Engineering: SCIM replaces the profile and the site emits avi:jira:updated:user.
  app.site.scim.replaceUser(
    String(scim.id),
    scimProfile(email, 'Dana Mover', 'Engineering', 'Software Engineer'),
  );
  await app.drain();

  expect(app.groupNamesOf(accountId)).toEqual([
    'confluence-sales', // granted by a `keep` rule: kept
    'confluence-users',
    'jira-developers', // Engineering rule
    'jira-software-users',
    'marketing-team', // by hand: untouched
  ]);
  const { ledger, audit } = await app.inApp(async () => ({
    ledger: await ledgerForAccount(accountId),
    audit: (await queryAudit({ accountId, limit: 50 })).entries,
  }));
  expect(
    ledger.map((l) => `${l.grant.kind === 'group' ? l.grant.groupName : ''}:${l.ruleId}`).sort(),
  ).toEqual(['confluence-sales:sales-wiki', 'jira-developers:eng']);
  const removal = audit.find((a) => a.action === 'group-removed');
  expect(removal).toMatchObject({ targetName: 'sales-team', ruleId: 'sales-team', outcome: 'success' });
  expect(removal?.reason).toMatch(/sales-team|no longer/i);
  expect(audit.filter((a) => a.action === 'group-removed')).toHaveLength(1);
});

it('plans from the groups an interrupted run’s finished removal left, not from those read before finishing it', async () => {
  app = AppHarness.start();
  const salesTeam = groupGrant(app, 'sales-team');
  await configure(app, orgApiSettings(app), [
    rule({
      id: 'sales-wiki',
      when: 'user.groups -any (_ -eq "sales-team")',
      grants: [groupGrant(app, 'confluence-sales')],
      onUnmatch: 'revoke',
    }),
  ]);
  const accountId = app.jitLogin('rhea.leaver@acme.example', 'Rhea Leaver');
  app.site.setGroupMembership(accountId, 'sales-team', true);
  // A run that was killed while taking sales-team away (its rule no longer justified it): the site still has the
  // membership, the ledger the unfinished removal, and the killed run's lease has run out.
  await app.inApp(() =>
    commitProvisioningWrites({
      claimLedger: [
        {
          row: {
            accountId,
            grantKey: grantKey(salesTeam),
            ruleId: 'gone',
            state: 'removing',
            intentAt: app.clock.now() - 60_000,
            grantedAt: app.clock.now() - 86_400_000,
            grant: salesTeam,
            runId: 'killed-run',
            holder: 'killed-invocation',
            leaseUntil: app.clock.now() - 1,
          },
          expect: 'absent',
        },
      ],
    }),
  );
  await app.inApp(() =>
    runProvisionWork(
      { accountIds: [accountId], source: 'manual', runId: 'after-the-kill', attempt: 0, released: true },
      runtimeDeps(),
    ),
  );
  // The removal is finished, and the wiki group — granted only to members of sales-team — is not given.
  expect(app.groupNamesOf(accountId)).not.toContain('sales-team');
  expect(app.groupNamesOf(accountId)).not.toContain('confluence-sales');
  const ledger = await app.inApp(() => ledgerForAccount(accountId));
  expect(ledger).toEqual([]);
});
