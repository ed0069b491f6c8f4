// Jira Cloud platform REST v3, the calls the app makes, typed; every call goes through the chokepoint.
import { route } from '@forge/api';
import type { HttpChokepoint } from './http-chokepoint';
import { ACCEPT_JSON, JSON_HEADERS, type JiraRequester } from './requesters';
import type {
  JiraApplicationRole,
  JiraAuditRecord,
  JiraGlobalPermission,
  JiraGroupName,
  JiraPage,
  JiraPermissionScheme,
  JiraProject,
  JiraProjectRole,
  JiraUser,
} from './jira-types';

/** Account ids per bulk call: a page of `/user/bulk` holds 200, and 50 ids keep the URL short. */
const IDS_PER_CALL = 50;

export class JiraClient {
  constructor(
    private readonly requester: JiraRequester,
    private readonly http: HttpChokepoint,
  ) {}

  getUser(accountId: string): Promise<JiraUser> {
    return this.http.json('GET /rest/api/3/user', () =>
      this.requester.requestJira(
        route`/rest/api/3/user?accountId=${accountId}&expand=groups,applicationRoles`,
        {
          headers: ACCEPT_JSON,
        },
      ),
    );
  }

  /** The user's language setting (`de_DE`), from `/user` without the expansions `getUser` asks for. */
  async userLocale(accountId: string): Promise<string | undefined> {
    const user = await this.http.json<JiraUser>('GET /rest/api/3/user', () =>
      this.requester.requestJira(route`/rest/api/3/user?accountId=${accountId}`, { headers: ACCEPT_JSON }),
    );
    return user.locale;
  }

  /** Needs asApp() and the read:email-address:jira scope; refused for asUser(). */
  getUserEmail(accountId: string): Promise<{ accountId: string; email: string }> {
    return this.http.json('GET /rest/api/3/user/email', () =>
      this.requester.requestJira(route`/rest/api/3/user/email?accountId=${accountId}`, {
        headers: ACCEPT_JSON,
      }),
    );
  }

  /**
   * Users by account id, many a call (`/user/bulk`): what `getUser` gives except groups, application roles and
   * locale. Unknown ids are simply absent.
   */
  async usersByIds(accountIds: readonly string[]): Promise<JiraUser[]> {
    const found: JiraUser[] = [];
    for (let i = 0; i < accountIds.length; i += IDS_PER_CALL) {
      const params = new URLSearchParams();
      for (const id of accountIds.slice(i, i + IDS_PER_CALL)) params.append('accountId', id);
      params.set('maxResults', String(IDS_PER_CALL));
      for (let startAt = 0; ;) {
        params.set('startAt', String(startAt));
        const page = await this.http.json<JiraPage<JiraUser>>('GET /rest/api/3/user/bulk', () =>
          this.requester.requestJira(route`/rest/api/3/user/bulk?${params}`, { headers: ACCEPT_JSON }),
        );
        found.push(...page.values);
        if (page.isLast || page.values.length === 0) break;
        startAt += page.values.length;
      }
    }
    return found;
  }

  /**
   * Email addresses of many accounts a call (`/user/email/bulk`; asApp() and read:email-address:jira, like
   * `getUserEmail`). Accounts Jira has no email for are absent.
   */
  async emailsByIds(accountIds: readonly string[]): Promise<Array<{ accountId: string; email: string }>> {
    const found: Array<{ accountId: string; email: string }> = [];
    for (let i = 0; i < accountIds.length; i += IDS_PER_CALL) {
      const params = new URLSearchParams();
      for (const id of accountIds.slice(i, i + IDS_PER_CALL)) params.append('accountId', id);
      // The spec describes one object; Jira answers a list, one entry per account (see KNOWN_SPEC_DEFECTS).
      const answer = await this.http.json<unknown>('GET /rest/api/3/user/email/bulk', () =>
        this.requester.requestJira(route`/rest/api/3/user/email/bulk?${params}`, { headers: ACCEPT_JSON }),
      );
      const entries = Array.isArray(answer) ? answer : [answer];
      for (const entry of entries as Array<Partial<{ accountId: string; email: string }>>)
        if (typeof entry?.accountId === 'string' && typeof entry.email === 'string')
          found.push({ accountId: entry.accountId, email: entry.email });
    }
    return found;
  }

  /** One page of all users (atlassian, app and customer accounts), in Jira's order. */
  searchUsers(startAt: number, maxResults: number): Promise<JiraUser[]> {
    return this.http.json('GET /rest/api/3/users/search', () =>
      this.requester.requestJira(
        route`/rest/api/3/users/search?startAt=${startAt}&maxResults=${maxResults}`,
        {
          headers: ACCEPT_JSON,
        },
      ),
    );
  }

