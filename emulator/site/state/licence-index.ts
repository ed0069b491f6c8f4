// Product access counted incrementally: who holds each product role, and how many seats are in use.
import type { ProductRole } from './types';

/** For each role: accountId → how many of the role's groups the account is in. Seat counts stay O(1) to read. */
export class LicenceIndex {
  private readonly refs = new Map<string, Map<string, number>>();
  private readonly counts = new Map<string, number>();
  private readonly rolesByGroup = new Map<string, string[]>();

  constructor(
    roles: readonly ProductRole[],
    private readonly eligible: (accountId: string) => boolean,
  ) {
    for (const role of roles) this.registerRole(role);
  }

  registerRole(role: ProductRole): void {
    if (!this.refs.has(role.key)) {
      this.refs.set(role.key, new Map());
      this.counts.set(role.key, 0);
    }
    for (const groupId of role.groupIds) {
      const list = this.rolesByGroup.get(groupId) ?? [];
      if (!list.includes(role.key)) list.push(role.key);
      this.rolesByGroup.set(groupId, list);
    }
  }

  rolesGrantedBy(groupId: string): readonly string[] {
    return this.rolesByGroup.get(groupId) ?? [];
  }

  onMemberAdded(groupId: string, accountId: string): void {
    for (const roleKey of this.rolesGrantedBy(groupId)) {
      const refs = this.refs.get(roleKey);
      if (!refs) continue;
      const before = refs.get(accountId) ?? 0;
      refs.set(accountId, before + 1);
      if (before === 0 && this.eligible(accountId)) this.bump(roleKey, 1);
    }
  }

  onMemberRemoved(groupId: string, accountId: string): void {
    for (const roleKey of this.rolesGrantedBy(groupId)) {
      const refs = this.refs.get(roleKey);
      const before = refs?.get(accountId) ?? 0;
      if (!refs || before === 0) continue;
      if (before === 1) {
        refs.delete(accountId);
        if (this.eligible(accountId)) this.bump(roleKey, -1);
      } else refs.set(accountId, before - 1);
    }
  }

  /** Call after an account's status or org membership changed, with its eligibility before the change. */
  onEligibilityChanged(accountId: string, wasEligible: boolean): void {
    const now = this.eligible(accountId);
    if (now === wasEligible) return;
    for (const [roleKey, refs] of this.refs) if (refs.has(accountId)) this.bump(roleKey, now ? 1 : -1);
  }

  /** Role keys the account can use now (member of a granting group, active, not suspended). */
  rolesOf(accountId: string): string[] {
    if (!this.eligible(accountId)) return [];
    const out: string[] = [];
    for (const [roleKey, refs] of this.refs) if (refs.has(accountId)) out.push(roleKey);
    return out;
  }

  hasRole(accountId: string, roleKey: string): boolean {
    return (this.refs.get(roleKey)?.has(accountId) ?? false) && this.eligible(accountId);
  }

  userCount(roleKey: string): number {
    return this.counts.get(roleKey) ?? 0;
  }

  private bump(roleKey: string, delta: number): void {
    this.counts.set(roleKey, (this.counts.get(roleKey) ?? 0) + delta);
  }
}
