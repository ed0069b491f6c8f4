// The group write path: the app's own account cannot write groups unless it is a site admin; the org key or a
// consenting site admin can. Refusals become one actionable health message, not silent failures.
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
  await configure(
    app,
    { ...base, sources: { ...base.sources, scim: { enabled: false, directoryId: null } }, groupWritePath },
    [
      rule({
        id: 'everyone',
        when: 'user.emailDomain -eq "acme.example"',
        grants: [groupGrant(app, 'confluence-engineering')],
      }),
    ],
  );
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

it('acting as a site admin: refused until that admin has used the app, then works', async () => {
  app = AppHarness.start();
  const adminId = app.credentials.siteAdmin.accountId;
  await app.close();
  await start({ mode: 'impersonate-admin', adminAccountId: adminId });
  const first = app.jitLogin('ian.early@acme.example', 'Ian');
  await app.drain();
  expect(app.groupNamesOf(first)).not.toContain('confluence-engineering');
  expect((await health('write-path'))?.message).toMatch(/has not used JIT Access yet/);

  app.platform.recordConsent(adminId); // the admin opens the app once
  const second = app.jitLogin('ivy.later@acme.example', 'Ivy');
  await app.drain();
  expect(app.groupNamesOf(second)).toContain('confluence-engineering');
});

it('acting as someone who is not a site admin: refused with advice', async () => {
  app = AppHarness.start();
  const jiraAdminId = app.credentials.jiraAdmin.accountId;
  await app.close();
  await start({ mode: 'impersonate-admin', adminAccountId: jiraAdminId });
  app.platform.recordConsent(jiraAdminId);
  const accountId = app.jitLogin('noel.nope@acme.example', 'Noel');
  await app.drain();
  expect(app.groupNamesOf(accountId)).not.toContain('confluence-engineering');
  expect((await health('write-path'))?.message).toMatch(/may not change groups/);
});
