// The Forge product proxy: turns asApp/asUser product calls into site requests with the right principal,
// refusing what Atlassian's proxy refuses: no user; impersonating someone who cannot use the app, or with a scope
// the manifest does not allow impersonation for (developer.atlassian.com/platform/forge/security).
import type { AppProduct, Principal, SiteApi, SiteProduct } from '../contracts';
import type { ForgeFetchTarget, Invocation } from './invocation';
import { bodyText, fromSiteResponse, toSiteRequestHeaders } from './http-shapes';
import { needsAuthentication, proxyError } from './proxy-errors';

export interface ProductProxyOptions {
  site: SiteApi;
  appAccountId: () => string;
  /**
   * Whether the account can use the app in the invocation's installation (an active person with access to an
   * Atlassian app it serves).
   */
  canUseApp: (invocation: Invocation, accountId: string) => boolean;
  /** Whether the invocation's installation may call this Atlassian app (false: the proxy refuses). */
  serves: (invocation: Invocation, product: AppProduct) => boolean;
  impersonationAllowed: boolean;
  /** Returns a refusal reason when the manifest lacks a scope the operation needs, else undefined. */
  missingScope?: (product: SiteProduct, method: string, path: string) => string | undefined;
  /** The same check against only the scopes declared with `allowImpersonation: true`. */
  missingImpersonationScope?: (product: SiteProduct, method: string, path: string) => string | undefined;
}

export class ProductProxy {
  constructor(private readonly options: ProductProxyOptions) {}

  private principalFor(invocation: Invocation, target: ForgeFetchTarget): Principal | Response {
    if (target.provider === 'app') return { kind: 'app', appAccountId: this.options.appAccountId() };
    if (target.provider !== 'user')
      return proxyError(
        401,
        'AUTHENTICATION_REQUIRED',
        'requestJira/requestConfluence must be called through asApp() or asUser().',
      );
    if (target.accountId !== undefined) {
      if (!this.options.impersonationAllowed)
        return proxyError(
          403,
          'IMPERSONATION_NOT_ALLOWED',
          'asUser(accountId) needs scopes declared with allowImpersonation: true in manifest.yml.',
        );
      if (!this.options.canUseApp(invocation, target.accountId))
        return needsAuthentication(
          `User ${target.accountId} cannot use this app (no active account with access to the product it is installed into); Forge impersonates only users with access to the app.`,
        );
      return { kind: 'user', accountId: target.accountId, impersonated: true };
    }
    const aaid = invocation.init.accountId;
    if (!aaid)
      return needsAuthentication('asUser() needs a user; this invocation has none (background function).');
    return { kind: 'user', accountId: aaid, impersonated: false };
  }

  async request(
    invocation: Invocation,
    target: ForgeFetchTarget,
    path: string,
    init: RequestInit,
  ): Promise<Response> {
    const product =
      target.remote === 'confluence' ? 'confluence' : target.remote === 'jira' ? 'jira' : undefined;
    if (!product)
      return proxyError(404, 'UNKNOWN_REMOTE', `The emulator does not serve remote "${target.remote}".`);
    // An installation reaches only the Atlassian apps it serves (unconfirmed how Forge words the refusal).
    if (!this.options.serves(invocation, product))
      return proxyError(
        404,
        'PRODUCT_NOT_INSTALLED',
        `This installation of the app does not serve ${product === 'jira' ? 'Jira' : 'Confluence'} on this site.`,
      );
    const principal = this.principalFor(invocation, target);
    if (principal instanceof Response) return principal;
    const method = (init.method ?? 'GET').toUpperCase();
    const scopeProblem = this.options.missingScope?.(product, method, path);
    const impersonationProblem =
      principal.kind === 'user' && principal.impersonated && !scopeProblem
        ? this.options.missingImpersonationScope?.(product, method, path)
        : undefined;
    if (impersonationProblem)
      return proxyError(
        403,
        'IMPERSONATION_NOT_ALLOWED',
        `asUser(accountId) may use only scopes declared with allowImpersonation: true. ${impersonationProblem}`,
      );
    if (scopeProblem)
      return new Response(
        JSON.stringify({ code: 401, message: `Unauthorized; scope does not match. ${scopeProblem}` }),
        {
          status: 401,
          headers: { 'content-type': 'application/json' },
        },
      );
    const body = bodyText(init);
    const response = await this.options.site.handle({
      product,
      method,
      path,
      headers: toSiteRequestHeaders(init.headers),
      ...(body !== undefined ? { body } : {}),
      principal,
      origin: { invocationId: invocation.id, moduleKey: invocation.init.moduleKey },
    });
    return fromSiteResponse(response);
  }
}
