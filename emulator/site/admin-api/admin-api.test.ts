// The Organizations (Admin) API: keys (401 without, 403 for another org's), org and directory lookups,
// directory users with cursors and filters, the user search (accounts by id, groups expanded), suspend/restore, group memberships (synced groups refused, 409
// at the seat limit), and multi-site last-active-dates.
import { createTestSite, list, ordinaryJiraUser, record } from '../testing/site-test-kit';

describe('Admin API keys', () => {
  it('answers 401 without a valid org key and 403 with another org’s key', async () => {
    const t = createTestSite();
    const { orgId, foreignOrg } = t.site.credentials();
    const none = await t.call('api', 'GET', `/admin/v1/orgs/${orgId}`, { kind: 'http' });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ code: 401, message: 'Unauthorized' });
    expect((await t.bearer('not-a-key', 'GET', `/admin/v1/orgs/${orgId}`)).status).toBe(401);
    expect(
      (await t.call('api', 'GET', `/admin/v1/orgs/${orgId}`, { kind: 'app', appAccountId: t.appAccountId }))
        .status,
    ).toBe(401);
    const foreign = await t.bearer(foreignOrg.apiKey, 'GET', `/admin/v1/orgs/${orgId}`);
    expect(foreign.status).toBe(403);
    expect(foreign.json).toMatchObject({ errors: [{ status: '403', code: 'ADMIN-403-1' }] });
    expect((await t.bearer(foreignOrg.apiKey, 'GET', `/admin/v1/orgs/${foreignOrg.orgId}`)).status).toBe(200);
  });

  it('looks up the org, its domains, directories and workspaces (both sites)', async () => {
    const t = createTestSite();
    const { orgId, directoryId, cloudId, otherSites } = t.site.credentials();
    expect(list(record((await t.org('GET', '/admin/v1/orgs')).json)['data'])[0]).toMatchObject({
      id: orgId,
      type: 'orgs',
    });
    expect(
      list(record((await t.org('GET', `/admin/v1/orgs/${orgId}/domains`)).json)['data'])[0],
    ).toMatchObject({
      attributes: { name: 'acme.example' },
    });
    expect(list(record((await t.org('GET', `/admin/v2/orgs/${orgId}/directories`)).json)['data'])).toEqual([
      { directoryId, name: 'Acme Corporation' },
    ]);
    const workspaces = list(
      record((await t.org('POST', `/admin/v2/orgs/${orgId}/workspaces`, { body: {} })).json)['data'],
    );
    expect(workspaces.map((w) => w['id'])).toEqual([
      `ari:cloud:jira::site/${cloudId}`,
      `ari:cloud:confluence::site/${cloudId}`,
      `ari:cloud:jira::site/${otherSites[0]?.cloudId ?? ''}`,
      `ari:cloud:confluence::site/${otherSites[0]?.cloudId ?? ''}`,
    ]);
  });
});

