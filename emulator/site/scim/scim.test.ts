// SCIM: the directory key, IdP-pushed users becoming site accounts (created events, audit), profile and group
// pushes emitting avi:jira:updated:user, synced groups visible in Jira, filters, paging, deletes and refusals.
import { createTestSite, list, record } from '../testing/site-test-kit';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ATLASSIAN = 'urn:scim:schemas:extension:atlassian-external:1.0';

function newUser(handle: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    userName: `${handle}@acme.example`,
    externalId: `ext-${handle}`,
    emails: [{ value: `${handle}@acme.example`, type: 'work', primary: true }],
    name: { givenName: 'Sam', familyName: 'Scim' },
    displayName: 'Sam Scim',
    title: 'Data Engineer',
    timezone: 'Europe/Berlin',
    preferredLanguage: 'de-DE',
    active: true,
    [ENTERPRISE]: { department: 'Engineering', organization: 'Acme Corporation' },
    ...extra,
  };
}

describe('SCIM directory key', () => {
  it('answers 401 (Failure body) without the directory key or for another directory', async () => {
    const t = createTestSite();
    const { directoryId, orgApiKey } = t.site.credentials();
    const none = await t.call('api', 'GET', `/scim/directory/${directoryId}/Users`, { kind: 'http' });
    expect(none.status).toBe(401);
    expect(record(none.json)['error']).toMatch(/directory API key/);
    expect((await t.bearer(orgApiKey, 'GET', `/scim/directory/${directoryId}/Users`)).status).toBe(401);
    expect((await t.idp('GET', '/scim/directory/another-directory/Users')).status).toBe(401);
  });
});

