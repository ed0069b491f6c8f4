// The single path every Atlassian API call takes: retries 429/5xx honouring Retry-After within the invocation's
// time budget, turns failures into AtlassianApiError, and counts calls.
import { NeedsAuthenticationError, NotAllowedError, ProxyRequestError } from '@forge/api';
import { AtlassianApiError, kindOfStatus, ProxyRefusedError, type ApiName } from './api-error';

export type Sleep = (ms: number) => Promise<void>;

/** The part of a fetch Response the chokepoint reads (Forge's APIResponse and the WHATWG Response both fit). */
export interface HttpResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  /** First backoff for 5xx and network errors; doubles each attempt. */
  baseBackoffMs: number;
  /** Never wait longer than this inside one invocation; beyond it the caller re-schedules instead. */
  maxInlineWaitMs: number;
  /**
   * Whether to sleep through a short Retry-After inside the invocation. Right for a lone caller; wrong for many
   * workers sharing one budget (their retries collide and earn longer waits), which hand 429s to a shared gate.
   */
  waitOnRateLimits?: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseBackoffMs: 250,
  maxInlineWaitMs: 2_000,
};

export interface CallRecord {
  api: ApiName;
  operation: string;
  status: number;
  attempt: number;
  /**
   * On a success that says less than a fifth of a budget is left (`X-RateLimit-NearLimit`): that budget's size
   * (`X-RateLimit-Limit`), so callers can pace themselves before the first 429.
   */
  nearLimit?: number;
}

function nearLimitOf(response: HttpResponse): number | undefined {
  if (response.headers.get('x-ratelimit-nearlimit') !== 'true') return undefined;
  const limit = Number(response.headers.get('x-ratelimit-limit'));
  return Number.isFinite(limit) && limit > 0 ? limit : undefined;
}

export interface ChokepointOptions {
  api: ApiName;
  sleep: Sleep;
  policy?: RetryPolicy;
  /** Milliseconds left in the current invocation (Forge's getRemainingTimeInMillis); waits never eat into the last 5 s. */
  remainingMs?: () => number;
  onCall?: (call: CallRecord) => void;
}

const SAFETY_MARGIN_MS = 5_000;

/** The errors @forge/api throws when its own proxy refuses a call, as the app's typed refusal (never retried). */
function proxyRefusal(e: unknown, api: ApiName, operation: string): ProxyRefusedError | undefined {
  if (e instanceof NeedsAuthenticationError)
    return new ProxyRefusedError(api, 'impersonation', operation, e.message);
  if (e instanceof ProxyRequestError || e instanceof NotAllowedError)
    return new ProxyRefusedError(api, 'platform', operation, e.message);
  return undefined;
}

function retryAfterSeconds(response: HttpResponse): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readBody(response: HttpResponse): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class HttpChokepoint {
  private readonly policy: RetryPolicy;

  constructor(private readonly options: ChokepointOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
  }

  private canWait(ms: number): boolean {
    const remaining = this.options.remainingMs?.() ?? Infinity;
    return ms <= this.policy.maxInlineWaitMs && ms < remaining - SAFETY_MARGIN_MS;
  }

  /**
   * Sends a request (the `send` function performs it) and returns the successful Response, or throws
   * AtlassianApiError. `operation` names the call in messages, e.g. `POST /rest/api/3/group/user`.
   */
  async send(operation: string, send: () => Promise<HttpResponse>): Promise<HttpResponse> {
    const { api } = this.options;
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await send();
      } catch (e) {
        // Forge's proxy refusing the call (impersonation, not allowed) is not a network failure: never retry it.
        const refusal = proxyRefusal(e, api, operation);
        if (refusal) throw refusal;
        const backoff = this.policy.baseBackoffMs * 2 ** (attempt - 1);
        this.options.onCall?.({ api, operation, status: 0, attempt });
        if (attempt < this.policy.maxAttempts && this.canWait(backoff)) {
          await this.options.sleep(backoff);
          continue;
        }
        throw new AtlassianApiError(
          api,
          'unavailable',
          0,
          operation,
          e instanceof Error ? e.message : String(e),
        );
      }
      const nearLimit = response.ok ? nearLimitOf(response) : undefined;
      this.options.onCall?.({
        api,
        operation,
        status: response.status,
        attempt,
        ...(nearLimit !== undefined ? { nearLimit } : {}),
      });
      if (response.ok) return response;
      const kind = kindOfStatus(response.status);
      const retryAfter = retryAfterSeconds(response);
      const body = await readBody(response);
      if (kind === 'rate-limited' || (kind === 'unavailable' && retryAfter !== undefined)) {
        const wait = (retryAfter ?? 1) * 1000;
        if (
          this.policy.waitOnRateLimits !== false &&
          attempt < this.policy.maxAttempts &&
          this.canWait(wait)
        ) {
          await this.options.sleep(wait);
          continue;
        }
        const limit = Number(response.headers.get('x-ratelimit-limit'));
        const reason = response.headers.get('ratelimit-reason') ?? undefined;
        throw new AtlassianApiError(api, 'rate-limited', response.status, operation, body, retryAfter ?? 1, {
          ...(Number.isFinite(limit) && limit > 0 ? { limit } : {}),
          ...(reason ? { reason } : {}),
        });
      }
      if (kind === 'unavailable') {
        const backoff = this.policy.baseBackoffMs * 2 ** (attempt - 1);
        if (attempt < this.policy.maxAttempts && this.canWait(backoff)) {
          await this.options.sleep(backoff);
          continue;
        }
      }
      throw new AtlassianApiError(api, kind, response.status, operation, body);
    }
  }

  /** Sends and parses a JSON body (undefined for 204 or an empty body). */
  async json<T>(operation: string, send: () => Promise<HttpResponse>): Promise<T> {
    const response = await this.send(operation, send);
    return (await readBody(response)) as T;
  }
}