describe('Admin API directory users', () => {
  it('pages every directory user with links.next cursors and filters by status', async () => {
    const t = createTestSite();
    const { orgId } = t.site.credentials();
    const base = `/admin/v2/orgs/${orgId}/directories/-/users`;
    const ids: string[] = [];
    let cursor: unknown = undefined;
    do {
      const page = record(
        (await t.org('GET', `${base}?limit=25${typeof cursor === 'string' ? `&cursor=${cursor}` : ''}`)).json,
      );
      ids.push(...list(page['data']).map((u) => String(u['accountId'])));
      cursor = record(page['links'])['next'];
    } while (typeof cursor === 'string');
    const humans = t.site.accounts(0, 1000).accounts.filter((a) => a.accountType === 'atlassian');
    expect(ids).toHaveLength(humans.length);
    const suspended = list(record((await t.org('GET', `${base}?status=suspended`)).json)['data']);
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.every((u) => u['status'] === 'suspended' && u['membershipStatus'] === 'suspended')).toBe(
      true,
    );
    const unmanaged = list(record((await t.org('GET', `${base}?claimStatus=unmanaged`)).json)['data']);
    expect(unmanaged.every((u) => String(u['email']).endsWith('@contractor.example'))).toBe(true);
    expect((await t.org('GET', `${base}?cursor=%%%`)).status).toBe(400);
    expect((await t.org('GET', `/admin/v2/orgs/${orgId}/directories/not-mine/users`)).status).toBe(404);
  });

  it('searches users with a JSON body (the replacement of the GET), paging with cursors in the body', async () => {
    const t = createTestSite();
    const { orgId, siteAdmin } = t.site.credentials();
    const search = (body: Record<string, unknown>) =>
      t.org('POST', `/admin/v2/orgs/${orgId}/directories/-/users/search`, { body });
    const ids: string[] = [];
    let cursor: unknown = undefined;
    do {
      const page = record((await search(typeof cursor === 'string' ? { cursor } : { limit: 25 })).json);
      ids.push(...list(page['data']).map((u) => String(u['accountId'])));
      cursor = record(page['links'])['next'];
    } while (typeof cursor === 'string');
    const humans = t.site.accounts(0, 1000).accounts.filter((a) => a.accountType === 'atlassian');
    expect(ids).toHaveLength(humans.length);
    const suspended = list(record((await search({ status: ['suspended'] })).json)['data']);
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.every((u) => u['status'] === 'suspended')).toBe(true);
    const byEmail = list(record((await search({ emails: [siteAdmin.email] })).json)['data']);
    expect(byEmail.map((u) => u['accountId'])).toEqual([siteAdmin.accountId]);
    expect((await search({ emails: [siteAdmin.email], searchTerm: 'x' })).status).toBe(400);
    expect((await search({ limit: 101 })).status).toBe(400);
    expect((await search({ cursor: '%%%' })).status).toBe(400);
  });

  it('answers platform roles from the search only when expand asks for them', async () => {
    const t = createTestSite();
    const { orgId, siteAdmin } = t.site.credentials();
    const one = async (body: Record<string, unknown>) =>
      list(
        record(
          (
            await t.org('POST', `/admin/v2/orgs/${orgId}/directories/-/users/search`, {
              body: { accountIds: [siteAdmin.accountId], ...body },
            })
          ).json,
        )['data'],
      )[0];
    expect(await one({})).not.toHaveProperty('platformRoles');
    expect(await one({ expand: ['platformRoles'] })).toMatchObject({
      platformRoles: ['atlassian/site-admin'],
    });
    // The deprecated GET answers them always, as before.
    const get = await t.org(
      'GET',
      `/admin/v2/orgs/${orgId}/directories/-/users?accountIds=${siteAdmin.accountId}`,
    );
    expect(list(record(get.json)['data'])[0]).toMatchObject({ platformRoles: ['atlassian/site-admin'] });
  });

  it('stops answering the deprecated GET after 2027-06-30, while the search goes on', async () => {
    const t = createTestSite();
    const { orgId } = t.site.credentials();
    t.clock.set(Date.UTC(2027, 5, 30, 23, 0));
    expect((await t.org('GET', `/admin/v2/orgs/${orgId}/directories/-/users?limit=1`)).status).toBe(200);
    t.clock.set(Date.UTC(2027, 6, 1, 0, 0));
    const gone = await t.org('GET', `/admin/v2/orgs/${orgId}/directories/-/users?limit=1`);
    expect(gone.status).toBe(404);
    expect(JSON.stringify(gone.json)).toMatch(/stopped working after 2027-06-30; use POST .*users\/search/);
    const search = await t.org('POST', `/admin/v2/orgs/${orgId}/directories/-/users/search`, {
      body: { limit: 1 },
    });
    expect(search.status).toBe(200);
  });

  it('searches users by account id with their profile and, on request, their groups; pages with the cursor', async () => {
    const t = createTestSite();
    const { orgId, directoryId } = t.site.credentials();
    const path = `/admin/v2/orgs/${orgId}/directories/${directoryId}/users/search`;
    const people = t.site.accounts(0, 1000).accounts.filter((a) => a.accountType === 'atlassian');
    const wanted = people.slice(0, 30).map((a) => a.accountId);
    const ids: string[] = [];
    let cursor: unknown = undefined;
    let first: Record<string, unknown> | undefined;
    do {
      const body =
        typeof cursor === 'string' ? { cursor } : { accountIds: wanted, limit: 20, expand: ['groups'] };
      const reply = await t.org('POST', path, { body });
      expect(reply.status).toBe(200);
      const page = record(reply.json);
      first ??= list(page['data'])[0];
      ids.push(...list(page['data']).map((u) => String(u['accountId'])));
      cursor = record(page['links'])['next'];
    } while (typeof cursor === 'string');
    expect(ids.sort()).toEqual([...wanted].sort());
    const user = t.site.account(String(first?.['accountId']));
    expect(first?.['accountId']).toBe(user?.accountId);
    expect(typeof first?.['department']).toBe('string');
    // The groups the site knows the user is in, with their ids: the same groups Jira lists.
    const groups = list(first?.['groups']);
    expect(groups.map((g) => g['name']).sort()).toEqual([...(user?.groups ?? [])].sort());
    expect(groups.every((g) => typeof g['id'] === 'string' && g['id'] !== '')).toBe(true);

    const plain = list(
      record((await t.org('POST', path, { body: { accountIds: wanted.slice(0, 2) } })).json)['data'],
    );
    expect(plain.map((u) => u['groups'])).toEqual([undefined, undefined]);
    const byEmail = list(
      record((await t.org('POST', path, { body: { emails: [String(user?.email).toUpperCase()] } })).json)[
        'data'
      ],
    );
    expect(byEmail.map((u) => u['accountId'])).toEqual([user?.accountId]);
  });

  it('refuses a search with too many ids, a bad expansion, a bad cursor, or both searchTerm and emails', async () => {
    const t = createTestSite();
    const { orgId, directoryId } = t.site.credentials();
    const path = `/admin/v2/orgs/${orgId}/directories/${directoryId}/users/search`;
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    expect((await t.org('POST', path, { body: { accountIds: ids } })).status).toBe(400);
    expect((await t.org('POST', path, { body: { expand: ['everything'] } })).status).toBe(400);
    expect((await t.org('POST', path, { body: { cursor: '%%%' } })).status).toBe(400);
    expect((await t.org('POST', path, { body: { searchTerm: 'a', emails: ['a@b.c'] } })).status).toBe(400);
    expect((await t.org('POST', path, { body: { limit: 500 } })).status).toBe(400);
    expect(
      (await t.org('POST', `/admin/v2/orgs/${orgId}/directories/not-mine/users/search`, { body: {} })).status,
    ).toBe(404);
    expect((await t.call('api', 'POST', path, { kind: 'http' }, { body: {} })).status).toBe(401);
  });

  it('suspends and restores org-wide, and refuses a restore over the seat limit with 409', async () => {
    const t = createTestSite();
    const { orgId, directoryId } = t.site.credentials();
    const user = ordinaryJiraUser(t);
    const at = (action: string) =>
      t.org('POST', `/admin/v2/orgs/${orgId}/directories/${directoryId}/users/${user}/${action}`);
    expect((await at('suspend')).status).toBe(200);
    expect(t.site.account(user)).toMatchObject({
      membershipStatus: 'suspended',
      active: false,
      products: [],
    });
    t.site.setRateLimits('off');
    // Fill every free Jira seat while the user is away.
    for (let i = 0; t.site.groupMembers('jira-software-users').length < 200 && i < 80; i++)
      t.site.simulateInvite({ email: `filler${i}@partner.example` });
    const restore = await at('restore');
    expect(restore.status).toBe(409);
    expect(record(restore.json)['errors']).toEqual([expect.objectContaining({ code: 'ADMIN-409-1' })]);
    expect(
      (await t.org('POST', `/admin/v2/orgs/${orgId}/directories/${directoryId}/users/712020:ghost/suspend`))
        .status,
    ).toBe(404);
  });
});