describe('SCIM users', () => {
  it('creates a managed site account linked by atlassianAccountId, emitting created events and "User created"', async () => {
    const t = createTestSite();
    const { directoryId } = t.site.credentials();
    const created = await t.idp('POST', `/scim/directory/${directoryId}/Users`, {
      body: newUser('sam.scim'),
    });
    expect(created.status).toBe(201);
    const body = record(created.json);
    const accountId = String(record(body[ATLASSIAN])['atlassianAccountId']);
    expect(record(body[ENTERPRISE])).toEqual({ organization: 'Acme Corporation', department: 'Engineering' });
    expect(t.site.account(accountId)).toMatchObject({
      email: 'sam.scim@acme.example',
      displayName: 'Sam Scim',
      jobTitle: 'Data Engineer',
      department: 'Engineering',
      timeZone: 'Europe/Berlin',
      managed: true,
      // SCIM does not grant product access: groups do.
      products: [],
    });
    expect(t.site.emittedEvents().map((e) => e.eventType)).toEqual([
      'avi:jira:created:user',
      'avi:confluence:created:user',
    ]);
    expect(t.site.auditRecords().map((r) => r.summary)).toEqual(['User created']);
    const jira = record((await t.asApp('jira', 'GET', `/rest/api/3/user?accountId=${accountId}`)).json);
    expect(jira).toMatchObject({ displayName: 'Sam Scim', active: true });
  });

  it('links to an existing managed account with the same email instead of creating one', async () => {
    const t = createTestSite();
    const { directoryId } = t.site.credentials();
    const existing = t.site.simulateJitLogin({
      email: 'jit.first@acme.example',
      displayName: 'Jit First',
    }).accountId;
    const before = t.site.emittedEvents().length;
    const created = await t.idp('POST', `/scim/directory/${directoryId}/Users`, {
      body: newUser('jit.first'),
    });
    expect(record(record(created.json)[ATLASSIAN])['atlassianAccountId']).toBe(existing);
    expect(
      t.site
        .emittedEvents()
        .slice(before)
        .map((e) => e.eventType),
    ).toEqual(['avi:jira:updated:user']);
  });

  it('refuses duplicates (409), emails off the verified domains (400), missing userName (400)', async () => {
    const t = createTestSite();
    const path = `/scim/directory/${t.site.credentials().directoryId}/Users`;
    expect((await t.idp('POST', path, { body: newUser('dup') })).status).toBe(201);
    const again = await t.idp('POST', path, { body: newUser('dup') });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
    });
    const outside = await t.idp('POST', path, {
      body: { userName: 'x@gmail.example', emails: [{ value: 'x@gmail.example', primary: true }] },
    });
    expect(outside.status).toBe(400);
    expect(record(outside.json)['detail']).toMatch(/verified domain/);
    expect((await t.idp('POST', path, { body: { displayName: 'No Name' } })).status).toBe(400);
  });

  it('filters by userName or externalId with eq only, and pages with startIndex and count', async () => {
    const t = createTestSite();
    const path = `/scim/directory/${t.site.credentials().directoryId}/Users`;
    await t.idp('POST', path, { body: newUser('findme') });
    const byName = record(
      (await t.idp('GET', `${path}?filter=${encodeURIComponent('userName eq "FINDME@acme.example"')}`)).json,
    );
    expect(byName).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    const byExternal = record(
      (await t.idp('GET', `${path}?filter=${encodeURIComponent('externalId eq "ext-findme"')}`)).json,
    );
    expect(byExternal['totalResults']).toBe(1);
    expect((await t.idp('GET', `${path}?filter=${encodeURIComponent('title co "x"')}`)).json).toMatchObject({
      status: '400',
      scimType: 'invalidFilter',
    });
    const all = record((await t.idp('GET', `${path}?count=10`)).json);
    const total = Number(all['totalResults']);
    expect(list(all['Resources'])).toHaveLength(10);
    const last = record((await t.idp('GET', `${path}?startIndex=${total}&count=10`)).json);
    expect(list(last['Resources'])).toHaveLength(1);
    const beyond = record((await t.idp('GET', `${path}?startIndex=${total + 5}`)).json);
    expect(list(beyond['Resources'])).toEqual([]);
    const big = createTestSite({ seed: { scale: 150 } });
    const bigPath = `/scim/directory/${big.site.credentials().directoryId}/Users`;
    const capped = record((await big.idp('GET', `${bigPath}?count=1000`)).json);
    expect(list(capped['Resources'])).toHaveLength(100);
    expect(Number(capped['totalResults'])).toBeGreaterThan(100);
  });

  it('pushes profile changes (PATCH and PUT) to the account and emits avi:jira:updated:user', async () => {
    const t = createTestSite();
    const path = `/scim/directory/${t.site.credentials().directoryId}/Users`;
    const created = record((await t.idp('POST', path, { body: newUser('mover') })).json);
    const id = String(created['id']);
    const accountId = String(record(created[ATLASSIAN])['atlassianAccountId']);
    const before = t.site.emittedEvents().length;
    const patched = await t.idp('PATCH', `${path}/${id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'replace', path: 'title', value: 'Staff Data Engineer' },
          { op: 'replace', value: { [ENTERPRISE]: { department: 'Platform' } } },
        ],
      },
    });
    expect(patched.status).toBe(200);
    expect(t.site.account(accountId)).toMatchObject({
      jobTitle: 'Staff Data Engineer',
      department: 'Platform',
    });
    expect(
      t.site
        .emittedEvents()
        .slice(before)
        .map((e) => e.eventType),
    ).toEqual(['avi:jira:updated:user']);
    const replaced = await t.idp('PUT', `${path}/${id}`, {
      body: newUser('mover', { title: 'Manager', displayName: 'Sam Mover' }),
    });
    expect(replaced.status).toBe(200);
    expect(t.site.account(accountId)).toMatchObject({
      jobTitle: 'Manager',
      displayName: 'Sam Mover',
      department: 'Engineering',
    });
    const unsupported = await t.idp('PATCH', `${path}/${id}`, {
      body: { Operations: [{ op: 'replace', path: 'shoeSize', value: '9' }] },
    });
    expect(unsupported.status).toBe(400);
    expect(unsupported.json).toMatchObject({ scimType: 'invalidPath' });
  });

  it('deactivates the account on active=false and on DELETE, after which the SCIM user answers 404', async () => {
    const t = createTestSite();
    const path = `/scim/directory/${t.site.credentials().directoryId}/Users`;
    const created = record((await t.idp('POST', path, { body: newUser('leaver') })).json);
    const id = String(created['id']);
    const accountId = String(record(created[ATLASSIAN])['atlassianAccountId']);
    await t.idp('PATCH', `${path}/${id}`, {
      body: { Operations: [{ op: 'replace', path: 'active', value: 'False' }] },
    });
    expect(t.site.account(accountId)?.active).toBe(false);
    await t.idp('PATCH', `${path}/${id}`, {
      body: { Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect(t.site.account(accountId)?.active).toBe(true);
    expect((await t.idp('DELETE', `${path}/${id}`)).status).toBe(204);
    expect(t.site.account(accountId)?.accountStatus).toBe('inactive');
    expect((await t.idp('GET', `${path}/${id}`)).status).toBe(404);
    expect((await t.idp('DELETE', `${path}/${id}`)).status).toBe(404);
  });
});

describe('SCIM groups', () => {
  it('become site groups shown in Jira; membership pushes reach the site and emit updated events', async () => {
    const t = createTestSite();
    const base = `/scim/directory/${t.site.credentials().directoryId}`;
    const user = record((await t.idp('POST', `${base}/Users`, { body: newUser('grouped') })).json);
    const scimUserId = String(user['id']);
    const accountId = String(record(user[ATLASSIAN])['atlassianAccountId']);
    const group = record(
      (await t.idp('POST', `${base}/Groups`, { body: { displayName: 'idp-data-team' } })).json,
    );
    const groupId = String(group['id']);
    const jira = record(
      (await t.asApp('jira', 'GET', '/rest/api/3/group/bulk?groupName=idp-data-team')).json,
    );
    expect(list(jira['values'])).toHaveLength(1);
    const before = t.site.emittedEvents().length;
    const added = await t.idp('PATCH', `${base}/Groups/${groupId}`, {
      body: { Operations: [{ op: 'add', path: 'members', value: [{ value: scimUserId }] }] },
    });
    expect(list(record(added.json)['members']).map((m) => m['value'])).toEqual([scimUserId]);
    expect(t.site.account(accountId)?.groups).toContain('idp-data-team');
    const updated = t.site.emittedEvents().slice(before);
    expect(updated.map((e) => e.eventType)).toEqual(['avi:jira:updated:user']);
    const items = list(record(record(updated[0]?.payload['user'])['groups'])['items']);
    expect(items.map((g) => g['name'])).toContain('idp-data-team');
    expect(
      list(record((await t.idp('GET', `${base}/Users/${scimUserId}`)).json)['groups']).map(
        (g) => g['display'],
      ),
    ).toEqual(['idp-data-team']);
    await t.idp('PATCH', `${base}/Groups/${groupId}`, {
      body: { Operations: [{ op: 'remove', path: `members[value eq "${scimUserId}"]` }] },
    });
    expect(t.site.account(accountId)?.groups).not.toContain('idp-data-team');
    expect((await t.idp('DELETE', `${base}/Groups/${groupId}`)).status).toBe(204);
    expect(t.site.groups().some((g) => g.name === 'idp-data-team')).toBe(false);
  });

  it('refuses renames, unknown members and duplicate names; filters by displayName', async () => {
    const t = createTestSite();
    const base = `/scim/directory/${t.site.credentials().directoryId}`;
    const existing = record(
      (await t.idp('GET', `${base}/Groups?filter=${encodeURIComponent('displayName eq "idp-sales"')}`)).json,
    );
    const id = String(list(existing['Resources'])[0]?.['id']);
    expect((await t.idp('POST', `${base}/Groups`, { body: { displayName: 'idp-sales' } })).status).toBe(409);
    expect((await t.idp('POST', `${base}/Groups`, { body: { displayName: 'finance-team' } })).status).toBe(
      409,
    );
    const rename = await t.idp('PATCH', `${base}/Groups/${id}`, {
      body: { Operations: [{ op: 'replace', path: 'displayName', value: 'idp-revenue' }] },
    });
    expect(rename.status).toBe(400);
    expect(rename.json).toMatchObject({ scimType: 'mutability' });
    const ghost = await t.idp('PUT', `${base}/Groups/${id}`, {
      body: { displayName: 'idp-sales', members: [{ value: 'ghost' }] },
    });
    expect(ghost.status).toBe(400);
    expect((await t.idp('GET', `${base}/Groups/unknown`)).status).toBe(404);
  });

  it('offers the same pushes to tests through site.scim', () => {
    const t = createTestSite();
    const user = t.site.scim.createUser(newUser('typed'));
    const accountId = String(record(user[ATLASSIAN])['atlassianAccountId']);
    const group = t.site.scim.createGroup({
      displayName: 'idp-typed',
      members: [{ value: String(user['id']) }],
    });
    expect(t.site.account(accountId)?.groups).toEqual(['idp-typed']);
    t.site.scim.patchUser(String(user['id']), [
      { op: 'replace', path: 'displayName', value: 'Typed Person' },
    ]);
    expect(t.site.account(accountId)?.displayName).toBe('Typed Person');
    expect(() => t.site.scim.createGroup({ displayName: 'idp-typed' })).toThrow(/409/);
    t.site.scim.deleteGroup(String(group['id']));
    expect(t.site.scim.groupByName('idp-typed')).toBeUndefined();
  });
});
