// Rate limits on the shared clock (never wall time): Jira/Confluence burst and hourly points budgets, the
// impersonation limit, and the Admin API's per-org budgets. A client that retries before its Retry-After
// elapsed is told to wait longer, as Atlassian documents.
import type { Clock } from '../contracts';

export interface RateLimitConfig {
  enabled: boolean;
  /** Jira/Confluence burst limit: requests per second per budget, endpoint and method (`*-cost-based`). */
  burstPerSecond: number;
  /**
   * Jira/Confluence points per hour per budget (app, or app+user) (`*-quota-based`). A request costs one point, and
   * a read one more for each object it returns (see `objectsRead`).
   */
  hourlyPoints: number;
  /** asUser(accountId) impersonation: requests per minute per app, across products. */
  impersonationPerMinute: number;
  /** Admin API and user-management API: requests per minute per org. */
  adminPerMinute: number;
  /** Admin API last-active-dates: requests per minute per org (about 200 observed). */
  lastActivePerMinute: number;
  /** X-RateLimit-NearLimit turns true when less than this fraction of a budget remains. */
  nearLimitFraction: number;
  /** Retrying before Retry-After elapsed multiplies the remaining wait by this. */
  earlyRetryPenalty: number;
}

/** Defaults mirror the documented limits (points-based quotas for apps since 2026-03-02). */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  enabled: true,
  burstPerSecond: 100,
  hourlyPoints: 65_000,
  impersonationPerMinute: 1_000,
  adminPerMinute: 1_000,
  lastActivePerMinute: 200,
  nearLimitFraction: 0.2,
  earlyRetryPenalty: 2,
};

/** What one request is charged against. `budget` identifies the caller's budget; `endpoint` the route. */
export interface RateLimitSubject {
  family: 'jira' | 'confluence' | 'admin' | 'user-management' | 'scim';
  /** e.g. `app`, `app+user:<accountId>`, `user:<accountId>`, `org:<orgId>`. */
  budget: string;
  /** Points budgets do not apply to API-token (Basic auth) traffic. */
  pointsApply: boolean;
  impersonation: boolean;
  /** `GET /rest/api/3/user` (method + route template). */
  endpoint: string;
  lastActive: boolean;
}

/** Fields a list response keeps its objects in (Jira pages, audit records, Confluence results, groups, Admin data). */
const LIST_FIELDS = ['values', 'records', 'results', 'groups', 'data'] as const;

/** How many objects a successful read returned: a list's items, or one for a single resource. */
export function objectsRead(body: string | undefined): number {
  if (body === undefined || body === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 1;
  }
  if (Array.isArray(parsed)) return parsed.length;
  if (typeof parsed !== 'object' || parsed === null) return 1;
  for (const field of LIST_FIELDS) {
    const list = (parsed as Record<string, unknown>)[field];
    if (Array.isArray(list)) return list.length;
  }
  return 1;
}

export type RateLimitDecision =
  | { limited: false; headers: Record<string, string> }
  | { limited: true; retryAfterSeconds: number; reason: string; headers: Record<string, string> };

/** Longest Retry-After an early-retrying client is told (Atlassian documents growth, not a figure: modelled). */
export const MAX_PENALTY_WAIT_MS = 5 * 60_000;

interface Window {
  start: number;
  count: number;
}

interface Block {
  until: number;
  /** The Retry-After first given, in ms: the unit of the early-retry penalty. */
  windowMs: number;
  reason: string;
  limit: number;
}

/** `yyyy-MM-ddTHH:mmZ`, the format Jira uses for X-RateLimit-Reset. */
function resetStamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16)}Z`;
}

/** Refuses unknown dials and values of the wrong kind, naming them. */
function checked(config: Partial<RateLimitConfig>): Partial<RateLimitConfig> {
  for (const [key, value] of Object.entries(config) as Array<[string, unknown]>) {
    if (!(key in DEFAULT_RATE_LIMITS))
      throw new RangeError(
        `unknown rate-limit setting "${key}" (known: ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')})`,
      );
    if (key === 'enabled') {
      if (typeof value !== 'boolean') throw new RangeError('rate-limit setting "enabled" must be a boolean');
    } else if (typeof value !== 'number' || !(value >= 0))
      throw new RangeError(
        `rate-limit setting "${key}" must be a non-negative number, got ${JSON.stringify(value)}`,
      );
  }
  return config;
}

export class RateLimiter {
  private config: RateLimitConfig = { ...DEFAULT_RATE_LIMITS };
  private readonly windows = new Map<string, Window>();
  private readonly blocks = new Map<string, Block>();

  constructor(private readonly clock: Clock) {}

  configure(config: Partial<RateLimitConfig> | 'off' | 'default'): RateLimitConfig {
    if (config === 'off') this.config = { ...this.config, enabled: false };
    else if (config === 'default') this.config = { ...DEFAULT_RATE_LIMITS };
    else this.config = { ...this.config, ...checked(config) };
    this.windows.clear();
    this.blocks.clear();
    return this.current();
  }

