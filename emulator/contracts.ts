// The seam between the emulator's two halves: the Forge platform (runs the app) and the Atlassian site (serves APIs).

/** Who a request to the site acts as. The platform derives it from the SDK's `__forge_fetch__` descriptor;
 *  the site's own HTTP server derives it from the Authorization header. */
export type Principal =
  /** `asApp()`: the app's own account on the site (accountType "app"). */
  | { kind: 'app'; appAccountId: string }
  /** `asUser()` in a resolver (the invoking user), or `asUser(accountId)` impersonation from a background function. */
  | { kind: 'user'; accountId: string; impersonated: boolean }
  /** `requestJira()` without asApp/asUser: the platform refuses these before they reach the site. */
  | { kind: 'none' }
  /** A plain HTTP call (curl, scripts, `api.fetch` to api.atlassian.com): the site reads the Authorization header. */
  | { kind: 'http' };

/** The products the site serves. `api` is https://api.atlassian.com (Admin API, SCIM, user management). */
export type SiteProduct = 'jira' | 'confluence' | 'api';

/** The Atlassian apps a Forge app can be installed into here. */
export type AppProduct = 'jira' | 'confluence';

export interface SiteRequest {
  product: SiteProduct;
  method: string;
  /** Path with query string, exactly as the app sent it, e.g. `/rest/api/3/user?accountId=abc`. */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body?: string;
  principal: Principal;
  /** Which Forge invocation sent it (set by the platform), so logs and benchmarks can attribute calls. */
  origin?: { invocationId: string; moduleKey: string };
}

export interface SiteResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body?: string;
}

/** A product event the site emits for the platform to deliver to `trigger` modules. */
export interface ProductEvent {
  /** e.g. `avi:jira:created:user`. */
  eventType: string;
  /** The documented payload, including `eventType` itself. */
  payload: Record<string, unknown>;
}

/** What the platform needs from a site. The site implements it; the platform only calls it. */
export interface SiteApi {
  /** The cloud id of the site; the platform builds `ari:cloud:jira::site/{cloudId}` from it. */
  readonly cloudId: string;
  handle(request: SiteRequest): Promise<SiteResponse>;
  /** Subscribe to product events; returns an unsubscribe function. */
  onProductEvent(listener: (event: ProductEvent) => void): () => void;
  /** Called by the platform when the app is installed: the site creates (or returns) the app's account. */
  installApp(app: { appId: string; name: string }): { appAccountId: string };
  /**
   * Whether the account can use an app installed into these products: an active person with access to one of
   * them. Forge lets an app impersonate (`asUser(accountId)`) only such users.
   */
  userCanUseApp(accountId: string, products: readonly AppProduct[]): boolean;
  /** The Atlassian apps the site has (an app cannot be installed into, or serve, one it lacks). */
  products(): readonly AppProduct[];
}

/** The emulated clock shared by the platform and the site. */
export interface Clock {
  now(): number;
}
