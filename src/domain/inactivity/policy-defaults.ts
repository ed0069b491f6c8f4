// Default inactivity policy for a site's products, and keeping a stored policy's product catalogue current.
import {
  DEFAULT_PRODUCT_SETTINGS,
  type InactivityPolicy,
  type ProductCatalogueEntry,
  type ProductInactivityPolicy,
} from './policy';

export const PRODUCT_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Every product starts disabled: nothing is ever acted on until an admin turns a product on and saves.
 * Throws on a malformed catalogue, since that is a bug in whoever gathered it, not an admin's input.
 */
export function defaultInactivityPolicy(products: readonly ProductCatalogueEntry[]): InactivityPolicy {
  assertCatalogue(products);
  const entries = products.map((product) => [product.key, defaultProductPolicy(product)] as const);
  return {
    schemaVersion: 1,
    products: Object.fromEntries(entries),
    exclusions: { groupIds: [], accountIds: [], recentlyAddedDays: 30 },
    notifications: {},
    brake: { maxActionsPerRun: 50, maxPercentOfLicensed: 5 },
    activityMaxAgeHours: 48,
  };
}

export interface CatalogueSync {
  readonly policy: InactivityPolicy;
  /** Products the site reports that the policy did not know: added disabled. */
  readonly added: readonly string[];
  /** Products in the policy the site no longer reports: kept as they are, for the admin to review. */
  readonly missing: readonly string[];
}

/** Adds new products (disabled) and refreshes names and licence groups; never changes an admin's settings. */
export function syncPolicyProducts(
  policy: InactivityPolicy,
  products: readonly ProductCatalogueEntry[],
): CatalogueSync {
  assertCatalogue(products);
  const next: Record<string, ProductInactivityPolicy> = { ...policy.products };
  const added: string[] = [];
  for (const product of products) {
    const existing = policy.products[product.key];
    if (existing) {
      next[product.key] = {
        ...existing,
        displayName: product.displayName,
        licenceGroupIds: [...product.licenceGroupIds],
      };
    } else {
      next[product.key] = defaultProductPolicy(product);
      added.push(product.key);
    }
  }
  const reported = new Set(products.map((product) => product.key));
  const missing = Object.keys(policy.products).filter((key) => !reported.has(key));
  return { policy: { ...policy, products: next }, added, missing };
}

function defaultProductPolicy(product: ProductCatalogueEntry): ProductInactivityPolicy {
  return {
    displayName: product.displayName,
    licenceGroupIds: [...new Set(product.licenceGroupIds)],
    ...DEFAULT_PRODUCT_SETTINGS,
  };
}

function assertCatalogue(products: readonly ProductCatalogueEntry[]): void {
  const seen = new Set<string>();
  for (const product of products) {
    if (!PRODUCT_KEY_PATTERN.test(product.key)) {
      throw new Error(`product key "${product.key}" must be 1-64 letters, digits, "-" or "_"`);
    }
    if (seen.has(product.key)) throw new Error(`product key "${product.key}" is listed twice`);
    seen.add(product.key);
  }
}
