// decideForUser: every product decision for one user, made safe as a whole (shared licence groups), plus the actions.
import type { PlannedAction, ProductDecision, UserDecision } from './decision';
import { decideProduct } from './decide-product';
import { findUserExclusions } from './exclusions';
import type { UserFacts } from './facts';
import type { InactivityPolicy } from './policy';
import { type Words, words } from './words';

/**
 * Decides enabled products plus any product with a stored warning (so a warning for a product that was turned
 * off or dropped from the policy gets cancelled). Pure: the same facts, policy and `now` give the same answer.
 */
export function decideForUser(facts: UserFacts, policy: InactivityPolicy, now: number): UserDecision {
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch milliseconds, got ${now}`);
  const userExclusions = findUserExclusions(facts, policy, now);
  const decided = productsToDecide(facts, policy).map((product) =>
    decideProduct({ facts, policy, now, product, userExclusions }),
  );
  const decisions = blockUnsafeRemovals(decided, facts);
  return { accountId: facts.accountId, decisions, actions: planActions(facts.accountId, decisions) };
}

function productsToDecide(facts: UserFacts, policy: InactivityPolicy): string[] {
  const keys = Object.entries(policy.products)
    .filter(([, product]) => product.enabled)
    .map(([key]) => key);
  const warned = facts.warnings.map((warning) => warning.product).filter((key) => !keys.includes(key));
  return [...keys, ...new Set(warned)].sort();
}

/**
 * Groups are site-wide and one group may grant several products. Removing a group is only safe when every
 * product it grants this user is being removed in the same run; otherwise the removal is blocked, which may in
 * turn make another removal unsafe, hence the loop until nothing changes.
 */
function blockUnsafeRemovals(decisions: readonly ProductDecision[], facts: UserFacts): ProductDecision[] {
  const result = [...decisions];
  let changed = true;
  while (changed) {
    changed = false;
    const removing = new Set(
      result.filter((d) => d.outcome === 'act' && d.action.kind === 'remove-licence').map((d) => d.product),
    );
    for (const [index, decision] of result.entries()) {
      if (decision.outcome !== 'act' || decision.action.kind !== 'remove-licence') continue;
      const blocked = removalProblem(decision.product, decision.action.groupIds, removing, facts);
      if (!blocked) continue;
      result[index] = {
        ...decision,
        outcome: 'blocked',
        reason: {
          code: blocked.code,
          message: `${decision.reason.message} Not done: ${blocked.message}`,
          words: words('inactivity.reasons.then.blocked', {
            reason: decision.reason.words,
            problem: blocked.words,
          }),
          facts: {
            ...decision.reason.facts,
            groupIds: blocked.groupIds,
            otherProducts: blocked.otherProducts,
          },
        },
      };
      changed = true;
    }
  }
  return result;
}

function removalProblem(
  product: string,
  groupIds: readonly string[],
  removing: ReadonlySet<string>,
  facts: UserFacts,
):
  | {
      code: 'no-licence-group' | 'shared-licence-group';
      message: string;
      words: Words;
      groupIds: string[];
      otherProducts: string[];
    }
  | undefined {
  if (groupIds.length === 0) {
    return {
      code: 'no-licence-group',
      message: 'the user holds this product through no group the app can remove.',
      words: words('inactivity.reasons.blocked.noLicenceGroup'),
      groupIds: [],
      otherProducts: [],
    };
  }
  const sharedGroups: string[] = [];
  const kept = new Set<string>();
  for (const groupId of groupIds) {
    const others = Object.entries(facts.products)
      .filter(([key, held]) => key !== product && held.hasAccess && held.licenceGroupIds.includes(groupId))
      .map(([key]) => key)
      .filter((key) => !removing.has(key));
    if (others.length > 0) {
      sharedGroups.push(groupId);
      others.forEach((key) => kept.add(key));
    }
  }
  if (sharedGroups.length === 0) return undefined;
  const otherProducts = [...kept].sort();
  return {
    code: 'shared-licence-group',
    message: `licence group ${sharedGroups.join(', ')} also grants ${otherProducts.join(', ')}, which the user keeps; an admin must separate the groups.`,
    words: words('inactivity.reasons.blocked.sharedGroup', {
      groups: sharedGroups.join(', '),
      products: otherProducts.join(', '),
    }),
    groupIds: sharedGroups,
    otherProducts,
  };
}

/** One removal per product; one suspend per user however many products asked for it. Report-only plans nothing. */
function planActions(accountId: string, decisions: readonly ProductDecision[]): PlannedAction[] {
  const actions: PlannedAction[] = [];
  const suspendFor: string[] = [];
  for (const decision of decisions) {
    if (decision.outcome !== 'act') continue;
    if (decision.action.kind === 'remove-licence') {
      actions.push({
        kind: 'remove-licence',
        accountId,
        product: decision.product,
        groupIds: decision.action.groupIds,
      });
    } else if (decision.action.kind === 'suspend') {
      suspendFor.push(decision.product);
    }
  }
  if (suspendFor.length > 0) actions.push({ kind: 'suspend', accountId, products: suspendFor });
  return actions;
}