  current(): RateLimitConfig {
    return { ...this.config };
  }

  reset(): void {
    this.windows.clear();
    this.blocks.clear();
  }

  check(subject: RateLimitSubject): RateLimitDecision {
    if (!this.config.enabled || subject.family === 'scim') return { limited: false, headers: {} };
    const now = this.clock.now();
    const counters = this.countersFor(subject);

    // A client still inside an earlier Retry-After is refused again, and told to wait longer.
    for (const counter of counters) {
      const block = this.blocks.get(counter.key);
      if (block && now < block.until) {
        const remainingMs = block.until - now;
        // Each early retry earns a longer wait (Atlassian documents that, not by how much): here the remaining
        // wait grows by (penalty - 1) windows of the original Retry-After, additively, up to a bound. A
        // multiplicative rule would let a handful of concurrent workers push the wait to hours.
        const waitMs = Math.min(
          MAX_PENALTY_WAIT_MS,
          Math.max(1000, Math.ceil(remainingMs + (this.config.earlyRetryPenalty - 1) * block.windowMs)),
        );
        block.until = now + waitMs;
        return this.refusal(block.reason, block.limit, Math.ceil(waitMs / 1000), now);
      }
    }

    for (const counter of counters) {
      const window = this.window(counter.key, counter.windowMs, now);
      if (window.count >= counter.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.start + counter.windowMs - now) / 1000));
        this.blocks.set(counter.key, {
          until: now + retryAfterSeconds * 1000,
          windowMs: retryAfterSeconds * 1000,
          reason: counter.reason,
          limit: counter.limit,
        });
        return this.refusal(counter.reason, counter.limit, retryAfterSeconds, now);
      }
    }

    let tightest: { remaining: number; limit: number } | undefined;
    for (const counter of counters) {
      const window = this.window(counter.key, counter.windowMs, now);
      window.count += 1;
      const remaining = counter.limit - window.count;
      if (!tightest || remaining / counter.limit < tightest.remaining / tightest.limit)
        tightest = { remaining, limit: counter.limit };
    }
    if (!tightest) return { limited: false, headers: {} };
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(tightest.limit),
      'x-ratelimit-remaining': String(Math.max(0, tightest.remaining)),
    };
    if (tightest.remaining < tightest.limit * this.config.nearLimitFraction)
      headers['x-ratelimit-nearlimit'] = 'true';
    return { limited: false, headers };
  }

  /**
   * Charges a read's objects to the points budgets (after the base point `check` charged): Atlassian documents "a
   * base cost of 1 point, and additional points for each object involved; write requests are charged only the
   * base cost". The per-type weights are not published: one point per object here.
   */
  chargeObjects(subject: RateLimitSubject, objects: number): void {
    if (!this.config.enabled || objects <= 0 || !subject.pointsApply) return;
    if (subject.family !== 'jira' && subject.family !== 'confluence') return;
    const now = this.clock.now();
    const key = `${subject.family}|${subject.budget}|points`;
    this.window(key, 3_600_000, now).count += objects;
  }

  private refusal(reason: string, limit: number, retryAfterSeconds: number, now: number): RateLimitDecision {
    return {
      limited: true,
      retryAfterSeconds,
      reason,
      headers: {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': resetStamp(now + retryAfterSeconds * 1000),
        'ratelimit-reason': reason,
        'x-ratelimit-nearlimit': 'true',
      },
    };
  }

  private countersFor(
    subject: RateLimitSubject,
  ): Array<{ key: string; windowMs: number; limit: number; reason: string }> {
    const c = this.config;
    if (subject.family === 'admin' || subject.family === 'user-management') {
      const out = [
        {
          key: `${subject.budget}|minute`,
          windowMs: 60_000,
          limit: c.adminPerMinute,
          reason: 'admin-api-org-based',
        },
      ];
      if (subject.lastActive)
        out.push({
          key: `${subject.budget}|last-active`,
          windowMs: 60_000,
          limit: c.lastActivePerMinute,
          reason: 'admin-api-last-active-based',
        });
      return out;
    }
    const product = subject.family;
    const out = [
      {
        key: `${product}|${subject.budget}|${subject.endpoint}|burst`,
        windowMs: 1_000,
        limit: c.burstPerSecond,
        reason: `${product}-cost-based`,
      },
    ];
    if (subject.pointsApply)
      out.push({
        key: `${product}|${subject.budget}|points`,
        windowMs: 3_600_000,
        limit: c.hourlyPoints,
        reason: `${product}-quota-based`,
      });
    if (subject.impersonation)
      out.push({
        key: 'impersonation',
        windowMs: 60_000,
        limit: c.impersonationPerMinute,
        reason: `${product}-quota-based`,
      });
    return out;
  }

  private window(key: string, windowMs: number, now: number): Window {
    const start = Math.floor(now / windowMs) * windowMs;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}
