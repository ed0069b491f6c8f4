// An admin's answer to a held run, and a last check against fresh facts before approved actions are carried out.
import type { PlannedAction, UserDecision } from './decision';

export type ReviewApproval =
  | { readonly approve: 'all' }
  | { readonly approve: 'accounts'; readonly accountIds: readonly string[] }
  | { readonly approve: 'none' };

export interface ReviewResult {
  readonly allowed: readonly PlannedAction[];
  readonly dropped: readonly PlannedAction[];
  /** Approved account ids that had no held action: probably a stale admin page; shown, never acted on. */
  readonly unknownAccountIds: readonly string[];
}

/** An approval is the admin's decision to pass the brake, so it is not braked again. */
export function approveReview(held: readonly PlannedAction[], approval: ReviewApproval): ReviewResult {
  if (approval.approve === 'all') return { allowed: [...held], dropped: [], unknownAccountIds: [] };
  if (approval.approve === 'none') return { allowed: [], dropped: [...held], unknownAccountIds: [] };
  const approved = new Set(approval.accountIds);
  const heldAccounts = new Set(held.map((action) => action.accountId));
  return {
    allowed: held.filter((action) => approved.has(action.accountId)),
    dropped: held.filter((action) => !approved.has(action.accountId)),
    unknownAccountIds: [...approved].filter((accountId) => !heldAccounts.has(accountId)),
  };
}

export interface Reconfirmation {
  /** The fresh version of each still-due action (licence groups may have changed since the review). */
  readonly proceed: readonly PlannedAction[];
  readonly dropped: readonly { readonly action: PlannedAction; readonly reason: string }[];
}

/**
 * A review can take days: before carrying out approved actions, decide again on fresh facts and keep only
 * actions that are still due. Someone who logged in meanwhile is not acted on because an admin said yes earlier.
 */
export function reconfirmActions(
  approved: readonly PlannedAction[],
  fresh: readonly UserDecision[],
): Reconfirmation {
  const byAccount = new Map(fresh.map((decision) => [decision.accountId, decision]));
  const proceed: PlannedAction[] = [];
  const dropped: { action: PlannedAction; reason: string }[] = [];
  for (const action of approved) {
    const decision = byAccount.get(action.accountId);
    if (!decision) {
      dropped.push({ action, reason: `No fresh decision for ${action.accountId}; not acted on.` });
      continue;
    }
    const still = decision.actions.find(
      (candidate) =>
        candidate.kind === action.kind &&
        (candidate.kind === 'suspend' ||
          (action.kind === 'remove-licence' && candidate.product === action.product)),
    );
    if (still) {
      proceed.push(still);
      continue;
    }
    const products = action.kind === 'suspend' ? action.products : [action.product];
    const why = decision.decisions
      .filter((d) => products.includes(d.product))
      .map((d) => `${d.product}: ${d.reason.message}`);
    dropped.push({
      action,
      reason: `No longer due. ${why.length > 0 ? why.join(' ') : 'The product is no longer decided for this user.'}`,
    });
  }
  return { proceed, dropped };
}
