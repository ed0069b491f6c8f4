// Jira admin reads: application roles with seats, the audit log's from/to/filter/offset/limit, mypermissions'
// ADMINISTER from site-admins or jira-administrators, serverInfo.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

describe('Jira application roles', () => {
  it('reports users, seats and default groups; refuses non-admins with 403; 404 for an unknown key', async () => {
    const t = createTestSite();
    const roles = list((await t.asApp('jira', 'GET', '/rest/api/3/applicationrole')).json);
    expect(roles.map((r) => r['key'])).toEqual(['jira-software']);
    const jira = roles[0] ?? {};
    expect(jira).toMatchObject({
      defaultGroups: ['jira-software-users'],
      numberOfSeats: 75,
      hasUnlimitedSeats: false,
    });
    const licensed = t.site.groupMembers('jira-software-users').filter((id) => {
      const a = t.site.account(id);
      return a?.active && a.accountType === 'atlassian';
    });
    expect(jira['userCount']).toBe(licensed.length);
    expect(jira['remainingSeats']).toBe(75 - licensed.length);
    expect((await t.asUser(ordinaryJiraUser(t), 'jira', 'GET', '/rest/api/3/applicationrole')).status).toBe(
      403,
    );
    expect((await t.asApp('jira', 'GET', '/rest/api/3/applicationrole/jira-software')).status).toBe(200);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/applicationrole/confluence')).status).toBe(404);
  });

  it('frees a seat when a user is suspended in the org, and takes it back on restore', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const count = async () =>
      list((await t.asApp('jira', 'GET', '/rest/api/3/applicationrole')).json)[0]?.['userCount'];
    const before = Number(await count());
    const { orgId, directoryId } = t.site.credentials();
    await t.org('POST', `/admin/v2/orgs/${orgId}/directories/${directoryId}/users/${user}/suspend`);
    expect(Number(await count())).toBe(before - 1);
    expect(record((await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${user}`)).json)['active']).toBe(
      false,
    );
    await t.org('POST', `/admin/v2/orgs/${orgId}/directories/${directoryId}/users/${user}/restore`);
    expect(Number(await count())).toBe(before);
  });
});

describe('Jira audit log', () => {
  it('filters by from/to, by every filter term, pages with offset/limit, newest first', async () => {
    const t = createTestSite();
    const day = 86_400_000;
    const a = t.site.simulateJitLogin({ email: 'a@acme.example', displayName: 'Alpha' }).accountId;
    t.clock.advance(day);
    const b = t.site.simulateJitLogin({ email: 'b@acme.example', displayName: 'Bravo' }).accountId;
    const all = record((await t.asApp('jira', 'GET', '/rest/api/3/auditing/record')).json);
    expect(all).toMatchObject({ offset: 0, limit: 1000, total: 6 });
    const records = list(all['records']);
    expect(records[records.length - 1]).toMatchObject({ summary: 'User created', objectItem: { id: a } });
    const since = new Date(t.clock.now() - 1000).toISOString();
    const recent = record(
      (await t.asApp('jira', 'GET', `/rest/api/3/auditing/record?from=${encodeURIComponent(since)}`)).json,
    );
    expect(recent['total']).toBe(3);
    const created = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/auditing/record?filter=user%20created')).json,
    );
    expect(list(created['records']).map((r) => record(r['objectItem'])['id'])).toEqual([b, a]);
    const page = record((await t.asApp('jira', 'GET', '/rest/api/3/auditing/record?offset=5&limit=3')).json);
    expect(list(page['records'])).toHaveLength(1);
    const inverted = `from=${encodeURIComponent(new Date(t.clock.now()).toISOString())}&to=${encodeURIComponent(new Date(0).toISOString())}`;
    expect(
      record((await t.asApp('jira', 'GET', `/rest/api/3/auditing/record?${inverted}`)).json)['total'],
    ).toBe(0);
    expect(
      list(
        record(
          (await t.asApp('jira', 'GET', '/rest/api/3/auditing/record?filter=nothing-matches-this')).json,
        )['records'],
      ),
    ).toEqual([]);
  });

  it('refuses non-admins with 403 and a malformed date with 400 naming the rule', async () => {
    const t = createTestSite();
    expect((await t.asUser(ordinaryJiraUser(t), 'jira', 'GET', '/rest/api/3/auditing/record')).status).toBe(
      403,
    );
    expect((await t.asApp('jira', 'GET', '/rest/api/3/auditing/record?from=yesterday-ish')).status).toBe(400);
    expect(t.violations.map((v) => v.violations[0]?.rule)).toEqual(['query.format']);
  });
});

describe('Jira /mypermissions', () => {
  it('computes ADMINISTER from site-admins or jira-administrators membership', async () => {
    const t = createTestSite();
    const { siteAdmin, jiraAdmin } = t.site.credentials();
    const user = ordinaryJiraUser(t);
    const has = async (accountId: string, key: string) =>
      record(
        record(
          record(
            (await t.asUser(accountId, 'jira', 'GET', `/rest/api/3/mypermissions?permissions=${key}`)).json,
          )['permissions'],
        )[key],
      )['havePermission'];
    expect(await has(siteAdmin.accountId, 'ADMINISTER')).toBe(true);
    expect(await has(jiraAdmin.accountId, 'ADMINISTER')).toBe(true);
    expect(await has(user, 'ADMINISTER')).toBe(false);
    expect(await has(user, 'BROWSE_PROJECTS')).toBe(true);
    expect(await has(jiraAdmin.accountId, 'SYSTEM_ADMIN')).toBe(false);
    t.site.setGroupMembership(user, 'jira-administrators', true);
    expect(await has(user, 'ADMINISTER')).toBe(true);
  });

  it('needs the permissions parameter and known keys; 404 for an unknown project', async () => {
    const t = createTestSite();
    expect((await t.asApp('jira', 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
    expect(
      (await t.asApp('jira', 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=NOPE'))
        .status,
    ).toBe(404);
  });

  it('serves /serverInfo with the site URL and the emulated server time', async () => {
    const t = createTestSite();
    const info = record((await t.asApp('jira', 'GET', '/rest/api/3/serverInfo')).json);
    expect(info['baseUrl']).toBe(t.site.siteUrl);
    expect(info['serverTime']).toBe(new Date(t.clock.now()).toISOString().replace('Z', '+0000'));
  });
});
