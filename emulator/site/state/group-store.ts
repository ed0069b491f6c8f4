// Site-wide groups (shared by Jira and Confluence) and memberships, indexed both ways.
import type { Group } from './types';

const EMPTY: ReadonlySet<string> = new Set();

export class GroupStore {
  private readonly byId = new Map<string, Group>();
  private readonly idByName = new Map<string, string>();
  private readonly members = new Map<string, Set<string>>();
  private readonly groupsByAccount = new Map<string, Set<string>>();
  /** Members as an array per group, rebuilt lazily after a change: paging a 100,000-member group stays cheap. */
  private readonly memberArrays = new Map<string, string[]>();
  private readonly filteredArrays = new Map<string, { version: number; members: string[] }>();
  private sortedCache: Group[] | undefined;

  create(group: Group): void {
    const lower = group.name.toLowerCase();
    if (this.byId.has(group.groupId)) throw new Error(`group ${group.groupId} already exists`);
    if (this.idByName.has(lower)) throw new Error(`a group named ${group.name} already exists`);
    this.byId.set(group.groupId, group);
    this.idByName.set(lower, group.groupId);
    this.members.set(group.groupId, new Set());
    this.sortedCache = undefined;
  }

  /** Deletes the group and returns its former members. */
  delete(groupId: string): string[] {
    const group = this.byId.get(groupId);
    if (!group) return [];
    const former = [...(this.members.get(groupId) ?? [])];
    for (const accountId of former) this.groupsByAccount.get(accountId)?.delete(groupId);
    this.byId.delete(groupId);
    this.idByName.delete(group.name.toLowerCase());
    this.members.delete(groupId);
    this.invalidate(groupId);
    this.sortedCache = undefined;
    return former;
  }

  get(groupId: string): Group | undefined {
    return this.byId.get(groupId);
  }

  byName(name: string): Group | undefined {
    const id = this.idByName.get(name.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Every group, ordered by name as Jira and Confluence list them. */
  list(): readonly Group[] {
    if (!this.sortedCache)
      this.sortedCache = [...this.byId.values()].sort((a, b) =>
        a.name.toLowerCase() < b.name.toLowerCase()
          ? -1
          : a.name.toLowerCase() > b.name.toLowerCase()
            ? 1
            : 0,
      );
    return this.sortedCache;
  }

  /** Returns false when the account was already a member. */
  addMember(groupId: string, accountId: string): boolean {
    const set = this.members.get(groupId);
    if (!set) throw new Error(`no group ${groupId}`);
    if (set.has(accountId)) return false;
    set.add(accountId);
    let groups = this.groupsByAccount.get(accountId);
    if (!groups) {
      groups = new Set();
      this.groupsByAccount.set(accountId, groups);
    }
    groups.add(groupId);
    this.invalidate(groupId);
    return true;
  }

  /** Returns false when the account was not a member. */
  removeMember(groupId: string, accountId: string): boolean {
    const set = this.members.get(groupId);
    if (!set || !set.delete(accountId)) return false;
    this.groupsByAccount.get(accountId)?.delete(groupId);
    this.invalidate(groupId);
    return true;
  }

  isMember(groupId: string, accountId: string): boolean {
    return this.members.get(groupId)?.has(accountId) ?? false;
  }

  memberCount(groupId: string): number {
    return this.members.get(groupId)?.size ?? 0;
  }

  /** Members in the order they joined. */
  membersOf(groupId: string): readonly string[] {
    let array = this.memberArrays.get(groupId);
    if (!array) {
      array = [...(this.members.get(groupId) ?? [])];
      this.memberArrays.set(groupId, array);
    }
    return array;
  }

  /**
   * Members passing `keep`, cached until the group changes or `version` moves (the caller bumps it when the
   * facts `keep` reads change, e.g. account statuses).
   */
  membersWhere(groupId: string, version: number, keep: (accountId: string) => boolean): readonly string[] {
    const cached = this.filteredArrays.get(groupId);
    if (cached && cached.version === version) return cached.members;
    const members = this.membersOf(groupId).filter(keep);
    this.filteredArrays.set(groupId, { version, members });
    return members;
  }

  private invalidate(groupId: string): void {
    this.memberArrays.delete(groupId);
    this.filteredArrays.delete(groupId);
  }

  groupsOf(accountId: string): ReadonlySet<string> {
    return this.groupsByAccount.get(accountId) ?? EMPTY;
  }
}
