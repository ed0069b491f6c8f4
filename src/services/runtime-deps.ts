// What services need from the Forge runtime, passed in by the entry adapters (never imported by services).
import type { JiraRequester, ConfluenceRequester, ExternalFetch } from '../clients/requesters';
import type { Lookup } from '../shared/i18n/text';

/** A unit of background work for a Forge queue (the body must stay well under 200 KB). */
export interface WorkItem {
  body: Record<string, unknown>;
  delayInSeconds?: number;
  /** Forge's per-key cap on concurrently running events. */
  concurrency?: { key: string; limit: number };
}

/** The app's words in one locale, as Forge's i18n names and finds them. */
export interface Translations {
  /** The locale as Forge names it (`de_DE` → `de-DE`). */
  readonly locale: string;
  readonly lookup: Lookup;
}

/** The queue refused the push for now (more than 500 events a minute): try again later. */
export class QueueBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueBusyError';
  }
}

/**
 * Forge refused the push: the chain of async events this invocation belongs to (everything downstream of one root
 * invocation) has made the most push requests Forge allows (1,000). Pushing again from this chain cannot succeed;
 * the work must continue from a new root (see chain-relay).
 */
export class ChainLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainLimitError';
  }
}

export interface RuntimeDeps {
  /** Pushes work to a queue declared in manifest.yml; splits into pushes of at most 50 events. */
  enqueue: (queue: string, items: WorkItem[]) => Promise<void>;
  /** `asApp()`: the app's own account. */
  asApp: JiraRequester & ConfluenceRequester;
  /** `asUser(accountId)`: offline impersonation of a user with access to the app; `asUser()` in a resolver when no id. */
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
  /**
   * Forge's translations (the manifest's `translations`, deployed as `__LOCALES__`) for a locale such as `de_DE`
   * or `de-DE`; null when the app is not translated into it.
   */
  translations: (locale: string) => Promise<Translations | null>;
}
