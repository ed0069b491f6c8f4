// What a rule may grant, decided from the privileged set, the allow-list and who is asking: refused at save (with
// the reason, for the admin) and again at write time (a target can become privileged after the rule was saved).
import { describeGrant, type Grant } from '../rules';
import { describePrivilege, privilegeOf, type PrivilegedSet } from './privileged-set';

/**
 * Who is changing the app: a site admin (org or site administrator: Jira's SYSTEM_ADMIN), or an administrator of
 * one product who is not a site admin (Jira's ADMINISTER, or Confluence's `administer`).
 */
export type AdminRole = { kind: 'site-admin' } | { kind: 'product-admin'; product: 'jira' | 'confluence' };

/** A privileged target a site admin allowed rules to grant, one by one, having confirmed the risk. */
export interface Allowance {
  key: string;
  name: string;
  /** Why it was privileged when it was allowed, as the admin saw it. */
  privilege: string;
  by: string;
  at: number;
}

/** The groups that grant each product's access (licence groups), for deciding what a product admin may grant. */
export interface ProductGroups {
  jira: readonly string[];
  confluence: readonly string[];
}

const PRODUCT_NAMES = { jira: 'Jira', confluence: 'Confluence' } as const;

function subjectOf(grant: Grant): string {
  const text = describeGrant(grant);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Write time: why this grant must not be written, or undefined when it may. A privileged target is written only
 * when a site admin allow-listed it; an unknown privilege (unscanned project) is the caller's to resolve first.
 */
export function writeRefusal(
  grant: Grant,
  set: PrivilegedSet,
  allowances: readonly Allowance[],
): string | undefined {
  const target = privilegeOf(grant, set);
  if (!target || allowances.some((a) => a.key === target.key)) return undefined;
  return (
    `Refused to grant ${describeGrant(grant)}: ${describePrivilege('it', target)}. ` +
    'Nothing was granted. A site admin can allow-list it in Settings → Privileged targets, or change the rule.'
  );
}

/** Product admins: a grant that reaches another product, or project roles for a Confluence admin. */
function scopeRefusal(
  grant: Grant,
  role: Extract<AdminRole, { kind: 'product-admin' }>,
  products: ProductGroups,
): string | undefined {
  const own = PRODUCT_NAMES[role.product];
  const other = role.product === 'jira' ? 'confluence' : 'jira';
  const yours =
    role.product === 'jira'
      ? 'Jira groups and Jira project roles'
      : 'Confluence groups (including groups that open Confluence spaces)';
  const as = `As a ${own} administrator who is not a site admin you can grant ${yours} only`;
  if (grant.kind === 'projectRole')
    return role.product === 'confluence'
      ? `${subjectOf(grant)} is a Jira project role. ${as}; ask a Jira administrator or a site admin.`
      : undefined;
  if (products[other].includes(grant.groupId))
    return `${subjectOf(grant)} grants ${PRODUCT_NAMES[other]} access. ${as}; ask a ${PRODUCT_NAMES[other]} administrator or a site admin.`;
  return undefined;
}

/**
 * Save time: why this admin may not save a rule granting this, or undefined when they may. Site admins may grant
 * a privileged target once it is allow-listed; product admins may never grant one, nor reach another product.
 */
export function saveRefusal(
  grant: Grant,
  role: AdminRole,
  set: PrivilegedSet,
  allowances: readonly Allowance[],
  products: ProductGroups,
): string | undefined {
  const target = privilegeOf(grant, set);
  if (target) {
    const privileged = describePrivilege(subjectOf(grant), target);
    if (role.kind === 'product-admin')
      return `${privileged}. Only a site admin can manage rules that grant a privileged target.`;
    if (!allowances.some((a) => a.key === target.key))
      return (
        `${privileged}. A rule may grant it only after a site admin allow-lists it (Settings → Privileged ` +
        'targets), confirming the risk.'
      );
  }
  return role.kind === 'product-admin' ? scopeRefusal(grant, role, products) : undefined;
}

/**
 * A product admin changing or deleting a saved rule: every grant it has must be theirs to manage; the first that
 * is not says why. Site admins may change any rule.
 */
export function ruleOwnershipRefusal(
  grants: readonly Grant[],
  role: AdminRole,
  set: PrivilegedSet,
  products: ProductGroups,
): string | undefined {
  if (role.kind === 'site-admin') return undefined;
  for (const grant of grants) {
    const refusal = saveRefusal(grant, role, set, [], products);
    if (refusal) return refusal;
  }
  return undefined;
}
