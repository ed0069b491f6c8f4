// A deliberately tiny SiteApi for the platform's own tests (the real emulated site is tested on its own):
// it answers `/rest/api/3/myself` with the principal it saw, after a configurable emulated latency.
import type { AppProduct, ProductEvent, SiteApi, SiteRequest, SiteResponse } from '../../emulator/contracts';

export class StubSite implements SiteApi {
  readonly cloudId = 'a1b2c3d4-0000-4000-8000-00000000c10d';
  readonly requests: SiteRequest[] = [];
  latencyMs = 0;
  /** The Atlassian apps the site has. */
  siteProducts: readonly AppProduct[] = ['jira', 'confluence'];
  /** People who can use the app (have access to a product it is installed into). */
  readonly appUsers = new Set<string>();
  private listeners: Array<(e: ProductEvent) => void> = [];

  constructor(private readonly delay: (ms: number) => Promise<void>) {}

  installApp(): { appAccountId: string } {
    return { appAccountId: '712020:app-account' };
  }

  products(): readonly AppProduct[] {
    return this.siteProducts;
  }

  userCanUseApp(accountId: string): boolean {
    return this.appUsers.has(accountId);
  }

  onProductEvent(listener: (e: ProductEvent) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  emit(event: ProductEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async handle(request: SiteRequest): Promise<SiteResponse> {
    this.requests.push(request);
    if (this.latencyMs) await this.delay(this.latencyMs);
    if (request.path.startsWith('/rest/api/3/myself')) {
      const p = request.principal;
      const accountId = p.kind === 'app' ? p.appAccountId : p.kind === 'user' ? p.accountId : null;
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId, principal: p }),
      };
    }
    return {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorMessages: ['not in stub'] }),
    };
  }
}
