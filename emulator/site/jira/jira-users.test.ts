// Jira user endpoints: happy paths, documented refusals, paging (including app accounts), and auth.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

describe('Jira users', () => {
  it('/myself answers as the calling account: the app, a user, or a Basic-auth admin', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    expect(record((await t.asApp('jira', 'GET', '/rest/api/3/myself')).json)).toMatchObject({
      accountId: t.appAccountId,
      accountType: 'app',
      displayName: 'JIT Access',
    });
    expect(record((await t.asUser(user, 'jira', 'GET', '/rest/api/3/myself')).json)['accountId']).toBe(user);
    expect(record((await t.admin('jira', 'GET', '/rest/api/3/myself')).json)['accountId']).toBe(
      t.site.credentials().siteAdmin.accountId,
    );
  });

  it('refuses requests without a principal, with bad Basic credentials, or as an unknown user', async () => {
    const t = createTestSite();
    expect((await t.call('jira', 'GET', '/rest/api/3/myself', { kind: 'none' })).status).toBe(401);
    const bad = await t.basic(
      t.site.credentials().siteAdmin.email,
      'wrong-token',
      'jira',
      'GET',
      '/rest/api/3/myself',
    );
    expect(bad.status).toBe(401);
    expect(bad.json).toMatchObject({ errorMessages: [expect.stringContaining('authenticated')], errors: {} });
    expect((await t.call('jira', 'GET', '/rest/api/3/myself', { kind: 'http' })).status).toBe(401);
    expect((await t.asUser('712020:nobody', 'jira', 'GET', '/rest/api/3/myself')).status).toBe(401);
  });

  it('/user expands groups (IdP-synced ones included) and application roles', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const plain = record((await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${user}`)).json);
    expect(record(plain['groups'])['items']).toEqual([]);
    expect(record(plain['groups'])['size']).toBe(t.site.userGroups(user).length);
    const expanded = record(
      (await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${user}&expand=groups,applicationRoles`))
        .json,
    );
    const names = list(record(expanded['groups'])['items']).map((g) => g['name']);
    expect(names).toEqual(t.site.userGroups(user).map((g) => g.name));
    expect(names.some((n) => String(n).startsWith('idp-'))).toBe(true);
    expect(list(record(expanded['applicationRoles'])['items']).map((r) => r['key'])).toEqual([
      'jira-software',
    ]);
  });

  it('/user: 404 for an unknown account, 400 (and a recorded rule) without accountId, 403 without Browse users', async () => {
    const t = createTestSite();
    expect((await t.asApp('jira', 'GET', '/rest/api/3/user?accountId=712020:unknown')).status).toBe(404);
    const missing = await t.asApp('jira', 'GET', '/rest/api/3/user');
    expect(missing.status).toBe(400);
    expect(t.violations.map((v) => v.violations[0]?.rule)).toEqual(['query.required']);
    const outsider = t.site.simulateInvite({ email: 'outsider@partner.example' }).accountId;
    t.site.setGroupMembership(outsider, 'jira-software-users', false);
    expect((await t.asUser(outsider, 'jira', 'GET', `/rest/api/3/user?accountId=${outsider}`)).status).toBe(
      403,
    );
  });

  it('shows managed emails, hides unmanaged ones, and /user/email(/bulk) serve asApp only', async () => {
    const t = createTestSite();
    const managed = ordinaryJiraUser(t);
    const guest = t.site.simulateInvite({ email: 'guest@partner.example' }).accountId;
    expect(
      record((await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${managed}`)).json)['emailAddress'],
    ).toBe(t.site.account(managed)?.email);
    expect(
      record((await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${guest}`)).json)['emailAddress'],
    ).toBeUndefined();
    expect((await t.asApp('jira', 'GET', `/rest/api/3/user/email?accountId=${guest}`)).json).toEqual({
      accountId: guest,
      email: 'guest@partner.example',
    });
    const bulk = await t.asApp(
      'jira',
      'GET',
      `/rest/api/3/user/email/bulk?accountId=${guest}&accountId=${managed}`,
    );
    expect(list(bulk.json).map((e) => e['accountId'])).toEqual([guest, managed]);
    const asUser = await t.asUser(managed, 'jira', 'GET', `/rest/api/3/user/email?accountId=${guest}`);
    expect(asUser.status).toBe(401);
    expect((await t.admin('jira', 'GET', `/rest/api/3/user/email/bulk?accountId=${guest}`)).status).toBe(401);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/user/email?accountId=712020:nobody')).status).toBe(404);
  });

  it('/user/groups lists a user’s groups sorted by name', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const reply = await t.asApp('jira', 'GET', `/rest/api/3/user/groups?accountId=${user}`);
    expect(list(reply.json).map((g) => g['name'])).toEqual(t.site.userGroups(user).map((g) => g.name));
    expect((await t.asApp('jira', 'GET', '/rest/api/3/user/groups?accountId=712020:nobody')).status).toBe(
      404,
    );
  });

  it('/users/search pages every account, app accounts and inactive ones included; maxResults caps at 1000', async () => {
    const t = createTestSite();
    const total = t.site.accounts().total;
    const seen: Array<Record<string, unknown>> = [];
    for (let startAt = 0; ; startAt += 25) {
      const page = list(
        (await t.asApp('jira', 'GET', `/rest/api/3/users/search?startAt=${startAt}&maxResults=25`)).json,
      );
      seen.push(...page);
      if (page.length < 25) break;
    }
    expect(seen).toHaveLength(total);
    expect(seen.some((u) => u['accountType'] === 'app')).toBe(true);
    expect(seen.some((u) => u['active'] === false)).toBe(true);
    expect(list((await t.asApp('jira', 'GET', `/rest/api/3/users?startAt=${total}`)).json)).toEqual([]);
    expect(
      list((await t.asApp('jira', 'GET', '/rest/api/3/users/search?maxResults=5000')).json),
    ).toHaveLength(total);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/users/search?maxResults=0')).json).toEqual([]);
  });

  it('/user/bulk pages the requested accounts and /user/search finds active people by name', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const admin = t.site.credentials().siteAdmin.accountId;
    const bulk = record(
      (
        await t.asApp(
          'jira',
          'GET',
          `/rest/api/3/user/bulk?accountId=${user}&accountId=${admin}&maxResults=1`,
        )
      ).json,
    );
    expect(bulk).toMatchObject({ total: 2, maxResults: 1, isLast: false });
    expect(typeof bulk['nextPage']).toBe('string');
    const found = list((await t.asApp('jira', 'GET', '/rest/api/3/user/search?query=avery')).json);
    expect(found.map((u) => u['accountId'])).toEqual([admin]);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/user/search')).status).toBe(400);
  });
});
