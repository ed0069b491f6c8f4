// The user-management API: managed accounts only (403 otherwise), profile read and update (a rename emits
// avi:jira:updated:user), email, API tokens, lifecycle disable/enable.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

describe('user management', () => {
  it('reads and updates a managed account’s profile; a rename emits avi:jira:updated:user', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    const profile = record(record((await t.org('GET', `/users/${user}/manage/profile`)).json)['account']);
    expect(profile).toMatchObject({ account_id: user, account_status: 'active', account_type: 'atlassian' });
    expect(record(profile['extended_profile'])['department']).toBe(t.site.account(user)?.department);
    const patched = await t.org('PATCH', `/users/${user}/manage/profile`, {
      body: { name: 'Renamed Person', extended_profile: { job_title: 'Principal Engineer' } },
    });
    expect(patched.status).toBe(200);
    expect(t.site.account(user)).toMatchObject({
      displayName: 'Renamed Person',
      jobTitle: 'Principal Engineer',
    });
    expect(t.site.emittedEvents().map((e) => e.eventType)).toEqual(['avi:jira:updated:user']);
    expect(record(t.site.emittedEvents()[0]?.payload['user'])['displayName']).toBe('Renamed Person');
    await t.org('PATCH', `/users/${user}/manage/profile`, {
      body: { extended_profile: { location: 'Lisbon' } },
    });
    expect(t.site.emittedEvents()).toHaveLength(1);
    expect(
      (await t.org('PATCH', `/users/${user}/manage/profile`, { body: { nickname: 'x'.repeat(31) } })).status,
    ).toBe(400);
    const manage = record((await t.org('GET', `/users/${user}/manage`)).json);
    expect(manage['lifecycle.enablement']).toEqual({ allowed: true });
  });

  it('refuses unmanaged accounts with 403, unknown ones with 404, and calls without the org key with 401', async () => {
    const t = createTestSite();
    const guest = t.site.simulateInvite({ email: 'guest@partner.example' }).accountId;
    expect((await t.org('GET', `/users/${guest}/manage/profile`)).json).toEqual({ key: 'forbidden' });
    expect((await t.org('GET', `/users/${guest}/manage/profile`)).status).toBe(403);
    expect((await t.org('GET', '/users/712020:ghost/manage/profile')).status).toBe(404);
    const anonymous = await t.call('api', 'GET', `/users/${guest}/manage/profile`, { kind: 'http' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toEqual({ key: 'unauthorized' });
    const foreign = await t.bearer(
      t.site.credentials().foreignOrg.apiKey,
      'GET',
      `/users/${ordinaryJiraUser(t)}/manage/profile`,
    );
    expect(foreign.status).toBe(403);
  });

  it('disables and enables an account: Jira shows it inactive and its seat is freed meanwhile', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    expect(
      (
        await t.org('POST', `/users/${user}/manage/lifecycle/disable`, {
          body: { message: 'Left the company' },
        })
      ).status,
    ).toBe(204);
    expect(t.site.account(user)).toMatchObject({ accountStatus: 'inactive', active: false, products: [] });
    expect(record((await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${user}`)).json)['active']).toBe(
      false,
    );
    expect(t.site.auditRecords().at(-1)?.summary).toBe('User deactivated');
    expect((await t.org('POST', `/users/${user}/manage/lifecycle/enable`)).status).toBe(204);
    expect(t.site.account(user)?.active).toBe(true);
    expect(t.site.emittedEvents()).toEqual([]);
  });

  it('sets emails only on verified domains, and lists and deletes API tokens', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    expect(
      (await t.org('PUT', `/users/${user}/manage/email`, { body: { email: 'moved@acme.example' } })).status,
    ).toBe(204);
    expect(t.site.account(user)?.email).toBe('moved@acme.example');
    const unclaimed = await t.org('PUT', `/users/${user}/manage/email`, {
      body: { email: 'x@elsewhere.example' },
    });
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.json).toMatchObject({
      key: 'forbidden.unclaimedDomain',
      context: { domain: 'elsewhere.example' },
    });
    const { siteAdmin } = t.site.credentials();
    const tokens = list((await t.org('GET', `/users/${siteAdmin.accountId}/manage/api-tokens`)).json);
    expect(tokens.map((token) => token['label'])).toEqual(['Emulator scripts']);
    expect(
      (await t.org('DELETE', `/users/${siteAdmin.accountId}/manage/api-tokens/${String(tokens[0]?.['id'])}`))
        .status,
    ).toBe(204);
    expect((await t.admin('jira', 'GET', '/rest/api/3/myself')).status).toBe(401);
  });
});
