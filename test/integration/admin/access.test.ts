// Admins only: every resolver key refuses ordinary members (and changes nothing), Jira administrators are let in
// from Jira's page, Confluence's page asks Confluence, and a permission check that cannot be made refuses.
import { ALL_RESOLVER_KEYS, ADMINS_ONLY_MESSAGE } from '../../../src/shared/contract';
import type { AppHarness } from '../../support/app-harness';
import {
  call,
  CONFLUENCE_PAGE,
  failureOf,
  inviteMember,
  samplePayloads,
  snapshot,
  startApp,
} from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

describe('who may call the admin resolvers', () => {
  it('refuses an ordinary member on every key, naming why, and changes nothing', async () => {
    app = startApp();
    const member = inviteMember(app, 'mallory');
    const payloads = samplePayloads(app, member);
    const before = snapshot(app);
    for (const key of ALL_RESOLVER_KEYS) {
      const reply = await call(app, member, key, payloads[key]);
      expect([key, reply.ok]).toEqual([key, false]);
      failureOf(reply, 'forbidden', /^Admins only: .*Jira administrators/);
    }
    expect(snapshot(app)).toEqual(before);
    // The only site call per key is the permission check itself.
    const checks = app.site.requestLog().filter((r) => r.path.startsWith('/rest/api/3/mypermissions'));
    expect(checks).toHaveLength(ALL_RESOLVER_KEYS.length);
    // …and one resolver invocation per key, each refused before doing anything else.
    const runs = app.platform.invocations.filter((r) => r.moduleKind === 'resolver');
    expect(runs).toHaveLength(ALL_RESOLVER_KEYS.length);
    expect(ADMINS_ONLY_MESSAGE).toMatch(/administrators/);
  });

  it('lets a Jira administrator who is not a site admin in from Jira’s page', async () => {
    app = startApp();
    const jiraAdmin = app.credentials.jiraAdmin.accountId;
    expect(app.groupNamesOf(jiraAdmin)).not.toContain('site-admins');
    const reply = await call(app, jiraAdmin, 'session.get', {});
    expect(reply).toEqual({
      ok: true,
      value: {
        accountId: jiraAdmin,
        product: 'jira',
        role: 'product-admin',
        orgSettingsReadOnly: expect.stringMatching(
          /site admins only\. You are a Jira administrator but not a site admin/,
        ) as unknown,
        licence: { state: 'active', mayAct: true, trialEndDate: null },
      },
    });
    const rules = await call(app, jiraAdmin, 'rules.list', {});
    expect(rules.ok).toBe(true);
  });

  it('asks Confluence from Confluence’s page: a member and a Jira-only administrator are refused', async () => {
    app = startApp();
    const member = inviteMember(app, 'mallory');
    const before = snapshot(app);
    for (const accountId of [member, app.credentials.jiraAdmin.accountId]) {
      const reply = await call(app, accountId, 'settings.get', {}, CONFLUENCE_PAGE);
      const error = failureOf(reply, 'forbidden', /^Admins only: .*Confluence administrators/);
      expect(error.fields).toBeUndefined();
    }
    expect(snapshot(app)).toEqual(before);
    const asked = app.site
      .requestLog()
      .filter((r) => r.path === '/wiki/rest/api/user/current?expand=operations' && r.principal === 'user');
    expect(asked).toHaveLength(2);
    expect(app.site.requestLog().some((r) => r.path.startsWith('/rest/api/3/mypermissions'))).toBe(false);
  });

  it('lets a Confluence administrator (not a site admin, not a Jira admin) in from Confluence’s page only', async () => {
    app = startApp();
    const wikiAdmin = inviteMember(app, 'wiki.admin');
    app.site.setGroupMembership(wikiAdmin, 'confluence-admins', true);
    expect(app.groupNamesOf(wikiAdmin)).not.toContain('site-admins');
    const fromConfluence = await call(app, wikiAdmin, 'session.get', {}, CONFLUENCE_PAGE);
    expect(fromConfluence).toEqual({
      ok: true,
      value: {
        accountId: wikiAdmin,
        product: 'confluence',
        role: 'product-admin',
        orgSettingsReadOnly: expect.stringMatching(
          /You are a Confluence administrator but not a site admin/,
        ) as unknown,
        licence: { state: 'active', mayAct: true, trialEndDate: null },
      },
    });
    expect((await call(app, wikiAdmin, 'rules.list', {}, CONFLUENCE_PAGE)).ok).toBe(true);
    // Jira's page asks Jira, where this person administers nothing.
    failureOf(await call(app, wikiAdmin, 'rules.list', {}), 'forbidden', /Jira administrators/);
  });

  it('refuses with "unavailable" when the permission check cannot be made, and does nothing', async () => {
    app = startApp();
    app.site.setFaults({ seed: 1, rules: [{ pathPrefix: '/rest/api/3/mypermissions', errorRate: 1 }] });
    const payloads = samplePayloads(app, app.credentials.siteAdmin.accountId);
    const before = snapshot(app);
    for (const key of ['rules.save', 'settings.setSecret', 'jobs.startPreview'] as const) {
      const reply = await call(app, app.credentials.siteAdmin.accountId, key, payloads[key]);
      failureOf(reply, 'unavailable', /Could not check that you are a Jira administrator/);
    }
    expect(snapshot(app)).toEqual(before);
  });

  it('refuses a call with no signed-in user', async () => {
    app = startApp();
    const reply = await call(app, '', 'rules.list', {});
    failureOf(reply, 'forbidden', /Admins only/);
  });
});
