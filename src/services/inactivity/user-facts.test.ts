import type { DirectoryUser } from '../../clients/admin-types';
import type { JiraUser } from '../../clients/jira-types';
import { buildUserFacts, isActiveAccount } from './user-facts';

const CLOUD = 'site-1';
const context = {
  catalogue: [
    { key: 'jira-software', displayName: 'Jira', licenceGroupIds: ['g-jira', 'g-jira-extra'] },
    { key: 'confluence', displayName: 'Confluence', licenceGroupIds: ['g-conf'] },
  ],
  adminGroupIds: new Set(['g-site-admins', 'g-jira-admins']),
  cloudId: CLOUD,
};

function jiraUser(groups: string[], overrides: Partial<JiraUser> = {}): JiraUser {
  return {
    accountId: 'u1',
    accountType: 'atlassian',
    active: true,
    groups: { size: groups.length, items: groups.map((groupId) => ({ name: groupId, groupId })) },
    ...overrides,
  };
}

const directory = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  accountId: 'u1',
  status: 'active',
  addedToOrg: '2024-01-01T00:00:00.000Z',
  platformRoles: [],
  ...overrides,
});

const activity = {
  accountId: 'u1',
  refreshedAt: 1_000,
  cloudId: CLOUD,
  addedToOrgAt: 500,
  lastActiveOnSite: { 'jira-software': 900 },
  orgLastActiveAt: 950,
};

describe('buildUserFacts', () => {
  it('licence groups are exactly the user groups that grant each product', () => {
    const facts = buildUserFacts(
      {
        jiraUser: jiraUser(['g-jira-extra', 'team-x']),
        directory: directory(),
        activity,
        warnings: [],
        actionsThisRun: [],
      },
      context,
    );
    expect(facts.products).toEqual({
      'jira-software': {
        hasAccess: true,
        licenceGroupIds: ['g-jira-extra'],
        lastActiveAt: 900,
        addedAt: null,
      },
    });
    expect(facts).toMatchObject({
      accountType: 'atlassian',
      active: true,
      isSiteAdmin: false,
      isOrgAdmin: false,
      groupIds: ['g-jira-extra', 'team-x'],
      addedToOrgAt: 500,
      orgLastActiveAt: 950,
      activityRefreshedAt: 1_000,
    });
  });

  it('a product role Jira reports without a licence group still counts as held (the domain then refuses to act)', () => {
    const user = jiraUser([], { applicationRoles: { size: 1, items: [{ key: 'confluence' }] } });
    const facts = buildUserFacts(
      { jiraUser: user, directory: directory(), activity, warnings: [], actionsThisRun: [] },
      context,
    );
    expect(facts.products['confluence']).toEqual({
      hasAccess: true,
      licenceGroupIds: [],
      lastActiveAt: null,
      addedAt: null,
    });
  });

  it('admins come from admin groups or platform roles', () => {
    const byGroup = buildUserFacts(
      {
        jiraUser: jiraUser(['g-jira-admins']),
        directory: directory(),
        activity,
        warnings: [],
        actionsThisRun: [],
      },
      context,
    );
    const byRole = buildUserFacts(
      {
        jiraUser: jiraUser([]),
        directory: directory({ platformRoles: ['atlassian/site-admin', 'org-admin'] }),
        activity,
        warnings: [],
        actionsThisRun: [],
      },
      context,
    );
    expect(byGroup.isSiteAdmin).toBe(true);
    expect(byRole).toMatchObject({ isSiteAdmin: true, isOrgAdmin: true });
  });

  it('without activity (or activity fetched for another site) nothing about activity is claimed', () => {
    for (const snapshot of [undefined, { ...activity, cloudId: 'other-site' }]) {
      const facts = buildUserFacts(
        {
          jiraUser: jiraUser(['g-jira']),
          directory: directory(),
          activity: snapshot,
          warnings: [],
          actionsThisRun: [],
        },
        context,
      );
      expect(facts.activityRefreshedAt).toBeNull();
      expect(facts.products['jira-software']?.lastActiveAt).toBeNull();
      expect('orgLastActiveAt' in facts).toBe(false);
      expect(facts.addedToOrgAt).toBe(Date.parse('2024-01-01T00:00:00.000Z'));
    }
  });

  it('an account type Jira does not name is never treated as a person', () => {
    const facts = buildUserFacts(
      {
        jiraUser: { accountId: 'u1', active: true },
        directory: undefined,
        activity,
        warnings: [],
        actionsThisRun: [],
      },
      context,
    );
    expect(facts.accountType).toBe('unknown');
  });
});

describe('isActiveAccount', () => {
  it('suspended or deactivated in the directory, or inactive in Jira, is not active', () => {
    expect(isActiveAccount(jiraUser([]), directory())).toBe(true);
    expect(isActiveAccount(jiraUser([]), directory({ status: 'suspended' }))).toBe(false);
    expect(isActiveAccount(jiraUser([]), directory({ status: 'deactivated' }))).toBe(false);
    expect(isActiveAccount(jiraUser([], { active: false }), directory())).toBe(false);
    expect(isActiveAccount(jiraUser([]), undefined)).toBe(true);
  });
});
