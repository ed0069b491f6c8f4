// The site's products and the groups that license them, from Jira's /applicationrole, plus products an admin
// declared in the policy that Jira does not report (Confluence's licence groups are not in Jira's API).
import type { JiraApplicationRole, JiraGroupName } from '../../clients/jira-types';
import type { CatalogueProductView, ProductSeatsView } from '../../shared/inactivity-views';
import {
  PRODUCT_KEY_PATTERN,
  type InactivityPolicy,
  type ProductCatalogueEntry,
} from '../../domain/inactivity';

export type ProductSeats = ProductSeatsView;

/** `source` is `site` when Jira reports the product, `policy` when only the saved policy knows it. */
export type CatalogueProduct = CatalogueProductView;

function idsOf(groups: readonly JiraGroupName[] | undefined): JiraGroupName[] {
  return (groups ?? []).filter((g) => typeof g.groupId === 'string' && g.groupId.length > 0);
}

/**
 * Every group that grants the role, not only the default ones: removing a licence must take away every group
 * that holds it, or the seat stays taken.
 */
export function catalogueFromRoles(roles: readonly JiraApplicationRole[]): CatalogueProduct[] {
  return roles
    .filter((role) => PRODUCT_KEY_PATTERN.test(role.key))
    .map((role) => {
      const groups = new Map<string, string>();
      for (const g of [...idsOf(role.groupDetails), ...idsOf(role.defaultGroupsDetails)])
        groups.set(g.groupId as string, g.name);
      return {
        key: role.key,
        displayName: role.name,
        licenceGroupIds: [...groups.keys()],
        licenceGroups: [...groups].map(([groupId, name]) => ({ groupId, name })),
        source: 'site' as const,
        seats: {
          total: role.hasUnlimitedSeats ? null : role.numberOfSeats,
          used: role.userCount,
          remaining: role.hasUnlimitedSeats ? null : role.remainingSeats,
        },
      };
    });
}

/** Site products, then the policy's own products the site did not report, with the groups the admin entered. */
export function withPolicyProducts(
  site: readonly CatalogueProduct[],
  policy: InactivityPolicy | undefined,
): CatalogueProduct[] {
  const known = new Set(site.map((p) => p.key));
  const extra = Object.entries(policy?.products ?? {})
    .filter(([key]) => !known.has(key))
    .map(([key, product]) => ({
      key,
      displayName: product.displayName,
      licenceGroupIds: [...product.licenceGroupIds],
      licenceGroups: product.licenceGroupIds.map((groupId) => ({ groupId, name: groupId })),
      source: 'policy' as const,
      seats: null,
    }));
  return [...site, ...extra];
}

export function plainCatalogue(products: readonly CatalogueProduct[]): ProductCatalogueEntry[] {
  return products.map(({ key, displayName, licenceGroupIds }) => ({ key, displayName, licenceGroupIds }));
}