describe('Admin API group memberships', () => {
  it('adds and removes members, refuses synced groups, unknown users, and a full product with 409', async () => {
    const t = createTestSite();
    const { orgId, directoryId } = t.site.credentials();
    const groups = t.site.groups();
    const id = (name: string) => groups.find((g) => g.name === name)?.groupId ?? '';
    const user = ordinaryJiraUser(t);
    const base = `/admin/v2/orgs/${orgId}/directories/${directoryId}/groups`;
    expect(
      (await t.org('POST', `${base}/${id('finance-team')}/memberships`, { body: { accountId: user } }))
        .status,
    ).toBe(200);
    expect(t.site.account(user)?.groups).toContain('finance-team');
    expect((await t.org('DELETE', `${base}/${id('finance-team')}/memberships/${user}`)).status).toBe(200);
    expect((await t.org('DELETE', `${base}/${id('finance-team')}/memberships/${user}`)).status).toBe(404);
    const synced = await t.org('POST', `${base}/${id('idp-sales')}/memberships`, {
      body: { accountId: user },
    });
    expect(synced.status).toBe(400);
    expect(
      (
        await t.org('POST', `${base}/${id('finance-team')}/memberships`, {
          body: { accountId: '712020:ghost' },
        })
      ).status,
    ).toBe(404);
    // No Jira seat left: adding someone without Jira to the Jira group is refused.
    const guest = t.site.simulateInvite({ email: 'noseat@partner.example' }).accountId;
    t.site.setGroupMembership(guest, 'jira-software-users', false);
    for (let i = 0; i < 80; i++) t.site.simulateInvite({ email: `seat${i}@partner.example` });
    const full = await t.org('POST', `${base}/${id('jira-software-users')}/memberships`, {
      body: { accountId: guest },
    });
    expect(full.status).toBe(409);
    const listed = record((await t.org('GET', `${base}?limit=2`)).json);
    expect(list(listed['data'])).toHaveLength(2);
    expect(typeof record(listed['links'])['next']).toBe('string');
  });
});

