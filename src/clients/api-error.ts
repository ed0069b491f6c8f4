// The one error type every Atlassian API client throws: which API, what failed, and whether retrying can help.

export type ApiName = 'jira' | 'confluence' | 'admin' | 'scim' | 'user-management';

/** Why a call failed, from the caller's point of view. */
export type FailureKind =
  /** 429 (or 503 with Retry-After): wait `retryAfterSeconds`, then retry. */
  | 'rate-limited'
  /** 5xx, timeout or network failure that persisted through the inline retries. */
  | 'unavailable'
  /** 401/403: the credentials or permissions are wrong; retrying will not help. */
  | 'forbidden'
  /** 404: the target (user, group, project) does not exist. */
  | 'not-found'
  /** Any other 4xx: the request itself is wrong or refused. */
  | 'rejected';

export class AtlassianApiError extends Error {
  constructor(
    readonly api: ApiName,
    readonly kind: FailureKind,
    readonly status: number,
    readonly operation: string,
    /** The parsed error body when it was JSON, else its text. */
    readonly body: unknown,
    readonly retryAfterSeconds?: number,
    /** On a 429: the budget's size (X-RateLimit-Limit) and which budget (RateLimit-Reason), to pace to it. */
    readonly rateLimit?: { limit?: number; reason?: string },
  ) {
    super(`${api} ${operation} failed: ${status || kind}${describeBody(body)}`);
    this.name = 'AtlassianApiError';
  }

  /** A retry later may succeed (rate limit, outage); otherwise the failure is permanent until someone acts. */
  get transient(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'unavailable';
  }
}

/**
 * Forge's own proxy refused the call before it reached Atlassian: `impersonation` when the user the app acts as
 * may not be impersonated (@forge/api's NeedsAuthenticationError), `platform` for a route or host the app may not
 * use. Never retried: someone has to change a setting or the manifest.
 */
export class ProxyRefusedError extends Error {
  constructor(
    readonly api: ApiName,
    readonly reason: 'impersonation' | 'platform',
    readonly operation: string,
    detail: string,
  ) {
    super(`${api} ${operation} was refused by Forge (${reason}): ${detail}`);
    this.name = 'ProxyRefusedError';
  }
}

function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body === 'string') return ` (${body.slice(0, 200)})`;
  const b = body as { errorMessages?: unknown; message?: unknown; detail?: unknown; errors?: unknown };
  const messages = [
    ...(Array.isArray(b.errorMessages) ? (b.errorMessages as unknown[]) : []),
    ...(typeof b.message === 'string' ? [b.message] : []),
    ...(typeof b.detail === 'string' ? [b.detail] : []),
    ...(b.errors && typeof b.errors === 'object' ? Object.values(b.errors as Record<string, unknown>) : []),
  ].filter((m): m is string => typeof m === 'string');
  return messages.length ? ` (${messages.join('; ').slice(0, 300)})` : '';
}

export function kindOfStatus(status: number): FailureKind {
  if (status === 429) return 'rate-limited';
  if (status >= 500 || status === 408) return 'unavailable';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'rejected';
}
