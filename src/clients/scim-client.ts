// Atlassian's SCIM directory (what the identity provider pushes) with the directory's API key (Bearer).
import type { HttpChokepoint } from './http-chokepoint';
import type { ExternalFetch } from './requesters';
import type { ScimList, ScimUser } from './scim-types';

export class ScimClient {
  constructor(
    private readonly fetch: ExternalFetch,
    private readonly http: HttpChokepoint,
    private readonly credentials: { directoryId: string; apiKey: string },
  ) {}

  private get base(): string {
    return `https://api.atlassian.com/scim/directory/${encodeURIComponent(this.credentials.directoryId)}`;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.credentials.apiKey}`, Accept: 'application/scim+json' };
  }

  /** SCIM filters allow only `userName eq` and `externalId eq` here; userName is the IdP's login (usually email). */
  async findByUserName(userName: string): Promise<ScimUser | undefined> {
    const filter = `userName eq "${userName.replace(/["\\]/g, '')}"`;
    const list = await this.http.json<ScimList<ScimUser>>('GET /scim/directory/{directoryId}/Users', () =>
      this.fetch(`${this.base}/Users?filter=${encodeURIComponent(filter)}`, { headers: this.headers() }),
    );
    return list.Resources[0];
  }

  listUsers(startIndex: number, count = 100): Promise<ScimList<ScimUser>> {
    return this.http.json('GET /scim/directory/{directoryId}/Users', () =>
      this.fetch(`${this.base}/Users?startIndex=${startIndex}&count=${count}`, { headers: this.headers() }),
    );
  }

  getUser(scimId: string): Promise<ScimUser> {
    return this.http.json('GET /scim/directory/{directoryId}/Users/{userId}', () =>
      this.fetch(`${this.base}/Users/${encodeURIComponent(scimId)}`, { headers: this.headers() }),
    );
  }
}
