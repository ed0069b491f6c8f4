// JIT login, invitations and activity: exactly the accounts, groups, events and audit records production makes.
import { createTestSite, list, record } from './testing/site-test-kit';

describe('SAML JIT login', () => {
  it('creates the account with name and email only, adds default product groups, emits both created events and audits', async () => {
    const t = createTestSite();
    const { site } = t;
    const before = site.auditRecords().length;
    const result = site.simulateJitLogin({ email: 'new.hire@acme.example', displayName: 'New Hire' });

    expect(result.created).toBe(true);
    const account = site.account(result.accountId);
    expect(account).toMatchObject({
      email: 'new.hire@acme.example',
      displayName: 'New Hire',
      managed: true,
      active: true,
      groups: ['confluence-users', 'jira-software-users'],
      products: ['jira-software', 'confluence'],
    });
    expect(account?.jobTitle).toBeUndefined();
    expect(account?.department).toBeUndefined();

    const events = site.emittedEvents();
    expect(events.map((e) => e.eventType)).toEqual(['avi:jira:created:user', 'avi:confluence:created:user']);
    const jiraUser = record(events[0]?.payload['user']);
    expect(events[0]?.payload['eventType']).toBe('avi:jira:created:user');
    expect(jiraUser['accountId']).toBe(result.accountId);
    expect(jiraUser['displayName']).toBe('New Hire');
    expect(jiraUser['emailAddress']).toBe('new.hire@acme.example');
    expect(record(jiraUser['groups'])['size']).toBe(2);
    const confluence = events[1]?.payload ?? {};
    expect(confluence['eventCreatedDate']).toBe(new Date(t.clock.now()).toISOString());
    // Confluence replaces email and names by the account id for privacy.
    expect(record(confluence['user'])).toMatchObject({
      accountId: result.accountId,
      email: result.accountId,
      displayName: result.accountId,
      publicName: result.accountId,
      accountType: 'atlassian',
    });

    const audit = site.auditRecords().slice(before);
    expect(audit.map((r) => r.summary)).toEqual([
      'User created',
      'User added to group',
      'User added to group',
    ]);
    expect(audit[0]?.objectItem).toMatchObject({ id: result.accountId, typeName: 'USER' });
    expect(
      audit
        .slice(1)
        .map((r) => r.objectItem.name)
        .sort(),
    ).toEqual(['confluence-users', 'jira-software-users']);

    // The app sees the same records through Jira's audit API. The filter searches the object item (the user
    // for "User created", the group for memberships), not the associated items, as Jira documents.
    const byUser = await t.asApp(
      'jira',
      'GET',
      `/rest/api/3/auditing/record?filter=${encodeURIComponent(result.accountId)}`,
    );
    expect(byUser.status).toBe(200);
    expect(list(record(byUser.json)['records']).map((r) => r['summary'])).toEqual(['User created']);
    const byGroup = await t.asApp(
      'jira',
      'GET',
      '/rest/api/3/auditing/record?filter=added%20jira-software-users',
    );
    const added = list(record(byGroup.json)['records']);
    expect(added).toHaveLength(1);
    expect(list(added[0]?.['associatedItems'])[0]).toMatchObject({ id: result.accountId, typeName: 'USER' });
  });

  it('creates nothing on a second login of the same person', () => {
    const { site } = createTestSite();
    const first = site.simulateJitLogin({ email: 'again@acme.example', displayName: 'Again' });
    const events = site.emittedEvents().length;
    const audit = site.auditRecords().length;
    const second = site.simulateJitLogin({ email: 'AGAIN@acme.example', displayName: 'Again' });
    expect(second).toEqual({ accountId: first.accountId, created: false });
    expect(site.emittedEvents()).toHaveLength(events);
    expect(site.auditRecords()).toHaveLength(audit);
  });

  it('refuses emails outside the verified domains, and malformed input', () => {
    const { site } = createTestSite();
    expect(() => site.simulateJitLogin({ email: 'someone@gmail.example', displayName: 'X' })).toThrow(
      /verified domains/,
    );
    expect(() => site.simulateJitLogin({ email: 'not-an-email', displayName: 'X' })).toThrow(/not an email/);
    expect(() => site.simulateJitLogin({ email: 'ok@acme.example', displayName: ' ' })).toThrow(
      /display name/,
    );
  });
});

describe('invitations', () => {
  it('creates an unmanaged account for any domain with default groups plus the named groups', () => {
    const { site } = createTestSite();
    const result = site.simulateInvite({ email: 'guest@partner.example', groups: ['confluence-sales'] });
    expect(result.created).toBe(true);
    expect(site.account(result.accountId)).toMatchObject({
      managed: false,
      displayName: 'guest',
      groups: ['confluence-sales', 'confluence-users', 'jira-software-users'],
    });
    expect(site.emittedEvents().map((e) => e.eventType)).toEqual([
      'avi:jira:created:user',
      'avi:confluence:created:user',
    ]);
    expect(() => site.simulateInvite({ email: 'x@partner.example', groups: ['no-such-group'] })).toThrow(
      /unknown group/,
    );
  });
});

describe('activity', () => {
  it('keeps the latest timestamp and refuses unknown accounts, sites and products', () => {
    const { site, clock } = createTestSite();
    const someone = site.simulateJitLogin({ email: 'active@acme.example', displayName: 'Active' }).accountId;
    site.recordActivity(someone, 'confluence', clock.now() - 1000);
    site.recordActivity(someone, 'confluence', clock.now() - 5000);
    expect(() => site.recordActivity('nobody', 'confluence')).toThrow(/no account/);
    expect(() => site.recordActivity(someone, 'bitbucket')).toThrow(/not on site/);
    expect(() => site.recordActivity(someone, 'confluence', clock.now(), 'not-a-site')).toThrow(/not a site/);
  });
});
