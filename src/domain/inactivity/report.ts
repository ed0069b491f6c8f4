// Dry-run and run reports: counts per product and outcome, seats freed, an inactivity histogram, and flat rows.
import { type BrakeResult, applyBrake } from './brake';
import {
  DECISION_OUTCOMES,
  EXCLUSION_KINDS,
  type ActivitySnapshot,
  type DecisionOutcome,
  type ExclusionKind,
  type ReasonCode,
  type UserDecision,
} from './decision';
import type { InactivityPolicy } from './policy';
import type { Words } from './words';

export type InactivityBucket = '0-30' | '31-60' | '61-90' | '91-180' | '181+' | 'never' | 'unknown';

export const INACTIVITY_BUCKETS: readonly InactivityBucket[] = [
  '0-30',
  '31-60',
  '61-90',
  '91-180',
  '181+',
  'never',
  'unknown',
];

export function inactivityBucket(activity: ActivitySnapshot): InactivityBucket {
  if (activity.status !== 'known' || activity.inactiveDays === null)
    return activity.status === 'never' ? 'never' : 'unknown';
  const daysInactive = activity.inactiveDays;
  if (daysInactive <= 30) return '0-30';
  if (daysInactive <= 60) return '31-60';
  if (daysInactive <= 90) return '61-90';
  if (daysInactive <= 180) return '91-180';
  return '181+';
}

export interface ProductReport {
  readonly product: string;
  readonly displayName: string;
  readonly outcomes: Record<DecisionOutcome, number>;
  readonly reasonCodes: Partial<Record<ReasonCode, number>>;
  /** Each excluded user counts once per exclusion that applies, so these may add up to more than `excluded`. */
  readonly exclusions: Record<ExclusionKind, number>;
  /** Seats the planned actions free: licence removals on this product plus suspended users who held it. */
  readonly seatsFreed: number;
  /** Users past the threshold on a report-only product: seats an admin could reclaim. */
  readonly reportOnlyInactive: number;
  /** Users holding the product on this site, by whole days since their last activity here. */
  readonly histogram: Record<InactivityBucket, number>;
}

export interface RunReport {
  readonly users: number;
  readonly totals: Record<DecisionOutcome, number>;
  readonly products: readonly ProductReport[];
  readonly plannedActions: {
    readonly removeLicence: number;
    readonly suspend: number;
    readonly affectedUsers: number;
  };
  /** What the brake would do with this run; null when the licensed user count was not given. */
  readonly brake: BrakeResult | null;
}

export interface ReportOptions {
  readonly policy: InactivityPolicy;
  readonly licensedUserCount?: number;
}

export function summarizeDecisions(decisions: readonly UserDecision[], options: ReportOptions): RunReport {
  const products = new Map<string, MutableProductReport>();
  const totals = countsOf(DECISION_OUTCOMES);
  const productReport = (key: string): MutableProductReport => {
    let report = products.get(key);
    if (!report) {
      report = {
        product: key,
        displayName: options.policy.products[key]?.displayName ?? key,
        outcomes: countsOf(DECISION_OUTCOMES),
        reasonCodes: {},
        exclusions: countsOf(EXCLUSION_KINDS),
        seatsFreed: 0,
        reportOnlyInactive: 0,
        histogram: countsOf(INACTIVITY_BUCKETS),
      };
      products.set(key, report);
    }
    return report;
  };

  for (const user of decisions) {
    const freed = new Set<string>();
    for (const action of user.actions) {
      if (action.kind === 'remove-licence') freed.add(action.product);
    }
    const suspended = user.actions.some((action) => action.kind === 'suspend');
    for (const decision of user.decisions) {
      const report = productReport(decision.product);
      totals[decision.outcome] += 1;
      report.outcomes[decision.outcome] += 1;
      report.reasonCodes[decision.reason.code] = (report.reasonCodes[decision.reason.code] ?? 0) + 1;
      if (decision.outcome === 'excluded') {
        for (const exclusion of decision.exclusions) report.exclusions[exclusion.kind] += 1;
      }
      if (decision.outcome === 'act' && decision.action.kind === 'report') report.reportOnlyInactive += 1;
      if (decision.activity.holdsProduct) {
        report.histogram[inactivityBucket(decision.activity)] += 1;
        if (suspended) freed.add(decision.product);
      }
    }
    for (const product of freed) productReport(product).seatsFreed += 1;
  }

  const actions = decisions.flatMap((user) => user.actions);
  return {
    users: decisions.length,
    totals,
    products: [...products.values()].sort((a, b) => a.product.localeCompare(b.product)),
    plannedActions: {
      removeLicence: actions.filter((action) => action.kind === 'remove-licence').length,
      suspend: actions.filter((action) => action.kind === 'suspend').length,
      affectedUsers: new Set(actions.map((action) => action.accountId)).size,
    },
    brake:
      options.licensedUserCount === undefined
        ? null
        : applyBrake(decisions, { licensedUserCount: options.licensedUserCount, policy: options.policy }),
  };
}

export interface ReportRow {
  readonly accountId: string;
  readonly product: string;
  readonly productName: string;
  readonly outcome: DecisionOutcome;
  readonly code: ReasonCode;
  readonly message: string;
  /** The message as a key and values for the page; absent in rows stored before it was kept. */
  readonly words?: Words;
  readonly lastActiveAt: number | null;
  readonly inactiveDays: number | null;
  /** When a warning says the action happens, for warned and in-grace users. */
  readonly actAfter: number | null;
}

/** One row per user and product, for the admin page's table and a CSV export. */
export function reportRows(decisions: readonly UserDecision[], policy: InactivityPolicy): ReportRow[] {
  return decisions.flatMap((user) =>
    user.decisions.map((decision) => ({
      accountId: decision.accountId,
      product: decision.product,
      productName: policy.products[decision.product]?.displayName ?? decision.product,
      outcome: decision.outcome,
      code: decision.reason.code,
      message: decision.reason.message,
      words: decision.reason.words,
      lastActiveAt: decision.activity.lastActiveAt,
      inactiveDays: decision.activity.inactiveDays,
      actAfter:
        decision.outcome === 'warn' || decision.outcome === 'still-in-grace' || decision.outcome === 'act'
          ? (decision.reason.facts.actAfter ?? null)
          : null,
    })),
  );
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableProductReport = Mutable<ProductReport>;

function countsOf<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}
