// The Atlassian Organizations (Admin) API on api.atlassian.com with the customer's org API key (Bearer).
import type { HttpChokepoint } from './http-chokepoint';
import type { ExternalFetch } from './requesters';
import type {
  CursorPage,
  DirectoryUser,
  LastActiveDates,
  ManagedAccount,
  ManagedProfile,
  Workspace,
} from './admin-types';

export interface AdminCredentials {
  orgId: string;
  directoryId: string;
  apiKey: string;
}

const enc = encodeURIComponent;

/** Accounts per user search: the most a page holds (and the most ids a search takes, as far as is known). */
const SEARCH_BATCH = 100;

export class AdminClient {
  constructor(
    private readonly fetch: ExternalFetch,
    private readonly http: HttpChokepoint,
    private readonly credentials: AdminCredentials,
  ) {}

  private headers(json = false): Record<string, string> {
    return {
      Authorization: `Bearer ${this.credentials.apiKey}`,
      Accept: 'application/json',
      ...(json ? { 'Content-Type': 'application/json' } : {}),
    };
  }

  private get org(): string {
    return enc(this.credentials.orgId);
  }

  private get directory(): string {
    return `${this.org}/directories/${enc(this.credentials.directoryId)}`;
  }

  /**
   * The profile fields the org's directory holds (job title, department, organization, location, time zone),
   * from the user-management API. Only accounts the org manages have one: others answer 403.
   */
  async managedProfile(accountId: string): Promise<ManagedProfile> {
    const body = await this.http.json<{ account: ManagedAccount }>(
      'GET /users/{account_id}/manage/profile',
      () =>
        this.fetch(`https://api.atlassian.com/users/${enc(accountId)}/manage/profile`, {
          headers: this.headers(),
        }),
    );
    const extended = body.account.extended_profile ?? {};
    return {
      jobTitle: extended.job_title ?? null,
      department: extended.department ?? null,
      organization: extended.organization ?? null,
      location: extended.location ?? null,
      timeZone: body.account.zoneinfo ?? null,
    };
  }

  /**
   * A page of the org's directory users. Uses the search (POST …/users/search): Atlassian's changelog retires the
   * GET …/users listing after 2027-06-30. Platform roles come back only when expanded, so they always are.
   */
  directoryUsers(cursor?: string, limit = 100): Promise<CursorPage<DirectoryUser>> {
    return this.searchDirectoryUsers(cursor ? { cursor } : { limit });
  }

  /** Directory entries of up to 100 given accounts in one call: status, platform roles, when added to the org. */
  directoryUsersByIds(accountIds: readonly string[]): Promise<CursorPage<DirectoryUser>> {
    if (accountIds.length > 100) throw new RangeError('directoryUsersByIds takes at most 100 account ids');
    return this.searchDirectoryUsers({ accountIds: [...accountIds], limit: 100 });
  }

  private searchDirectoryUsers(
    query: { cursor: string } | { limit: number; accountIds?: string[]; expand?: string[] },
  ): Promise<CursorPage<DirectoryUser>> {
    // A cursor carries the whole query; with one, Atlassian ignores every other field.
    const body = 'cursor' in query ? query : { expand: ['platformRoles'], ...query };
    return this.http.json('POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search', () =>
      this.fetch(`https://api.atlassian.com/admin/v2/orgs/${this.directory}/users/search`, {
        method: 'POST',
        headers: this.headers(true),
        body: JSON.stringify(body),
      }),
    );
  }

  /**
   * Directory entries of the given accounts with their profile fields and (with `groups`) the groups each is in:
   * at most 100 accounts a call, every page followed. Accounts the directory does not hold are absent.
   */
  async searchUsers(accountIds: readonly string[], options: { groups: boolean }): Promise<DirectoryUser[]> {
    const found: DirectoryUser[] = [];
    for (let i = 0; i < accountIds.length; i += SEARCH_BATCH) {
      let page = await this.searchDirectoryUsers({
        accountIds: accountIds.slice(i, i + SEARCH_BATCH),
        limit: SEARCH_BATCH,
        expand: options.groups ? ['groups'] : [],
      });
      found.push(...page.data);
      while (page.links?.next) {
        page = await this.searchDirectoryUsers({ cursor: page.links.next });
        found.push(...page.data);
      }
    }
    return found;
  }

  /** Adds a member; Atlassian answers 409 when the user already is one (treated as done by callers). */
  async addGroupMember(groupId: string, accountId: string): Promise<void> {
    await this.http.send(
      'POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships',
      () =>
        this.fetch(
          `https://api.atlassian.com/admin/v2/orgs/${this.directory}/groups/${enc(groupId)}/memberships`,
          {
            method: 'POST',
            headers: this.headers(true),
            body: JSON.stringify({ accountId }),
          },
        ),
    );
  }

  async removeGroupMember(groupId: string, accountId: string): Promise<void> {
    await this.http.send(
      'DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}',
      () =>
        this.fetch(
          `https://api.atlassian.com/admin/v2/orgs/${this.directory}/groups/${enc(groupId)}/memberships/${enc(accountId)}`,
          { method: 'DELETE', headers: this.headers() },
        ),
    );
  }

  /** One page of a user's last-active dates; pass `links.next` back as `cursor` for the next page. */
  lastActiveDates(accountId: string, cursor?: string): Promise<LastActiveDates> {
    const query = cursor ? `?cursor=${enc(cursor)}` : '';
    return this.http.json('GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates', () =>
      this.fetch(
        `https://api.atlassian.com/admin/v1/orgs/${this.org}/directory/users/${enc(accountId)}/last-active-dates${query}`,
        {
          headers: this.headers(),
        },
      ),
    );
  }

  /** Org-wide: the user loses access to every product on every site of the org. */
  async suspend(accountId: string): Promise<void> {
    await this.http.send(
      'POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend',
      () =>
        this.fetch(
          `https://api.atlassian.com/admin/v2/orgs/${this.directory}/users/${enc(accountId)}/suspend`,
          {
            method: 'POST',
            headers: this.headers(),
          },
        ),
    );
  }

  async restore(accountId: string): Promise<void> {
    await this.http.send(
      'POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore',
      () =>
        this.fetch(
          `https://api.atlassian.com/admin/v2/orgs/${this.directory}/users/${enc(accountId)}/restore`,
          {
            method: 'POST',
            headers: this.headers(),
          },
        ),
    );
  }

  /** The org's sites and products (the app uses it to learn its own site's product ARIs). */
  workspaces(cursor?: string): Promise<CursorPage<Workspace>> {
    return this.http.json('POST /admin/v2/orgs/{orgId}/workspaces', () =>
      this.fetch(`https://api.atlassian.com/admin/v2/orgs/${this.org}/workspaces`, {
        method: 'POST',
        headers: this.headers(true),
        body: JSON.stringify(cursor ? { cursor, limit: 100 } : { limit: 100 }),
      }),
    );
  }

  /** Cheap authenticated call for "Test connection". */
  organization(): Promise<{ data: { id: string; attributes: { name?: string } } }> {
    return this.http.json('GET /admin/v1/orgs/{orgId}', () =>
      this.fetch(`https://api.atlassian.com/admin/v1/orgs/${this.org}`, { headers: this.headers() }),
    );
  }
}
