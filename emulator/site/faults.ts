// Injected faults, deterministic from a seed: latency (through the platform's delay function), 5xx answers and
// timeouts (a long delay, then a 504 the caller's own deadline usually beats). Rules compose: every rule that
// matches a request applies with its own probabilities (latencies add up; the first timeout or error drawn wins).
import type { SiteProduct } from '../contracts';
import { createPrng, type Prng } from './prng';

export interface FaultRule {
  /** Which requests the rule applies to; every request when all are omitted. */
  product?: SiteProduct;
  method?: string;
  /** Matches the path (without query) by prefix, e.g. `/rest/api/3/group`. */
  pathPrefix?: string;
  /** Added latency: a fixed number of ms, or uniformly drawn between min and max. */
  latencyMs?: number | { min: number; max: number };
  /** Share of matching requests answered with a 5xx. */
  errorRate?: number;
  /** Statuses drawn from for injected errors (default 500, 502, 503). */
  errorStatuses?: number[];
  /** Share of matching requests that hang: delayed by `timeoutMs`, then answered 504. */
  timeoutRate?: number;
  /** How long a hung request waits before its 504 (default 60 s, past any Forge deadline). */
  timeoutMs?: number;
}

export interface FaultConfig {
  seed: number;
  rules: FaultRule[];
}

export type FaultDecision =
  | { kind: 'none'; latencyMs: number }
  | { kind: 'error'; latencyMs: number; status: number }
  | { kind: 'timeout'; latencyMs: number };

export interface FaultTarget {
  product: SiteProduct;
  method: string;
  pathname: string;
}

const DEFAULT_ERROR_STATUSES = [500, 502, 503];
const PRODUCTS: readonly SiteProduct[] = ['jira', 'confluence', 'api'];
export const DEFAULT_TIMEOUT_MS = 60_000;

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.product !== undefined && rule.product !== target.product) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
  if (rule.pathPrefix !== undefined && !target.pathname.startsWith(rule.pathPrefix)) return false;
  return true;
}

function validateRule(rule: FaultRule, index: number): void {
  const where = `faults.rules[${index}]`;
  if (rule.product !== undefined && !PRODUCTS.includes(rule.product))
    throw new RangeError(
      `${where}.product must be one of ${PRODUCTS.join(', ')} ("api" is https://api.atlassian.com: the Admin API, SCIM and user management), got ${JSON.stringify(rule.product)}`,
    );
  if (rule.method !== undefined && typeof rule.method !== 'string')
    throw new RangeError(`${where}.method must be an HTTP method such as "POST"`);
  if (
    rule.pathPrefix !== undefined &&
    (typeof rule.pathPrefix !== 'string' || !rule.pathPrefix.startsWith('/'))
  )
    throw new RangeError(
      `${where}.pathPrefix must be a path starting with "/", got ${JSON.stringify(rule.pathPrefix)}`,
    );
  for (const [name, rate] of [
    ['errorRate', rule.errorRate],
    ['timeoutRate', rule.timeoutRate],
  ] as const)
    if (rate !== undefined && !(rate >= 0 && rate <= 1))
      throw new RangeError(`${where}.${name} must be in [0, 1], got ${rate}`);
  const latency = rule.latencyMs;
  if (typeof latency === 'number' && !(latency >= 0)) throw new RangeError(`${where}.latencyMs must be >= 0`);
  if (typeof latency === 'object' && !(latency.min >= 0 && latency.max >= latency.min))
    throw new RangeError(`${where}.latencyMs needs 0 <= min <= max`);
  for (const status of rule.errorStatuses ?? [])
    if (!(status >= 500 && status <= 599))
      throw new RangeError(`${where}.errorStatuses holds ${status}, not a 5xx`);
}

export class FaultInjector {
  private config: FaultConfig = { seed: 1, rules: [] };
  private prng: Prng = createPrng(1);

  configure(config: FaultConfig | null): void {
    const next = config ?? { seed: 1, rules: [] };
    if (!Number.isInteger(next.seed))
      throw new RangeError(`faults.seed must be an integer, got ${JSON.stringify(next.seed)}`);
    if (!Array.isArray(next.rules)) throw new RangeError('faults.rules must be an array of rules');
    next.rules.forEach(validateRule);
    this.config = { seed: next.seed, rules: next.rules.map((r) => ({ ...r })) };
    this.prng = createPrng(next.seed);
  }

  current(): FaultConfig {
    return { seed: this.config.seed, rules: this.config.rules.map((r) => ({ ...r })) };
  }

  /**
   * Every matching rule applies, in order, with its own probabilities: its latency adds to the others', and the
   * first timeout or error drawn decides the answer (a timeout before an error). The same seed and request
   * sequence always yield the same decisions: three draws per matching rule.
   */
  decide(target: FaultTarget): FaultDecision {
    let latencyMs = 0;
    let outcome: { kind: 'timeout'; extraMs: number } | { kind: 'error'; status: number } | undefined;
    for (const rule of this.config.rules) {
      if (!matches(rule, target)) continue;
      const latencyDraw = this.prng.next();
      const errorDraw = this.prng.next();
      const timeoutDraw = this.prng.next();
      const latency = rule.latencyMs;
      latencyMs +=
        latency === undefined
          ? 0
          : typeof latency === 'number'
            ? latency
            : Math.round(latency.min + latencyDraw * (latency.max - latency.min));
      if (outcome) continue;
      if (rule.timeoutRate !== undefined && timeoutDraw < rule.timeoutRate)
        outcome = { kind: 'timeout', extraMs: rule.timeoutMs ?? DEFAULT_TIMEOUT_MS };
      else if (rule.errorRate !== undefined && errorDraw < rule.errorRate) {
        const statuses = rule.errorStatuses?.length ? rule.errorStatuses : DEFAULT_ERROR_STATUSES;
        const status =
          statuses[Math.floor(((errorDraw / rule.errorRate) * statuses.length) % statuses.length)] ?? 500;
        outcome = { kind: 'error', status };
      }
    }
    if (outcome?.kind === 'timeout') return { kind: 'timeout', latencyMs: latencyMs + outcome.extraMs };
    if (outcome?.kind === 'error') return { kind: 'error', latencyMs, status: outcome.status };
    return { kind: 'none', latencyMs };
  }
}
