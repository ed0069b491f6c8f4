// What services need from the Forge runtime, passed in by the entry adapters (never imported by services).
import type { JiraRequester, ConfluenceRequester, ExternalFetch } from '../clients/requesters';

export interface RuntimeDeps {
  /** `asApp()`: the app's own account. */
  asApp: JiraRequester & ConfluenceRequester;
  /** `asUser(accountId)`: offline impersonation of a consenting user; `asUser()` in a resolver when no id. */
  asUser: (accountId?: string) => JiraRequester & ConfluenceRequester;
  /** `api.fetch`: egress to api.atlassian.com (Admin API, SCIM). */
  fetch: ExternalFetch;
  /** Epoch ms now. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds before Forge kills this invocation. */
  remainingMs: () => number;
  /** The site's cloud id, from the invocation context. */
  cloudId: string;
}
