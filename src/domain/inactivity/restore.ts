// Undo planning: from recorded actions and the users' current state, exactly what to put back, nothing twice.
import type { RecordedAction } from './facts';

export interface AccountState {
  readonly groupIds: readonly string[];
  /** False while the account is suspended or deactivated. */
  readonly active: boolean;
}

export type RestoreStep =
  | { readonly kind: 'restore-account'; readonly accountId: string }
  | {
      readonly kind: 're-add-groups';
      readonly accountId: string;
      readonly groupIds: readonly string[];
      /** The products whose recorded removals these groups come from, for the audit log. */
      readonly products: readonly string[];
    };

export interface RestoreSkip {
  readonly accountId: string;
  readonly code: 'account-already-active' | 'already-in-groups';
  readonly message: string;
  readonly groupIds: readonly string[];
}

export interface RestorePlan {
  /** Per account, the account is restored before its groups are re-added. */
  readonly steps: readonly RestoreStep[];
  readonly skipped: readonly RestoreSkip[];
  /** Accounts with no current state given: everything recorded is planned, since re-adding is harmless. */
  readonly accountsWithUnknownState: readonly string[];
}

/** Restore one user or a whole run: the caller passes the records it wants undone. */
export function planRestore(
  records: readonly RecordedAction[],
  current: ReadonlyMap<string, AccountState>,
): RestorePlan {
  const byAccount = new Map<string, { suspended: boolean; groups: Map<string, Set<string>> }>();
  for (const record of records) {
    let entry = byAccount.get(record.accountId);
    if (!entry) {
      entry = { suspended: false, groups: new Map() };
      byAccount.set(record.accountId, entry);
    }
    if (record.action === 'suspend') {
      entry.suspended = true;
      continue;
    }
    for (const groupId of record.removedGroupIds) {
      const products = entry.groups.get(groupId) ?? new Set<string>();
      products.add(record.product);
      entry.groups.set(groupId, products);
    }
  }

  const steps: RestoreStep[] = [];
  const skipped: RestoreSkip[] = [];
  const accountsWithUnknownState: string[] = [];
  for (const [accountId, entry] of byAccount) {
    const state = current.get(accountId);
    if (!state) accountsWithUnknownState.push(accountId);
    if (entry.suspended) {
      if (state?.active) {
        skipped.push({
          accountId,
          code: 'account-already-active',
          message: 'The account is already active; nothing to restore.',
          groupIds: [],
        });
      } else {
        steps.push({ kind: 'restore-account', accountId });
      }
    }
    const memberOf = new Set(state?.groupIds ?? []);
    const missing = [...entry.groups.keys()].filter((groupId) => !memberOf.has(groupId));
    const present = [...entry.groups.keys()].filter((groupId) => memberOf.has(groupId));
    if (present.length > 0) {
      skipped.push({
        accountId,
        code: 'already-in-groups',
        message: `Already back in ${present.join(', ')}.`,
        groupIds: present,
      });
    }
    if (missing.length > 0) {
      const products = new Set(missing.flatMap((groupId) => [...(entry.groups.get(groupId) ?? [])]));
      steps.push({ kind: 're-add-groups', accountId, groupIds: missing, products: [...products].sort() });
    }
  }
  return { steps, skipped, accountsWithUnknownState };
}
