// Every way a licence group's membership changes leaves Jira's "User added to group" / "User removed from group"
// record, read back through /rest/api/3/auditing/record (a strict site: the response is checked against the spec).
import { createTestSite, list, ordinaryJiraUser, record, type TestSite } from '../testing/site-test-kit';

const GROUP = 'jira-software-users';

/** The group-management records about `accountId`, oldest first, as the app reads them. */
async function groupRecords(t: TestSite, accountId: string): Promise<string[]> {
  const reply = await t.asApp('jira', 'GET', '/rest/api/3/auditing/record?filter=group&limit=1000');
  expect(reply.status).toBe(200);
  return list(record(reply.json)['records'])
    .filter((r) => list(r['associatedItems']).some((item) => item['id'] === accountId))
    .map((r) => {
      const object = record(r['objectItem']);
      expect(object['typeName']).toBe('GROUP');
      expect(r['category']).toBe('group management');
      return `${String(r['summary'])}: ${String(object['name'])}`;
    })
    .reverse();
}

function groupId(t: TestSite, name: string): string {
  const group = t.site.groups().find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.groupId;
}

describe('the audit record of a licence-group change', () => {
  let t: TestSite;
  let user: string;
  beforeEach(() => {
    t = createTestSite();
    user = ordinaryJiraUser(t);
    t.clock.advance(60_000);
  });
  afterEach(() => expect(t.violations).toEqual([]));

  it('is written for Jira REST removals and additions', async () => {
    const id = groupId(t, GROUP);
    const removed = await t.admin('jira', 'DELETE', `/rest/api/3/group/user?groupId=${id}&accountId=${user}`);
    expect(removed.status).toBe(200);
    const added = await t.admin('jira', 'POST', `/rest/api/3/group/user?groupId=${id}`, {
      body: { accountId: user },
    });
    expect(added.status).toBe(201);
    expect(await groupRecords(t, user)).toEqual([
      `User removed from group: ${GROUP}`,
      `User added to group: ${GROUP}`,
    ]);
  });

  it('is written for Admin API group memberships (the org key)', async () => {
    const { orgId, directoryId } = t.site.credentials();
    const base = `/admin/v2/orgs/${orgId}/directories/${directoryId}/groups/${groupId(t, GROUP)}/memberships`;
    expect((await t.org('DELETE', `${base}/${user}`)).status).toBe(200);
    expect((await t.org('POST', base, { body: { accountId: user } })).status).toBe(200);
    expect(await groupRecords(t, user)).toEqual([
      `User removed from group: ${GROUP}`,
      `User added to group: ${GROUP}`,
    ]);
  });

  it("is written for Confluence's group endpoints", async () => {
    const path = `/wiki/rest/api/group/userByGroupId?groupId=${groupId(t, GROUP)}`;
    expect((await t.admin('confluence', 'DELETE', `${path}&accountId=${user}`)).status).toBe(204);
    expect((await t.admin('confluence', 'POST', path, { body: { accountId: user } })).status).toBe(201);
    expect(await groupRecords(t, user)).toEqual([
      `User removed from group: ${GROUP}`,
      `User added to group: ${GROUP}`,
    ]);
  });

  it("is written for the console's changes by hand, invitations and JIT logins", async () => {
    t.site.setGroupMembership(user, GROUP, false);
    t.site.setGroupMembership(user, GROUP, true);
    expect(await groupRecords(t, user)).toEqual([
      `User removed from group: ${GROUP}`,
      `User added to group: ${GROUP}`,
    ]);
    const invited = t.site.simulateInvite({ email: 'new.hire@partner.example' }).accountId;
    expect(await groupRecords(t, invited)).toContain(`User added to group: ${GROUP}`);
    const jit = t.site.simulateJitLogin({ email: 'jit.user@acme.example', displayName: 'Jit' }).accountId;
    expect(await groupRecords(t, jit)).toContain(`User added to group: ${GROUP}`);
  });

  it('is written for changes the identity provider pushes through SCIM to a synced group', async () => {
    const scim = t.site.scim;
    const created = scim.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'synced.person@acme.example',
      emails: [{ value: 'synced.person@acme.example', primary: true }],
      name: { givenName: 'Synced', familyName: 'Person' },
      displayName: 'Synced Person',
    });
    const accountId = String(
      record(created['urn:scim:schemas:extension:atlassian-external:1.0'])['atlassianAccountId'],
    );
    const group = scim.createGroup({
      displayName: 'idp-licensed',
      members: [{ value: String(created['id']) }],
    });
    scim.patchGroup(String(group['id']), [
      { op: 'remove', path: `members[value eq "${String(created['id'])}"]` },
    ]);
    expect(await groupRecords(t, accountId)).toEqual([
      'User added to group: idp-licensed',
      'User removed from group: idp-licensed',
    ]);
  });
});

describe("the audit log's indexing lag", () => {
  it('lists a change only once the lag has passed, also within an explicit window', async () => {
    const t = createTestSite();
    const user = ordinaryJiraUser(t);
    t.clock.advance(60_000);
    t.site.setAuditLag(5 * 60_000);
    t.site.setGroupMembership(user, GROUP, false);
    expect(await groupRecords(t, user)).toEqual([]);
    const to = encodeURIComponent(new Date(t.clock.now() + 3_600_000).toISOString());
    const windowed = await t.asApp('jira', 'GET', `/rest/api/3/auditing/record?filter=group&to=${to}`);
    expect(record(windowed.json)['total']).toBe(0);
    t.clock.advance(5 * 60_000);
    expect(await groupRecords(t, user)).toEqual([`User removed from group: ${GROUP}`]);
    expect(() => t.site.setAuditLag(-1)).toThrow(RangeError);
  });
});
