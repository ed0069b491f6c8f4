// Adds up page reports into a run report: a 100,000-user run is decided a page at a time, never all in memory.
import type { ProductReport } from '../../domain/inactivity';
import type { StoredRunReport } from '../../storage/inactivity-run-types';

function addCounts<K extends string>(
  a: Partial<Record<K, number>>,
  b: Partial<Record<K, number>>,
): Partial<Record<K, number>> {
  const sum: Partial<Record<K, number>> = { ...a };
  for (const [key, value] of Object.entries(b) as Array<[K, number | undefined]>) {
    sum[key] = (sum[key] ?? 0) + (value ?? 0);
  }
  return sum;
}

function addProducts(a: ProductReport, b: ProductReport): ProductReport {
  return {
    product: a.product,
    displayName: b.displayName,
    outcomes: addCounts(a.outcomes, b.outcomes) as ProductReport['outcomes'],
    reasonCodes: addCounts(a.reasonCodes, b.reasonCodes),
    exclusions: addCounts(a.exclusions, b.exclusions) as ProductReport['exclusions'],
    seatsFreed: a.seatsFreed + b.seatsFreed,
    reportOnlyInactive: a.reportOnlyInactive + b.reportOnlyInactive,
    histogram: addCounts(a.histogram, b.histogram) as ProductReport['histogram'],
  };
}

/** Users are on exactly one page, so affected users add up like every other count. */
export function mergeReports(a: StoredRunReport, b: StoredRunReport): StoredRunReport {
  const products = new Map(a.products.map((p) => [p.product, p]));
  for (const product of b.products) {
    const existing = products.get(product.product);
    products.set(product.product, existing ? addProducts(existing, product) : product);
  }
  return {
    users: a.users + b.users,
    ...(a.notTold !== undefined || b.notTold !== undefined
      ? { notTold: (a.notTold ?? 0) + (b.notTold ?? 0) }
      : {}),
    totals: addCounts(a.totals, b.totals) as StoredRunReport['totals'],
    products: [...products.values()].sort((x, y) => x.product.localeCompare(y.product)),
    plannedActions: {
      removeLicence: a.plannedActions.removeLicence + b.plannedActions.removeLicence,
      suspend: a.plannedActions.suspend + b.plannedActions.suspend,
      affectedUsers: a.plannedActions.affectedUsers + b.plannedActions.affectedUsers,
    },
  };
}
