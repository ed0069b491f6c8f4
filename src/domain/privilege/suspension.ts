// Suspension as an inactivity action is organization-wide (every product on every site): while a policy suspends
// accounts, only a site admin may change it, exclusions and brake included, or approve a run it held.
import type { InactivityPolicy } from '../inactivity';

/** The products of a policy whose action suspends accounts. */
export function suspendingProducts(policy: InactivityPolicy | undefined): string[] {
  return Object.entries(policy?.products ?? {})
    .filter(([, product]) => product.action === 'suspend')
    .map(([, product]) => product.displayName);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Why a product admin may not save this policy: undefined when neither the saved nor the new policy suspends, or
 * when nothing changes. Comparing whole policies is deliberate: an exclusion removed or a brake raised decides
 * who gets suspended as much as the action does.
 */
export function suspensionChangeRefusal(
  saved: InactivityPolicy | undefined,
  next: InactivityPolicy,
): string | undefined {
  const products = [...new Set([...suspendingProducts(saved), ...suspendingProducts(next)])];
  if (products.length === 0 || (saved !== undefined && same(saved, next))) return undefined;
  return (
    `The policy ${suspendingProducts(next).length > 0 ? 'would suspend' : 'suspends'} accounts for ` +
    `${products.join(', ')}. Suspension is organization-wide (every product on every site), so while the policy ` +
    'uses it only a site admin can change the policy, its exclusions included.'
  );
}
