// Privileged targets and the grant policy: which groups and roles are privileged and why, what a site admin and a
// product admin may save, and what may be written.
import type { InactivityPolicy } from '../inactivity';
import type { Grant } from '../rules';
import {
  privilegedSetFrom,
  ruleOwnershipRefusal,
  saveRefusal,
  suspensionChangeRefusal,
  withMarks,
  writeRefusal,
  isUnscanned,
  type AdminRole,
  type Allowance,
  type PrivilegeFacts,
  type ProductGroups,
} from './index';

const group = (groupId: string, groupName = groupId): Grant => ({ kind: 'group', groupId, groupName });
const role = (projectId: string, roleId: string, projectKey = 'ENG'): Grant => ({
  kind: 'projectRole',
  projectId,
  projectKey,
  roleId,
  roleName: `Role ${roleId}`,
});

const FACTS: PrivilegeFacts = {
  siteAdminGroups: [{ groupId: 'g-site', name: 'site-admins' }],
  jiraAdminGroups: [
    { groupId: 'g-site', name: 'site-admins' },
    { groupId: 'g-jira', name: 'jira-administrators' },
  ],
  confluenceAdminGroups: [{ groupId: 'g-wiki', name: 'confluence-admins' }],
  adminRoleGroups: [
    { groupId: 'g-site', name: 'site-admins' },
    { groupId: 'g-org', name: 'org-admins' },
  ],
  projects: [
    {
      projectId: '10001',
      projectKey: 'ENG',
      grants: [
        {
          permission: 'ADMINISTER_PROJECTS',
          holder: { type: 'projectRole', parameter: '10002', value: '10002' },
        },
        {
          permission: 'ADMINISTER_PROJECTS',
          holder: { type: 'group', parameter: 'eng-leads', value: 'g-leads' },
        },
        {
          permission: 'BROWSE_PROJECTS',
          holder: { type: 'projectRole', parameter: '10000', value: '10000' },
        },
      ],
    },
  ],
};
const SET = privilegedSetFrom(FACTS);
const PRODUCTS: ProductGroups = { jira: ['g-jira-users', 'g-both'], confluence: ['g-wiki-users', 'g-both'] };
const SITE_ADMIN: AdminRole = { kind: 'site-admin' };
const JIRA_ADMIN: AdminRole = { kind: 'product-admin', product: 'jira' };
const WIKI_ADMIN: AdminRole = { kind: 'product-admin', product: 'confluence' };
const allowed = (key: string): Allowance => ({ key, name: key, privilege: '', by: 'admin-1', at: 1 });

describe('the privileged set', () => {
  it('names every privileged group and role with each of its reasons, in key order', () => {
    expect(SET.targets.map((t) => [t.key, t.reasons.map((r) => r.kind)])).toEqual([
      ['group:g-jira', ['jira-admin-group']],
      ['group:g-leads', ['administers-project']],
      ['group:g-org', ['admin-role-group']],
      ['group:g-site', ['site-admin-group', 'admin-role-group', 'jira-admin-group']],
      ['group:g-wiki', ['confluence-admin-group']],
      ['role:10001:10002', ['administers-project']],
    ]);
    expect(SET.scannedProjectIds).toEqual(['10001']);
  });

  it('counts only the real admin-role names, whatever else the lookup returned', () => {
    const set = privilegedSetFrom({
      ...FACTS,
      adminRoleGroups: [{ groupId: 'g-x', name: 'site-admins-fans' }],
    });
    expect(set.targets.map((t) => t.key)).not.toContain('group:g-x');
  });

  it('adds the groups a site admin marked, with who marked them', () => {
    const marked = withMarks(SET, [{ groupId: 'g-finance', name: 'finance-team', by: 'admin-1', at: 5 }]);
    expect(marked.targets.find((t) => t.key === 'group:g-finance')?.reasons).toEqual([
      { kind: 'marked', by: 'admin-1', at: 5 },
    ]);
    expect(SET.targets.some((t) => t.key === 'group:g-finance')).toBe(false);
  });

  it('knows which role grants it cannot judge yet: roles in projects whose scheme it has not read', () => {
    expect(isUnscanned(role('10001', '10000'), SET)).toBe(false);
    expect(isUnscanned(role('20002', '10002', 'SALES'), SET)).toBe(true);
    expect(isUnscanned(group('g-team'), SET)).toBe(false);
  });
});

describe('write time', () => {
  it('refuses a privileged target with every reason, and lets an allow-listed one and a plain group through', () => {
    const refusal = writeRefusal(group('g-site', 'site-admins'), SET, []);
    expect(refusal).toMatch(
      /^Refused to grant group "site-admins": it is privileged: Jira lists it among the site-admin groups/,
    );
    expect(refusal).toMatch(/"site-admins" carries the site administrator role/);
    expect(refusal).toMatch(/Nothing was granted\./);
    expect(writeRefusal(role('10001', '10002'), SET, [])).toMatch(/Administer Projects in project ENG/);
    expect(writeRefusal(group('g-site'), SET, [allowed('group:g-site')])).toBeUndefined();
    expect(writeRefusal(group('g-team'), SET, [])).toBeUndefined();
    expect(writeRefusal(role('10001', '10000'), SET, [])).toBeUndefined();
  });

  it('judges the grant by its group id, never by the name a rule carries', () => {
    expect(writeRefusal(group('g-org', 'harmless-team'), SET, [])).toMatch(
      /org-admins.*organization administrator/,
    );
  });
});

