// Jira groups: memberships need a site admin (an app only if its account is one), "already a member" is a
// 400, IdP-synced groups are read-only, and group/member and group/bulk page like Jira.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

describe('Jira group membership writes', () => {
  it('refuses asApp with 403 unless the app account is in site-admins', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const path = '/rest/api/3/group/user?groupname=confluence-people';
    const refused = await t.asApp('jira', 'POST', path, { body: { accountId: user } });
    expect(refused.status).toBe(403);
    expect(record(refused.json)['errorMessages']).toEqual([expect.stringContaining('site-admins')]);
    t.site.setGroupMembership(t.appAccountId, 'site-admins', true);
    const added = await t.asApp('jira', 'POST', path, { body: { accountId: user } });
    expect(added.status).toBe(201);
    expect(record(added.json)).toMatchObject({ name: 'confluence-people' });
    expect(t.site.account(user)?.groups).toContain('confluence-people');
    const audit = t.site.auditRecords().at(-1);
    expect(audit).toMatchObject({
      summary: 'User added to group',
      authorAccountId: t.appAccountId,
      eventSource: 'JIT Access',
    });
  });

  it('lets a site admin (Basic auth or asUser) add and remove, and refuses ordinary users', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const group = t.site.groups().find((g) => g.name === 'finance-team');
    const add = await t.admin('jira', 'POST', `/rest/api/3/group/user?groupId=${group?.groupId ?? ''}`, {
      body: { accountId: user },
    });
    expect(add.status).toBe(201);
    expect(
      (
        await t.asUser(
          user,
          'jira',
          'DELETE',
          `/rest/api/3/group/user?groupname=finance-team&accountId=${user}`,
        )
      ).status,
    ).toBe(403);
    const admin = t.site.credentials().siteAdmin.accountId;
    const remove = await t.asUser(
      admin,
      'jira',
      'DELETE',
      `/rest/api/3/group/user?groupname=finance-team&accountId=${user}`,
      {
        impersonated: true,
      },
    );
    expect(remove.status).toBe(200);
    expect(remove.raw.body).toBeUndefined();
    expect(t.site.account(user)?.groups).not.toContain('finance-team');
  });

  it('answers 400 for an existing member (and for removing a non-member), 404 for unknown groups and users', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const again = await t.admin('jira', 'POST', '/rest/api/3/group/user?groupname=jira-software-users', {
      body: { accountId: user },
    });
    expect(again.status).toBe(400);
    expect(record(again.json)['errorMessages']).toEqual([expect.stringContaining('already a member')]);
    const absent = await t.admin(
      'jira',
      'DELETE',
      `/rest/api/3/group/user?groupname=finance-team&accountId=${t.site.credentials().siteAdmin.accountId}`,
    );
    expect(absent.status).toBe(400);
    expect(
      (await t.admin('jira', 'POST', '/rest/api/3/group/user?groupname=nope', { body: { accountId: user } }))
        .status,
    ).toBe(404);
    expect(
      (
        await t.admin('jira', 'POST', '/rest/api/3/group/user?groupname=finance-team', {
          body: { accountId: '712020:x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.admin('jira', 'POST', '/rest/api/3/group/user', { body: { accountId: user } })).status,
    ).toBe(400);
    expect(
      (await t.admin('jira', 'POST', '/rest/api/3/group/user?groupname=finance-team', { body: {} })).status,
    ).toBe(400);
  });

  it('keeps IdP-synced groups read-only', async () => {
    const t = createTestSite();
    const user = t.site.credentials().jiraAdmin.accountId;
    const reply = await t.admin('jira', 'POST', '/rest/api/3/group/user?groupname=idp-engineering', {
      body: { accountId: user },
    });
    expect(reply.status).toBe(400);
    expect(record(reply.json)['errorMessages']).toEqual([expect.stringContaining('identity provider')]);
  });

  it('changes product access and seat counts with membership of a product group', async () => {
    const t = createTestSite();
    const someone = t.site.simulateInvite({ email: 'seat@partner.example' }).accountId;
    const seats = async () =>
      list((await t.asApp('jira', 'GET', '/rest/api/3/applicationrole')).json).find(
        (r) => r['key'] === 'jira-software',
      );
    const before = await seats();
    await t.admin(
      'jira',
      'DELETE',
      `/rest/api/3/group/user?groupname=jira-software-users&accountId=${someone}`,
    );
    const after = await seats();
    expect(Number(after?.['userCount'])).toBe(Number(before?.['userCount']) - 1);
    expect(Number(after?.['remainingSeats'])).toBe(Number(before?.['remainingSeats']) + 1);
    expect(t.site.account(someone)?.products).toEqual(['confluence']);
  });
});

describe('Jira group reads', () => {
  it('pages /group/member: caps maxResults at 50, last page, empty page, inactive users only on request', async () => {
    const t = createTestSite();
    const all = t.site.groupMembers('jira-software-users');
    const active = all.filter((id) => t.site.account(id)?.active);
    expect(active.length).toBeLessThan(all.length);
    const first = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/group/member?groupname=jira-software-users&maxResults=500'))
        .json,
    );
    expect(first).toMatchObject({ maxResults: 50, startAt: 0, total: active.length });
    const last = record(
      (
        await t.asApp(
          'jira',
          'GET',
          `/rest/api/3/group/member?groupname=jira-software-users&startAt=${active.length - 1}`,
        )
      ).json,
    );
    expect(last).toMatchObject({ isLast: true });
    expect(list(last['values'])).toHaveLength(1);
    expect(last['nextPage']).toBeUndefined();
    const beyond = record(
      (
        await t.asApp(
          'jira',
          'GET',
          `/rest/api/3/group/member?groupname=jira-software-users&startAt=${all.length + 10}`,
        )
      ).json,
    );
    expect(list(beyond['values'])).toEqual([]);
    const withInactive = record(
      (
        await t.asApp(
          'jira',
          'GET',
          '/rest/api/3/group/member?groupname=jira-software-users&includeInactiveUsers=true',
        )
      ).json,
    );
    expect(withInactive['total']).toBe(all.length);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/group/member')).status).toBe(400);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/group/member?groupname=nope')).status).toBe(404);
  });

  it('filters /group/bulk by id, name, application key and access type', async () => {
    const t = createTestSite();
    const ids = t.site.groups();
    const byName = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/group/bulk?groupName=site-admins&groupName=finance-team'))
        .json,
    );
    expect(list(byName['values']).map((g) => g['name'])).toEqual(['finance-team', 'site-admins']);
    const byId = record(
      (await t.asApp('jira', 'GET', `/rest/api/3/group/bulk?groupId=${ids[0]?.groupId ?? ''}`)).json,
    );
    expect(byId['total']).toBe(1);
    const product = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/group/bulk?applicationKey=jira-software')).json,
    );
    expect(list(product['values']).map((g) => g['name'])).toEqual(['jira-software-users']);
    const siteAdmin = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/group/bulk?accessType=site-admin')).json,
    );
    expect(list(siteAdmin['values']).map((g) => g['name'])).toEqual(['org-admins', 'site-admins']);
    const page = record((await t.asApp('jira', 'GET', '/rest/api/3/group/bulk?maxResults=2&startAt=2')).json);
    expect(page).toMatchObject({ startAt: 2, maxResults: 2, total: ids.length, isLast: false });
  });

  it('finds groups by substring in /groups/picker with highlighted html', async () => {
    const t = createTestSite();
    const reply = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/groups/picker?query=sales&maxResults=1')).json,
    );
    expect(reply['total']).toBe(3);
    expect(reply['header']).toBe('Showing 1 of 3 matching groups');
    expect(list(reply['groups'])[0]).toMatchObject({
      name: 'confluence-sales',
      html: 'confluence-<b>sales</b>',
    });
  });
});
