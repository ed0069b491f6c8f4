// The group write path: the app's own account cannot write groups unless it is a site admin; the org key or a
// site admin who can use the app can (Forge impersonates only users with access to the app; there is no consent
// step). Refusals become one actionable health message, not silent failures.
import { AppHarness } from '../../support/app-harness';
import { allHealth } from '../../../src/storage/health-repository';
import { getUserState } from '../../../src/storage/user-state-repository';
import { configure, groupGrant, orgApiSettings, rule } from './provisioning-setup';
import type { AppSettings } from '../../../src/shared/settings';

let app: AppHarness;
afterEach(() => app.close());

async function start(groupWritePath: AppSettings['groupWritePath']) {
  app = AppHarness.start();
  const base = orgApiSettings(app);
  await configure(app, { ...base, sources: { ...base.sources, scim: { enabled: false } }, groupWritePath }, [
    rule({
      id: 'everyone',
      when: 'user.emailDomain -eq "acme.example"',
      grants: [groupGrant(app, 'confluence-engineering')],
    }),
  ]);
}

async function health(component: string) {
  return app.inApp(async () => (await allHealth()).find((h) => h.component === component));
}

it('as the app account without site-admin: refused, with the actionable message in health and on the user', async () => {
  await start({ mode: 'app-account' });
  const accountId = app.jitLogin('ari.app@acme.example', 'Ari App');
  await app.drain();
  expect(app.groupNamesOf(accountId)).not.toContain('confluence-engineering');
  const pathHealth = await health('write-path');
  expect(pathHealth?.ok).toBe(false);
  expect(pathHealth?.message).toMatch(
    /cannot add users to groups: its own account is not a site admin.*org API key.*site admin to act as/,
  );
  const state = await app.inApp(() => getUserState(accountId));
  expect(state).toMatchObject({ status: 'failed' });
  expect(state?.message).toMatch(/not a site admin/);
});

it('as the app account once it is in site-admins: works', async () => {
  await start({ mode: 'app-account' });
  app.site.setGroupMembership(app.appAccountId, 'site-admins', true);
  const accountId = app.jitLogin('sam.siteadmin@acme.example', 'Sam');
  await app.drain();
  expect(app.groupNamesOf(accountId)).toContain('confluence-engineering');
  expect((await health('write-path'))?.ok).toBe(true);
});

it('with the org API key: works', async () => {
  await start({ mode: 'org-admin-api' });
  const accountId = app.jitLogin('olga.org@acme.example', 'Olga');
  await app.drain();
  expect(app.groupNamesOf(accountId)).toContain('confluence-engineering');
});

it('acting as a site admin: works at once, without that admin ever opening the app', async () => {
  app = AppHarness.start();
  const adminId = app.credentials.siteAdmin.accountId;
  await app.close();
  await start({ mode: 'impersonate-admin', adminAccountId: adminId });
  const accountId = app.jitLogin('ian.early@acme.example', 'Ian');
  await app.drain();
  expect(app.groupNamesOf(accountId)).toContain('confluence-engineering');
  expect((await health('write-path'))?.ok).toBe(true);
});

it('acting as a site admin who cannot use the app (no Jira or Confluence access): refused with advice, then works once they can', async () => {
  app = AppHarness.start();
  const adminId = app.credentials.siteAdmin.accountId;
  await app.close();
  await start({ mode: 'impersonate-admin', adminAccountId: adminId });
  // The app serves Jira and Confluence: who has either can use it.
  for (const group of ['jira-software-users', 'confluence-users'])
    app.site.setGroupMembership(adminId, group, false);
  const first = app.jitLogin('ivo.early@acme.example', 'Ivo');
  await app.drain();
  expect(app.groupNamesOf(first)).not.toContain('confluence-engineering');
  expect((await health('write-path'))?.message).toMatch(
    /cannot act as .*: Forge lets an app act only as someone who can use it \(an active account with access to Jira or Confluence on this site\)/,
  );

  app.site.setGroupMembership(adminId, 'jira-software-users', true);
  const second = app.jitLogin('ivy.later@acme.example', 'Ivy');
  await app.drain();
  expect(app.groupNamesOf(second)).toContain('confluence-engineering');
});

it('acting as someone who is not a site admin: refused with advice', async () => {
  app = AppHarness.start();
  const jiraAdminId = app.credentials.jiraAdmin.accountId;
  await app.close();
  await start({ mode: 'impersonate-admin', adminAccountId: jiraAdminId });
  const accountId = app.jitLogin('noel.nope@acme.example', 'Noel');
  await app.drain();
  expect(app.groupNamesOf(accountId)).not.toContain('confluence-engineering');
  expect((await health('write-path'))?.message).toMatch(/may not change groups/);
});