  /** Users whose name or email matches the query (emails are matched even where privacy hides them). */
  findUsers(query: string, maxResults = 10): Promise<JiraUser[]> {
    return this.http.json('GET /rest/api/3/user/search', () =>
      this.requester.requestJira(route`/rest/api/3/user/search?query=${query}&maxResults=${maxResults}`, {
        headers: ACCEPT_JSON,
      }),
    );
  }

  userGroups(accountId: string): Promise<JiraGroupName[]> {
    return this.http.json('GET /rest/api/3/user/groups', () =>
      this.requester.requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`, {
        headers: ACCEPT_JSON,
      }),
    );
  }

  /** Groups by id; unknown ids are simply absent from the result. */
  async groupsById(groupIds: string[]): Promise<JiraGroupName[]> {
    if (groupIds.length === 0) return [];
    const params = new URLSearchParams();
    for (const id of groupIds) params.append('groupId', id);
    params.set('maxResults', String(Math.min(200, groupIds.length)));
    const page = await this.http.json<JiraPage<JiraGroupName>>('GET /rest/api/3/group/bulk', () =>
      this.requester.requestJira(route`/rest/api/3/group/bulk?${params}`, { headers: ACCEPT_JSON }),
    );
    return page.values;
  }

  /** Groups by exact name (names are unique on a site); unknown names are simply absent. */
  async groupsByName(names: readonly string[]): Promise<JiraGroupName[]> {
    if (names.length === 0) return [];
    const params = new URLSearchParams();
    for (const name of names) params.append('groupName', name);
    params.set('maxResults', String(Math.min(200, names.length)));
    const page = await this.http.json<JiraPage<JiraGroupName>>('GET /rest/api/3/group/bulk', () =>
      this.requester.requestJira(route`/rest/api/3/group/bulk?${params}`, { headers: ACCEPT_JSON }),
    );
    return page.values;
  }

  /**
   * Groups by access level, one page: `site-admin` (site administrators), `admin` (groups holding the
   * ADMINISTER global permission), `user` (groups granting product access).
   */
  groupsByAccessType(
    accessType: 'site-admin' | 'admin' | 'user',
    startAt = 0,
    maxResults = 50,
  ): Promise<JiraPage<JiraGroupName>> {
    return this.http.json('GET /rest/api/3/group/bulk', () =>
      this.requester.requestJira(
        route`/rest/api/3/group/bulk?accessType=${accessType}&startAt=${startAt}&maxResults=${maxResults}`,
        { headers: ACCEPT_JSON },
      ),
    );
  }

  searchGroups(query: string, maxResults = 50): Promise<{ groups: JiraGroupName[] }> {
    return this.http.json('GET /rest/api/3/groups/picker', () =>
      this.requester.requestJira(route`/rest/api/3/groups/picker?query=${query}&maxResults=${maxResults}`, {
        headers: ACCEPT_JSON,
      }),
    );
  }

  groupMembers(groupId: string, startAt: number, maxResults = 50): Promise<JiraPage<JiraUser>> {
    return this.http.json('GET /rest/api/3/group/member', () =>
      this.requester.requestJira(
        route`/rest/api/3/group/member?groupId=${groupId}&startAt=${startAt}&maxResults=${maxResults}&includeInactiveUsers=true`,
        { headers: ACCEPT_JSON },
      ),
    );
  }

  /** Site admin required (manage:jira-configuration); Jira answers 400 when the user is already a member. */
  async addUserToGroup(groupId: string, accountId: string): Promise<void> {
    await this.http.send('POST /rest/api/3/group/user', () =>
      this.requester.requestJira(route`/rest/api/3/group/user?groupId=${groupId}`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ accountId }),
      }),
    );
  }

  async removeUserFromGroup(groupId: string, accountId: string): Promise<void> {
    await this.http.send('DELETE /rest/api/3/group/user', () =>
      this.requester.requestJira(route`/rest/api/3/group/user?groupId=${groupId}&accountId=${accountId}`, {
        method: 'DELETE',
      }),
    );
  }

  applicationRoles(): Promise<JiraApplicationRole[]> {
    return this.http.json('GET /rest/api/3/applicationrole', () =>
      this.requester.requestJira(route`/rest/api/3/applicationrole`, { headers: ACCEPT_JSON }),
    );
  }

  projects(startAt: number, maxResults = 50): Promise<JiraPage<JiraProject>> {
    return this.http.json('GET /rest/api/3/project/search', () =>
      this.requester.requestJira(
        route`/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`,
        {
          headers: ACCEPT_JSON,
        },
      ),
    );
  }

  /** Projects by id with their leads (`expand=lead`), at most 50 per call. */
  projectsWithLeads(projectIds: readonly string[]): Promise<JiraPage<JiraProject>> {
    const params = new URLSearchParams({ expand: 'lead', maxResults: '50' });
    for (const id of projectIds) params.append('id', id);
    return this.http.json('GET /rest/api/3/project/search', () =>
      this.requester.requestJira(route`/rest/api/3/project/search?${params}`, { headers: ACCEPT_JSON }),
    );
  }

  /** Role name → role URL for a project. */
  projectRoles(projectIdOrKey: string): Promise<Record<string, string>> {
    return this.http.json('GET /rest/api/3/project/{projectIdOrKey}/role', () =>
      this.requester.requestJira(route`/rest/api/3/project/${projectIdOrKey}/role`, { headers: ACCEPT_JSON }),
    );
  }

  projectRole(projectIdOrKey: string, roleId: string): Promise<JiraProjectRole> {
    return this.http.json('GET /rest/api/3/project/{projectIdOrKey}/role/{id}', () =>
      this.requester.requestJira(route`/rest/api/3/project/${projectIdOrKey}/role/${roleId}`, {
        headers: ACCEPT_JSON,
      }),
    );
  }

  async addProjectRoleActor(projectIdOrKey: string, roleId: string, accountId: string): Promise<void> {
    await this.http.send('POST /rest/api/3/project/{projectIdOrKey}/role/{id}', () =>
      this.requester.requestJira(route`/rest/api/3/project/${projectIdOrKey}/role/${roleId}`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ user: [accountId] }),
      }),
    );
  }

  async removeProjectRoleActor(projectIdOrKey: string, roleId: string, accountId: string): Promise<void> {
    await this.http.send('DELETE /rest/api/3/project/{projectIdOrKey}/role/{id}', () =>
      this.requester.requestJira(
        route`/rest/api/3/project/${projectIdOrKey}/role/${roleId}?user=${accountId}`,
        {
          method: 'DELETE',
        },
      ),
    );
  }

  /** Global roles (id and name), for the admin page's role picker. */
  roles(): Promise<JiraProjectRole[]> {
    return this.http.json('GET /rest/api/3/role', () =>
      this.requester.requestJira(route`/rest/api/3/role`, { headers: ACCEPT_JSON }),
    );
  }

  auditRecords(options: {
    from: string;
    to?: string;
    offset: number;
    limit: number;
    filter?: string;
  }): Promise<{
    offset: number;
    limit: number;
    total: number;
    records: JiraAuditRecord[];
  }> {
    const params = new URLSearchParams({
      from: options.from,
      offset: String(options.offset),
      limit: String(options.limit),
    });
    if (options.to) params.set('to', options.to);
    if (options.filter) params.set('filter', options.filter);
    return this.http.json('GET /rest/api/3/auditing/record', () =>
      this.requester.requestJira(route`/rest/api/3/auditing/record?${params}`, { headers: ACCEPT_JSON }),
    );
  }

  /**
   * Which of these global permissions the caller (asUser) holds, in one call. ADMINISTER is Administer Jira;
   * SYSTEM_ADMIN is held by site admins only (Jira Cloud does not let it be granted from Jira's settings).
   */
  async globalPermissions<K extends JiraGlobalPermission>(keys: readonly K[]): Promise<Record<K, boolean>> {
    const result = await this.http.json<{ permissions: Record<string, { havePermission: boolean }> }>(
      'GET /rest/api/3/mypermissions',
      () =>
        this.requester.requestJira(route`/rest/api/3/mypermissions?permissions=${keys.join(',')}`, {
          headers: ACCEPT_JSON,
        }),
    );
    return Object.fromEntries(
      keys.map((key) => [key, result.permissions[key]?.havePermission === true]),
    ) as Record<K, boolean>;
  }

  /** The permission scheme a project uses, with its grants (any `expand` value includes them). */
  projectPermissionScheme(projectIdOrKey: string): Promise<JiraPermissionScheme> {
    return this.http.json('GET /rest/api/3/project/{projectKeyOrId}/permissionscheme', () =>
      this.requester.requestJira(
        route`/rest/api/3/project/${projectIdOrKey}/permissionscheme?expand=permissions`,
        {
          headers: ACCEPT_JSON,
        },
      ),
    );
  }

  myself(): Promise<JiraUser> {
    return this.http.json('GET /rest/api/3/myself', () =>
      this.requester.requestJira(route`/rest/api/3/myself`, { headers: ACCEPT_JSON }),
    );
  }

  /** Sends a Jira notification about an issue to the given users (the inactivity warning channel). */
  async notify(
    issueIdOrKey: string,
    message: { subject: string; textBody: string; htmlBody?: string; accountIds: string[] },
  ) {
    await this.http.send('POST /rest/api/3/issue/{issueIdOrKey}/notify', () =>
      this.requester.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/notify`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          subject: message.subject,
          textBody: message.textBody,
          ...(message.htmlBody ? { htmlBody: message.htmlBody } : {}),
          to: { users: message.accountIds.map((accountId) => ({ accountId })) },
        }),
      }),
    );
  }
}
