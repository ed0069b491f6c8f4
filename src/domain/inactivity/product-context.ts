// One user and one product brought together: the policy, the facts, the stored warning and an activity snapshot.
import type { ActivitySnapshot, Exclusion } from './decision';
import type { ProductFacts, UserFacts, WarningRecord } from './facts';
import type { InactivityPolicy, ProductInactivityPolicy } from './policy';
import { wholeDaysBetween } from './time';

export interface ProductContext {
  readonly facts: UserFacts;
  readonly policy: InactivityPolicy;
  readonly now: number;
  readonly product: string;
  readonly userExclusions: readonly Exclusion[];
}

export interface ResolvedProduct extends ProductContext {
  readonly productPolicy: ProductInactivityPolicy | undefined;
  readonly productFacts: ProductFacts | undefined;
  readonly warning: WarningRecord | null;
  readonly name: string;
  readonly activity: ActivitySnapshot;
}

export function resolveProduct(context: ProductContext): ResolvedProduct {
  const productPolicy = context.policy.products[context.product];
  const productFacts = context.facts.products[context.product];
  const refreshedAt = context.facts.activityRefreshedAt;
  const lastActiveAt = productFacts?.lastActiveAt ?? null;
  const holdsProduct = productFacts?.hasAccess ?? false;
  let activity: ActivitySnapshot;
  if (refreshedAt === null || !productFacts) {
    activity = { holdsProduct, status: 'unknown', lastActiveAt: null, inactiveDays: null };
  } else if (lastActiveAt === null) {
    activity = { holdsProduct, status: 'never', lastActiveAt: null, inactiveDays: null };
  } else {
    activity = {
      holdsProduct,
      status: 'known',
      lastActiveAt,
      inactiveDays: wholeDaysBetween(lastActiveAt, context.now),
    };
  }
  return {
    ...context,
    productPolicy,
    productFacts,
    warning: context.facts.warnings.find((warning) => warning.product === context.product) ?? null,
    name: productPolicy?.displayName ?? context.product,
    activity,
  };
}
