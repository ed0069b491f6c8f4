// Confluence Cloud REST (v1), the calls the app makes, typed; every call goes through the chokepoint.
import { route } from '@forge/api';
import type { HttpChokepoint } from './http-chokepoint';
import { ACCEPT_JSON, type ConfluenceRequester } from './requesters';
import type { ConfluenceCurrentUser, ConfluenceGroupPage } from './confluence-types';

/** Confluence's groups by permission level: `admin` administer Confluence, `user` may use it. */
export type ConfluenceAccessType = 'admin' | 'site-admin' | 'user';

export class ConfluenceClient {
  constructor(
    private readonly requester: ConfluenceRequester,
    private readonly http: HttpChokepoint,
  ) {}

  /** One page of the groups holding a permission level (scope read:confluence-groups). */
  groupsByAccessType(accessType: ConfluenceAccessType, start = 0, limit = 200): Promise<ConfluenceGroupPage> {
    return this.http.json('GET /wiki/rest/api/group', () =>
      this.requester.requestConfluence(
        route`/wiki/rest/api/group?accessType=${accessType}&start=${start}&limit=${limit}`,
        { headers: ACCEPT_JSON },
      ),
    );
  }

  /** The caller (asUser) with what they may do site-wide: `administer` on `application` is a Confluence admin. */
  currentUserOperations(): Promise<ConfluenceCurrentUser> {
    return this.http.json('GET /wiki/rest/api/user/current', () =>
      this.requester.requestConfluence(route`/wiki/rest/api/user/current?expand=operations`, {
        headers: ACCEPT_JSON,
      }),
    );
  }
}
