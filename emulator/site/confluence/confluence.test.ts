// Confluence: v1 groups and members (site admins write; synced groups read-only), the v1 space-permission
// endpoint refusing apps and impersonation, v2 spaces and permission assignments with cursor paging.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

function groupId(t: ReturnType<typeof createTestSite>, name: string): string {
  const group = t.site.groups().find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.groupId;
}

describe('Confluence groups (v1)', () => {
  it('shares group ids with Jira and pages members, refusing limit above 200', async () => {
    const t = createTestSite();
    const id = groupId(t, 'confluence-users');
    const jira = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/group/bulk?groupName=confluence-users')).json,
    );
    expect(list(jira['values'])[0]?.['groupId']).toBe(id);
    const page = record(
      (await t.asApp('confluence', 'GET', `/wiki/rest/api/group/${id}/membersByGroupId?limit=5`)).json,
    );
    expect(page).toMatchObject({
      start: 0,
      limit: 5,
      size: 5,
      totalSize: t.site.groupMembers('confluence-users').length,
    });
    expect(typeof record(page['_links'])['next']).toBe('string');
    const tooMany = await t.asApp(
      'confluence',
      'GET',
      `/wiki/rest/api/group/${id}/membersByGroupId?limit=201`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ statusCode: 400 });
    expect(
      (await t.asApp('confluence', 'GET', '/wiki/rest/api/group/not-a-group/membersByGroupId')).status,
    ).toBe(400);
    const groups = record((await t.asApp('confluence', 'GET', '/wiki/rest/api/group?limit=3')).json);
    expect(list(groups['results'])).toHaveLength(3);
    const memberOf = record(
      (await t.asApp('confluence', 'GET', `/wiki/rest/api/user/memberof?accountId=${ordinaryJiraUser(t)}`))
        .json,
    );
    expect(list(memberOf['results']).length).toBeGreaterThan(0);
  });

  it('lets site admins add and remove by group id (204 even for a non-member); refuses apps with 403', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const id = groupId(t, 'confluence-people');
    const path = `/wiki/rest/api/group/userByGroupId?groupId=${id}`;
    const refused = await t.asApp('confluence', 'POST', path, { body: { accountId: user } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      statusCode: 403,
      message: expect.stringContaining('site admins') as unknown,
    });
    expect((await t.admin('confluence', 'POST', path, { body: { accountId: user } })).status).toBe(201);
    expect(t.site.account(user)?.groups).toContain('confluence-people');
    expect((await t.admin('confluence', 'DELETE', `${path}&accountId=${user}`)).status).toBe(204);
    expect((await t.admin('confluence', 'DELETE', `${path}&accountId=${user}`)).status).toBe(204);
    expect((await t.admin('confluence', 'POST', path, { body: { accountId: '712020:ghost' } })).status).toBe(
      400,
    );
    expect((await t.admin('confluence', 'DELETE', `${path}&accountId=712020:ghost`)).status).toBe(404);
    expect(
      (
        await t.admin('confluence', 'POST', '/wiki/rest/api/group/userByGroupId?groupId=nope', {
          body: { accountId: user },
        })
      ).status,
    ).toBe(404);
    const synced = await t.admin(
      'confluence',
      'POST',
      `/wiki/rest/api/group/userByGroupId?groupId=${groupId(t, 'idp-sales')}`,
      {
        body: { accountId: user },
      },
    );
    expect(synced.status).toBe(400);
  });

  it('refuses people without Confluence access', async () => {
    const t = createTestSite();
    const outsider = t.site.simulateInvite({ email: 'jira-only@partner.example' }).accountId;
    t.site.setGroupMembership(outsider, 'confluence-users', false);
    expect((await t.asUser(outsider, 'confluence', 'GET', '/wiki/rest/api/group')).status).toBe(403);
    expect((await t.asUser(outsider, 'confluence', 'GET', '/wiki/rest/api/user/current')).status).toBe(200);
  });

  it("lists administer on application in the current user's operations only for Confluence admins", async () => {
    const t = createTestSite();
    const operationsOf = async (accountId: string) => {
      const res = await t.asUser(
        accountId,
        'confluence',
        'GET',
        '/wiki/rest/api/user/current?expand=operations',
      );
      const body = res.json as { operations?: Array<{ operation: string; targetType: string }> };
      return (body.operations ?? []).map((o) => `${o.operation}:${o.targetType}`);
    };
    const { siteAdmin } = t.site.credentials();
    const member = t.site.simulateInvite({ email: 'member@acme.example' }).accountId;
    const confluenceAdmin = t.site.simulateInvite({ email: 'wiki.admin@acme.example' }).accountId;
    t.site.setGroupMembership(confluenceAdmin, 'confluence-admins', true);
    expect(await operationsOf(siteAdmin.accountId)).toContain('administer:application');
    expect(await operationsOf(confluenceAdmin)).toContain('administer:application');
    expect(await operationsOf(member)).toEqual(['use:application']);
    const plain = await t.asUser(member, 'confluence', 'GET', '/wiki/rest/api/user/current');
    expect((plain.json as Record<string, unknown>).operations).toBeUndefined();
  });
});