describe('save time', () => {
  it('lets a site admin grant a privileged target only once it is allow-listed', () => {
    expect(saveRefusal(group('g-site', 'site-admins'), SITE_ADMIN, SET, [], PRODUCTS)).toMatch(
      /^Group "site-admins" is privileged: .*only after a site admin allow-lists it/,
    );
    expect(
      saveRefusal(group('g-site'), SITE_ADMIN, SET, [allowed('group:g-site')], PRODUCTS),
    ).toBeUndefined();
    expect(saveRefusal(group('g-wiki-users'), SITE_ADMIN, SET, [], PRODUCTS)).toBeUndefined();
  });

  it('never lets a product admin grant a privileged target, allow-listed or not', () => {
    for (const admin of [JIRA_ADMIN, WIKI_ADMIN])
      for (const key of ['g-site', 'g-org', 'g-jira', 'g-wiki'])
        expect(saveRefusal(group(key), admin, SET, [allowed(`group:${key}`)], PRODUCTS)).toMatch(
          /is privileged: .*Only a site admin can manage rules that grant a privileged target\./,
        );
  });

  it("keeps a Jira admin to Jira: project roles and Jira or plain groups, not Confluence's groups", () => {
    expect(saveRefusal(role('10001', '10000'), JIRA_ADMIN, SET, [], PRODUCTS)).toBeUndefined();
    expect(saveRefusal(group('g-jira-users'), JIRA_ADMIN, SET, [], PRODUCTS)).toBeUndefined();
    expect(saveRefusal(group('g-team'), JIRA_ADMIN, SET, [], PRODUCTS)).toBeUndefined();
    expect(saveRefusal(group('g-wiki-users', 'confluence-users'), JIRA_ADMIN, SET, [], PRODUCTS)).toBe(
      'Group "confluence-users" grants Confluence access. As a Jira administrator who is not a site admin you can ' +
        'grant Jira groups and Jira project roles only; ask a Confluence administrator or a site admin.',
    );
    expect(saveRefusal(group('g-both'), JIRA_ADMIN, SET, [], PRODUCTS)).toMatch(/grants Confluence access/);
  });

  it("keeps a Confluence admin to Confluence: its groups and plain ones, not Jira's groups or project roles", () => {
    expect(saveRefusal(group('g-wiki-users'), WIKI_ADMIN, SET, [], PRODUCTS)).toBeUndefined();
    expect(saveRefusal(group('g-team'), WIKI_ADMIN, SET, [], PRODUCTS)).toBeUndefined();
    expect(saveRefusal(group('g-jira-users', 'jira-software-users'), WIKI_ADMIN, SET, [], PRODUCTS)).toMatch(
      /^Group "jira-software-users" grants Jira access\. As a Confluence administrator/,
    );
    expect(saveRefusal(role('10001', '10000'), WIKI_ADMIN, SET, [], PRODUCTS)).toMatch(
      /^Role "Role 10000" in project ENG is a Jira project role\./,
    );
  });

  it("refuses a product admin a saved rule with any grant that is not theirs; a site admin any rule's changes", () => {
    const grants = [group('g-team'), group('g-wiki-users', 'confluence-users')];
    expect(ruleOwnershipRefusal(grants, JIRA_ADMIN, SET, PRODUCTS)).toMatch(
      /"confluence-users" grants Confluence/,
    );
    expect(ruleOwnershipRefusal(grants, WIKI_ADMIN, SET, PRODUCTS)).toBeUndefined();
    expect(ruleOwnershipRefusal([group('g-site')], SITE_ADMIN, SET, PRODUCTS)).toBeUndefined();
  });
});

describe('suspension, an organization-wide action', () => {
  const product = (action: 'suspend' | 'remove-licence') => ({
    displayName: 'Jira',
    licenceGroupIds: ['g-jira-users'],
    enabled: true,
    inactiveAfterDays: 90,
    neverActive: 'count-from-added' as const,
    action,
    warnDaysBefore: 7,
  });
  const policy = (action: 'suspend' | 'remove-licence', accountIds: string[] = []): InactivityPolicy => ({
    schemaVersion: 1,
    products: { 'jira-software': product(action) },
    exclusions: { groupIds: [], accountIds, recentlyAddedDays: 30 },
    notifications: {},
    brake: { maxActionsPerRun: 10, maxPercentOfLicensed: 10 },
    activityMaxAgeHours: 48,
  });

  it('lets anything through while neither the saved nor the new policy suspends', () => {
    expect(
      suspensionChangeRefusal(policy('remove-licence'), policy('remove-licence', ['a'])),
    ).toBeUndefined();
    expect(suspensionChangeRefusal(undefined, policy('remove-licence'))).toBeUndefined();
  });

  it('refuses switching to suspension, away from it, and any other change while it is in use', () => {
    expect(suspensionChangeRefusal(policy('remove-licence'), policy('suspend'))).toMatch(
      /^The policy would suspend accounts for Jira\. Suspension is organization-wide/,
    );
    expect(suspensionChangeRefusal(undefined, policy('suspend'))).toMatch(/would suspend/);
    expect(suspensionChangeRefusal(policy('suspend'), policy('remove-licence'))).toMatch(
      /^The policy suspends/,
    );
    expect(suspensionChangeRefusal(policy('suspend'), policy('suspend', ['a']))).toMatch(
      /exclusions included/,
    );
    expect(suspensionChangeRefusal(policy('suspend'), policy('suspend'))).toBeUndefined();
  });
});
