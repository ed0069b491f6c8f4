// Who is an admin of what, as Atlassian models it: site admins (site-admins, org-admins) hold SYSTEM_ADMIN and
// ADMINISTER, Jira admins (jira-administrators) ADMINISTER only, Confluence admins (confluence-admins) administer
// Confluence only; groups by access level in Jira and Confluence; project permissions from permission schemes.
import { createTestSite, list, ordinaryJiraUser, record, type TestSite } from '../testing/site-test-kit';

async function permissionsOf(t: TestSite, accountId: string, keys: string, project = ''): Promise<string[]> {
  const query = `permissions=${keys}${project ? `&projectKey=${project}` : ''}`;
  const body = record((await t.asUser(accountId, 'jira', 'GET', `/rest/api/3/mypermissions?${query}`)).json);
  return Object.entries(record(body['permissions']))
    .filter(([, value]) => record(value)['havePermission'] === true)
    .map(([key]) => key)
    .sort();
}

async function confluenceAdministers(t: TestSite, accountId: string): Promise<boolean> {
  const body = record(
    (await t.asUser(accountId, 'confluence', 'GET', '/wiki/rest/api/user/current?expand=operations')).json,
  );
  return list(body['operations']).some(
    (o) => o['operation'] === 'administer' && o['targetType'] === 'application',
  );
}

function groupNames(reply: { json: unknown }, key: 'values' | 'results'): string[] {
  return list(record(reply.json)[key])
    .map((g) => String(g['name']))
    .sort();
}

describe('admin roles on the emulated site', () => {
  it('gives site admins SYSTEM_ADMIN and ADMINISTER, Jira admins ADMINISTER only, Confluence admins neither', async () => {
    const t = createTestSite();
    const { siteAdmin, jiraAdmin } = t.site.credentials();
    const wikiAdmin = ordinaryJiraUser(t);
    t.site.setGroupMembership(wikiAdmin, 'confluence-admins', true);
    const orgAdmin = t.site.simulateInvite({ email: 'olga@acme.example', displayName: 'Olga' }).accountId;
    t.site.setGroupMembership(orgAdmin, 'org-admins', true);

    const both = 'ADMINISTER,SYSTEM_ADMIN';
    expect(await permissionsOf(t, siteAdmin.accountId, both)).toEqual(['ADMINISTER', 'SYSTEM_ADMIN']);
    expect(await permissionsOf(t, orgAdmin, both)).toEqual(['ADMINISTER', 'SYSTEM_ADMIN']);
    expect(await permissionsOf(t, jiraAdmin.accountId, both)).toEqual(['ADMINISTER']);
    expect(await permissionsOf(t, wikiAdmin, both)).toEqual([]);

    expect(await confluenceAdministers(t, siteAdmin.accountId)).toBe(true);
    expect(await confluenceAdministers(t, orgAdmin)).toBe(true);
    expect(await confluenceAdministers(t, wikiAdmin)).toBe(true);
    expect(await confluenceAdministers(t, jiraAdmin.accountId)).toBe(false);
  });

  it('lists groups by access level: site-admin and admin in Jira, admin and user in Confluence', async () => {
    const t = createTestSite();
    const jira = (accessType: string) =>
      t.asApp('jira', 'GET', `/rest/api/3/group/bulk?accessType=${accessType}`);
    const wiki = (accessType: string) =>
      t.asApp('confluence', 'GET', `/wiki/rest/api/group?accessType=${accessType}`);
    expect(groupNames(await jira('site-admin'), 'values')).toEqual(['org-admins', 'site-admins']);
    expect(groupNames(await jira('admin'), 'values')).toEqual([
      'atlassian-addons-admin',
      'jira-administrators',
      'org-admins',
      'site-admins',
    ]);
    expect(groupNames(await wiki('admin'), 'results')).toEqual([
      'confluence-admins',
      'org-admins',
      'site-admins',
    ]);
    expect(groupNames(await wiki('user'), 'results')).toContain('confluence-users');
    expect(groupNames(await wiki('user'), 'results')).not.toContain('jira-software-users');
  });

  it('makes a group privileged the moment an admin grants it a global permission, and not before', async () => {
    const t = createTestSite();
    const member = t.site.groupMembers('sales-team')[0] as string;
    const jira = () => t.asApp('jira', 'GET', '/rest/api/3/group/bulk?accessType=admin');
    expect(groupNames(await jira(), 'values')).not.toContain('sales-team');
    expect(await permissionsOf(t, member, 'ADMINISTER')).toEqual([]);
    t.site.setGlobalPermission('ADMINISTER', 'sales-team', true);
    expect(groupNames(await jira(), 'values')).toContain('sales-team');
    expect(await permissionsOf(t, member, 'ADMINISTER')).toEqual(['ADMINISTER']);
    t.site.setGlobalPermission('CONFLUENCE_ADMINISTER', 'sales-team', true);
    expect(await confluenceAdministers(t, member)).toBe(true);
    t.site.setGlobalPermission('ADMINISTER', 'sales-team', false);
    expect(await permissionsOf(t, member, 'ADMINISTER')).toEqual([]);
  });
});

