// Outbound `fetch` from app code: only to hosts in permissions.external.fetch.backend, routed offline.
import type { SiteApi } from '../contracts';
import { toSiteRequestHeaders, fromSiteResponse } from './http-shapes';

export type ExternalHandler = (request: Request) => Promise<Response> | Response;

export class EgressNotAllowedError extends Error {
  constructor(host: string) {
    super(
      `URL not included in the external fetch backend permissions: ${host}. Add it to permissions.external.fetch.backend in manifest.yml.`,
    );
    this.name = 'EgressNotAllowedError';
  }
}

function hostAllowed(host: string, allowList: string[]): boolean {
  return allowList.some((entry) => {
    const pattern = entry
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '')
      .toLowerCase();
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
    return host === pattern;
  });
}

export class Egress {
  private readonly external = new Map<string, ExternalHandler>();

  constructor(
    private readonly allowList: string[],
    private readonly site: SiteApi,
  ) {}

  /** Lets a test or the preview answer calls to an allowed external host (a Slack webhook, say). */
  register(host: string, handler: ExternalHandler): void {
    this.external.set(host.toLowerCase(), handler);
  }

  async fetch(
    url: URL,
    init: RequestInit | undefined,
    origin?: { invocationId: string; moduleKey: string },
  ): Promise<Response> {
    const host = url.hostname.toLowerCase();
    if (!hostAllowed(host, this.allowList)) throw new EgressNotAllowedError(host);
    if (host === 'api.atlassian.com') {
      const request = new Request(url, init);
      const response = await this.site.handle({
        product: 'api',
        method: request.method,
        path: url.pathname + url.search,
        headers: toSiteRequestHeaders(request.headers),
        ...(init?.body !== undefined && init.body !== null ? { body: await request.text() } : {}),
        principal: { kind: 'http' },
        ...(origin ? { origin } : {}),
      });
      return fromSiteResponse(response);
    }
    const handler = this.external.get(host);
    if (!handler)
      throw new TypeError(`fetch failed: ${host} is not reachable from the emulator (no handler registered)`);
    return handler(new Request(url, init));
  }
}
