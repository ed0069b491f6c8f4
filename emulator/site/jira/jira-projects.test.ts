// Jira projects and project roles: search paging and caps, role lookups, adding and removing actors with the
// statuses the spec documents for refusals (401 on POST, 404 on GET/DELETE), and /role for admins only.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

describe('Jira projects', () => {
  it('/project/search pages projects by key and shows people only the projects they can browse', async () => {
    const t = createTestSite();
    // The spec declares maximum 100 (its prose says larger values fall back to 100; the validator is stricter).
    const all = record((await t.asApp('jira', 'GET', '/rest/api/3/project/search?maxResults=100')).json);
    expect(all).toMatchObject({ maxResults: 100, total: 4, isLast: true });
    expect(list(all['values']).map((p) => p['key'])).toEqual(['ENG', 'FIN', 'SALES', 'SUP']);
    const second = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/project/search?startAt=1&maxResults=1')).json,
    );
    expect(list(second['values']).map((p) => p['key'])).toEqual(['FIN']);
    expect(typeof second['nextPage']).toBe('string');
    const filtered = record((await t.asApp('jira', 'GET', '/rest/api/3/project/search?query=sales')).json);
    expect(filtered['total']).toBe(1);
    const newcomer = t.site.simulateInvite({ email: 'only-jira@partner.example' }).accountId;
    const visible = record((await t.asUser(newcomer, 'jira', 'GET', '/rest/api/3/project/search')).json);
    expect(list(visible['values']).map((p) => p['key'])).toEqual(['ENG', 'SUP']);
  });

  it('/project/search names each project lead only when asked with expand=lead, and filters by id', async () => {
    const t = createTestSite();
    const plain = record((await t.asApp('jira', 'GET', '/rest/api/3/project/search?id=10000')).json);
    expect(list(plain['values']).map((p) => p['key'])).toEqual(['ENG']);
    expect(list(plain['values'])[0]).not.toHaveProperty('lead');
    const led = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/project/search?id=10000&expand=lead')).json,
    );
    const lead = record(list(led['values'])[0]?.['lead']);
    expect(lead['accountId']).toBe(t.site.credentials().jiraAdmin.accountId);
    expect(typeof lead['displayName']).toBe('string');
  });

  it('lists the roles of a project, and the site-wide roles for admins only', async () => {
    const t = createTestSite();
    const roles = record((await t.asApp('jira', 'GET', '/rest/api/3/project/ENG/role')).json);
    expect(Object.keys(roles).sort()).toEqual(['Administrators', 'Developers', 'Users', 'Viewers']);
    expect(roles['Developers']).toBe(`${t.site.siteUrl}/rest/api/3/project/10000/role/10000`);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/project/NOPE/role')).status).toBe(404);
    expect(list((await t.asApp('jira', 'GET', '/rest/api/3/role')).json)).toHaveLength(4);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/role/10002')).status).toBe(200);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/role/999')).status).toBe(404);
    const user = ordinaryJiraUser(t);
    expect((await t.asUser(user, 'jira', 'GET', '/rest/api/3/role')).status).toBe(403);
    expect((await t.asUser(user, 'jira', 'GET', '/rest/api/3/project/ENG/role')).status).toBe(404);
  });

  it('adds and removes user and group actors, auditing each change', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const added = await t.asApp('jira', 'POST', '/rest/api/3/project/ENG/role/10003', {
      body: { user: [user], group: ['finance-team'] },
    });
    expect(added.status).toBe(200);
    const actors = list(record(added.json)['actors']);
    expect(actors.map((a) => a['type']).sort()).toEqual([
      'atlassian-group-role-actor',
      'atlassian-user-role-actor',
    ]);
    expect(t.site.projectRoleActors('ENG', 'Viewers')).toEqual({ users: [user], groups: ['finance-team'] });
    expect(
      t.site
        .auditRecords()
        .slice(-2)
        .map((r) => r.summary),
    ).toEqual(['Project roles changed', 'Project roles changed']);
    const again = await t.asApp('jira', 'POST', '/rest/api/3/project/ENG/role/10003', {
      body: { user: [user] },
    });
    expect(again.status).toBe(400);
    expect((await t.asApp('jira', 'DELETE', `/rest/api/3/project/ENG/role/10003?user=${user}`)).status).toBe(
      204,
    );
    expect((await t.asApp('jira', 'DELETE', `/rest/api/3/project/ENG/role/10003?user=${user}`)).status).toBe(
      404,
    );
    expect(
      (await t.asApp('jira', 'DELETE', '/rest/api/3/project/ENG/role/10003?group=finance-team')).status,
    ).toBe(204);
    expect(t.site.projectRoleActors('ENG', 10003)).toEqual({ users: [], groups: [] });
  });

  it('refuses bad actors: unknown or inactive users, unknown groups, empty bodies; nothing is half-applied', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const inactive =
      t.site.accounts(0, 100).accounts.find((a) => a.accountType === 'atlassian' && !a.active)?.accountId ??
      '';
    expect(
      (
        await t.asApp('jira', 'POST', '/rest/api/3/project/ENG/role/10003', {
          body: { user: [user, '712020:ghost'] },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.asApp('jira', 'POST', '/rest/api/3/project/ENG/role/10003', { body: { user: [inactive] } }))
        .status,
    ).toBe(404);
    expect(
      (await t.asApp('jira', 'POST', '/rest/api/3/project/ENG/role/10003', { body: { group: ['ghosts'] } }))
        .status,
    ).toBe(404);
    expect((await t.asApp('jira', 'POST', '/rest/api/3/project/ENG/role/10003', { body: {} })).status).toBe(
      400,
    );
    expect(t.site.projectRoleActors('ENG', 10003).users).toEqual([]);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/project/ENG/role/4242')).status).toBe(404);
  });

  it('refuses non-admins: 401 on POST, 404 on GET and DELETE, as the spec documents', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    expect(
      (await t.asUser(user, 'jira', 'POST', '/rest/api/3/project/ENG/role/10003', { body: { user: [user] } }))
        .status,
    ).toBe(401);
    expect((await t.asUser(user, 'jira', 'GET', '/rest/api/3/project/ENG/role/10003')).status).toBe(404);
    expect(
      (await t.asUser(user, 'jira', 'DELETE', `/rest/api/3/project/ENG/role/10003?user=${user}`)).status,
    ).toBe(404);
  });

  it('serves an issue to people who can browse its project, and queues notifications', async () => {
    const t = createTestSite();
    expect(record((await t.asApp('jira', 'GET', '/rest/api/3/issue/ENG-1')).json)['key']).toBe('ENG-1');
    expect((await t.asApp('jira', 'GET', '/rest/api/3/issue/ENG-404')).status).toBe(404);
    const user = ordinaryJiraUser(t);
    const sent = await t.asApp('jira', 'POST', '/rest/api/3/issue/ENG-1/notify', {
      body: { subject: 'Access granted', textBody: 'hi', to: { users: [{ accountId: user }] } },
    });
    expect(sent.status).toBe(204);
    expect(t.site.notifications()).toEqual([
      expect.objectContaining({
        issueKey: 'ENG-1',
        subject: 'Access granted',
        textBody: 'hi',
        byAccountId: t.appAccountId,
      }),
    ]);
  });
});
