// The seeds: the demo org's shape (people, groups, projects, spaces, SCIM, admins, two sites), determinism of
// every id and credential, and seedScale.
import { createManualClock } from '../../clock';
import { createSite } from '../site';
import { DEMO_PEOPLE } from './seeds';

function demo() {
  return createSite({ clock: createManualClock(), validator: false, rateLimits: 'off' });
}

describe('demo seed', () => {
  it('has ~60 people across departments, admins, product groups, projects, spaces, SCIM and two sites', () => {
    const site = demo();
    const { accounts, total } = site.accounts(0, 1000);
    expect(total).toBe(DEMO_PEOPLE + 2);
    const departments = new Set(accounts.map((a) => a.department));
    expect(departments.size).toBeGreaterThanOrEqual(8);
    expect(accounts.filter((a) => !a.managed).length).toBeGreaterThanOrEqual(3);
    expect(accounts.filter((a) => a.membershipStatus === 'suspended').length).toBeGreaterThanOrEqual(1);
    expect(accounts.filter((a) => a.accountStatus === 'inactive').length).toBeGreaterThanOrEqual(1);
    const groups = site.groups();
    expect(groups.filter((g) => g.synced).map((g) => g.name)).toEqual(
      expect.arrayContaining(['idp-all-staff', 'idp-engineering']),
    );
    expect(groups.find((g) => g.name === 'jira-software-users')?.grants).toEqual(['jira-software']);
    expect(site.projectRoleActors('ENG', 'Developers').groups).toEqual(['jira-developers']);
    const creds = site.credentials();
    expect(site.account(creds.siteAdmin.accountId)?.groups).toEqual(
      expect.arrayContaining(['site-admins', 'jira-administrators', 'confluence-admins']),
    );
    expect(creds.otherSites).toHaveLength(1);
    const scimLinked = accounts.filter((a) => site.scim.userForAccount(a.accountId) !== undefined);
    expect(scimLinked.length).toBe(accounts.filter((a) => a.managed).length - 2);
    expect(site.auditRecords()).toEqual([]);
    expect(site.emittedEvents()).toEqual([]);
  });

  it('is deterministic: the same ids, keys and people on every run', () => {
    const a = demo();
    const b = demo();
    expect(b.credentials()).toEqual(a.credentials());
    expect(b.accounts(0, 100)).toEqual(a.accounts(0, 100));
    expect(a.credentials().siteAdmin.apiToken).toMatch(/^ATATT3xFfGF0[A-Za-z0-9]{40}$/);
    expect(a.credentials().orgApiKey).toMatch(/^ATCTT3xFfGN0[A-Za-z0-9]{48}$/);
  });

  it('keeps installed apps across reseeding', () => {
    const site = demo();
    const { appAccountId } = site.installApp({ appId: 'app-1', name: 'An App' });
    site.seedScale(30);
    expect(site.account(appAccountId)).toMatchObject({
      accountType: 'app',
      groups: ['atlassian-addons-admin'],
    });
    expect(site.installApp({ appId: 'app-1', name: 'An App' }).appAccountId).toBe(appAccountId);
  });
});

describe('seedScale', () => {
  // How long seeding takes is measured by emulator/site/measure-site.ts, not asserted here.
  it('makes a site of n people with attributes, groups, SCIM links and activity', () => {
    const site = demo();
    site.seedScale(10_000);
    expect(site.accounts().total).toBe(10_002);
    const sample = site.accounts(5000, 50).accounts;
    expect(sample.every((a) => a.department !== undefined && a.jobTitle !== undefined)).toBe(true);
    expect(site.groupMembers('idp-all-staff').length).toBeGreaterThan(9000);
    expect(() => site.seedScale(-5)).toThrow(/non-negative integer/);
  });
});