describe('Confluence space permissions', () => {
  it('refuses apps on the v1 space-permission endpoint, including impersonation, as documented', async () => {
    const t = createTestSite();
    const body = {
      subject: { type: 'group', identifier: groupId(t, 'finance-team') },
      operation: { key: 'read', target: 'space' },
    };
    const asApp = await t.asApp('confluence', 'POST', '/wiki/rest/api/space/ENG/permission', { body });
    expect(asApp.status).toBe(403);
    expect(record(asApp.json)['message']).toMatch(/Apps cannot access this REST resource/);
    const admin = t.site.credentials().siteAdmin.accountId;
    const impersonated = await t.asUser(admin, 'confluence', 'POST', '/wiki/rest/api/space/ENG/permission', {
      body,
      impersonated: true,
    });
    expect(impersonated.status).toBe(403);
    const asUser = await t.asUser(admin, 'confluence', 'POST', '/wiki/rest/api/space/ENG/permission', {
      body,
    });
    expect(asUser.status).toBe(403);
  });

  it('lets a space admin over Basic auth grant and revoke, with the documented 400s', async () => {
    const t = createTestSite();
    const finance = groupId(t, 'finance-team');
    const grant = (key: string) =>
      t.admin('confluence', 'POST', '/wiki/rest/api/space/ENG/permission', {
        body: { subject: { type: 'group', identifier: finance }, operation: { key, target: 'space' } },
      });
    expect((await grant('export')).status).toBe(400);
    const read = await grant('read');
    expect(read.status).toBe(200);
    expect(record(read.json)).toMatchObject({
      subject: { type: 'group', identifier: finance },
      operation: { key: 'read', target: 'space' },
    });
    expect((await grant('read')).status).toBe(400);
    const permissions = list(
      record((await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces/98305/permissions?limit=250')).json)[
        'results'
      ],
    );
    expect(permissions.some((p) => record(p['principal'])['id'] === finance)).toBe(true);
    const id = String(record(read.json)['id']);
    expect((await t.admin('confluence', 'DELETE', `/wiki/rest/api/space/ENG/permission/${id}`)).status).toBe(
      204,
    );
    const valid = {
      subject: { type: 'group', identifier: finance },
      operation: { key: 'read', target: 'space' },
    };
    expect(
      (await t.admin('confluence', 'POST', '/wiki/rest/api/space/NOPE/permission', { body: valid })).status,
    ).toBe(404);
    // A body the spec refuses never reaches the handler: 400, and the broken rule is recorded.
    expect(
      (await t.admin('confluence', 'POST', '/wiki/rest/api/space/ENG/permission', { body: {} })).status,
    ).toBe(400);
    // The DELETE above is served but is not in the trimmed spec: recorded as path.unknown.
    expect(t.violations.map((v) => v.violations[0]?.rule)).toEqual(['path.unknown', 'body.schema']);
  });
});

describe('Confluence spaces (v2)', () => {
  it('pages spaces with a cursor in _links.next and the Link header', async () => {
    const t = createTestSite();
    const first = await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces?limit=3');
    const body = record(first.json);
    expect(list(body['results']).map((s) => s['key'])).toEqual(['ENG', 'SALES', 'PEOPLE']);
    const next = String(record(body['_links'])['next']);
    expect(first.headers['link']).toContain(`<${next}>; rel="next"`);
    const second = record((await t.asApp('confluence', 'GET', next)).json);
    expect(list(second['results']).map((s) => s['key'])).toEqual(['HANDBOOK']);
    expect(record(second['_links'])['next']).toBeUndefined();
    expect((await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces?cursor=garbage')).status).toBe(400);
    expect((await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces?limit=0')).status).toBe(400);
    expect(
      list(
        record((await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces?keys=SALES,HANDBOOK')).json)[
          'results'
        ],
      ),
    ).toHaveLength(2);
  });

  it('shows people only the spaces their groups open, and 404s the rest', async () => {
    const t = createTestSite();
    const outsider = t.site.simulateInvite({ email: 'reader@partner.example' }).accountId;
    const visible = list(
      record((await t.asUser(outsider, 'confluence', 'GET', '/wiki/api/v2/spaces')).json)['results'],
    );
    expect(visible.map((s) => s['key'])).toEqual(['HANDBOOK']);
    expect((await t.asUser(outsider, 'confluence', 'GET', '/wiki/api/v2/spaces/98305')).status).toBe(404);
    expect(
      (await t.asUser(outsider, 'confluence', 'GET', '/wiki/api/v2/spaces/98305/permissions')).status,
    ).toBe(404);
    t.site.setGroupMembership(outsider, 'confluence-engineering', true);
    expect((await t.asUser(outsider, 'confluence', 'GET', '/wiki/api/v2/spaces/98305')).status).toBe(200);
    const page = record(
      (await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces/98305/permissions?limit=1')).json,
    );
    expect(list(page['results'])).toHaveLength(1);
    expect(typeof record(page['_links'])['next']).toBe('string');
  });
});