describe('project permission schemes', () => {
  it("serves a project's scheme, with its grants for any expand value; Administrators administer the project", async () => {
    const t = createTestSite();
    const plain = record((await t.asApp('jira', 'GET', '/rest/api/3/project/ENG/permissionscheme')).json);
    expect(plain).toMatchObject({ id: 0, name: 'Default Permission Scheme' });
    expect(plain['permissions']).toBeUndefined();
    const expanded = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/project/ENG/permissionscheme?expand=permissions')).json,
    );
    const administer = list(expanded['permissions']).filter((g) => g['permission'] === 'ADMINISTER_PROJECTS');
    expect(administer.map((g) => g['holder'])).toEqual([
      { type: 'projectRole', parameter: '10002', value: '10002', expand: 'projectRole' },
    ]);
    expect(t.violations).toEqual([]);
  });

  it('answers 404 for an unknown project and 403 to someone who administers neither Jira nor the project', async () => {
    const t = createTestSite();
    expect((await t.asApp('jira', 'GET', '/rest/api/3/project/NOPE/permissionscheme')).status).toBe(404);
    const user = ordinaryJiraUser(t);
    expect((await t.asUser(user, 'jira', 'GET', '/rest/api/3/project/ENG/permissionscheme')).status).toBe(
      403,
    );
  });

  it('derives Administer Projects from the scheme: a role given it makes its actors project admins', async () => {
    const t = createTestSite();
    const developer = t.site.projectRoleActors('ENG', 'Developers');
    const group = developer.groups[0] as string;
    const person = t.site
      .groupMembers(group)
      .find((id) => !t.site.userGroups(id).some((g) => g.name.includes('admin')));
    expect(person).toBeDefined();
    expect(await permissionsOf(t, person!, 'ADMINISTER_PROJECTS', 'ENG')).toEqual([]);
    t.site.setProjectPermission('ENG', 'ADMINISTER_PROJECTS', { projectRole: 'Developers' }, true);
    expect(await permissionsOf(t, person!, 'ADMINISTER_PROJECTS', 'ENG')).toEqual(['ADMINISTER_PROJECTS']);
    const expanded = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/project/ENG/permissionscheme?expand=permissions')).json,
    );
    expect(
      list(expanded['permissions'])
        .filter((g) => g['permission'] === 'ADMINISTER_PROJECTS')
        .map((g) => record(g['holder'])['value'])
        .sort(),
    ).toEqual(['10000', '10002']);
    t.site.setProjectPermission('ENG', 'ADMINISTER_PROJECTS', { projectRole: 'Developers' }, false);
    expect(await permissionsOf(t, person!, 'ADMINISTER_PROJECTS', 'ENG')).toEqual([]);
  });
});