describe('Admin API last-active-dates', () => {
  it('reports activity on every site of the org, keyed by product-instance ARI, so the app must filter', async () => {
    const t = createTestSite();
    const { orgId, cloudId, otherSites } = t.site.credentials();
    const person = t.site.simulateJitLogin({
      email: 'traveller@acme.example',
      displayName: 'Traveller',
    }).accountId;
    const path = `/admin/v1/orgs/${orgId}/directory/users/${person}/last-active-dates`;
    expect(record(record((await t.org('GET', path)).json)['data'])['product_access']).toEqual([]);
    const day = 86_400_000;
    t.site.recordActivity(person, 'jira-software', t.clock.now() - 100 * day);
    t.site.recordActivity(person, 'jira-software', t.clock.now() - 2 * day, otherSites[0]?.cloudId);
    t.site.recordActivity(person, 'confluence', t.clock.now() - 3 * day);
    const data = record(record((await t.org('GET', path)).json)['data']);
    const entries = list(data['product_access']);
    expect(entries).toHaveLength(3);
    const here = entries.filter((e) => String(e['id']).endsWith(cloudId));
    expect(here.map((e) => [e['key'], e['id']])).toEqual([
      ['jira-software', `ari:cloud:jira::site/${cloudId}`],
      ['confluence', `ari:cloud:confluence::site/${cloudId}`],
    ]);
    expect(here[0]?.['last_active']).toBe(new Date(t.clock.now() - 100 * day).toISOString().slice(0, 10));
    expect(data['added_to_org']).toBe(new Date(t.clock.now()).toISOString().slice(0, 10));
    expect(
      (await t.org('GET', `/admin/v1/orgs/${orgId}/directory/users/712020:ghost/last-active-dates`)).status,
    ).toBe(404);
  });

  it('hides activity younger than the configured lag', async () => {
    const t = createTestSite();
    const { orgId } = t.site.credentials();
    const person = t.site.simulateJitLogin({ email: 'lagged@acme.example', displayName: 'Lagged' }).accountId;
    t.site.setLastActiveLag(24 * 3_600_000);
    t.site.recordActivity(person, 'confluence');
    const path = `/admin/v1/orgs/${orgId}/directory/users/${person}/last-active-dates`;
    expect(list(record(record((await t.org('GET', path)).json)['data'])['product_access'])).toEqual([]);
    t.clock.advance(24 * 3_600_000);
    expect(list(record(record((await t.org('GET', path)).json)['data'])['product_access'])).toHaveLength(1);
  });
});
