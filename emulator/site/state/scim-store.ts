// The SCIM directory's own records (what the IdP pushed), linked to site accounts and site groups.
import type { ScimGroupRecord, ScimUserRecord } from './types';

function key(directoryId: string, value: string): string {
  return `${directoryId}|${value.toLowerCase()}`;
}

export class ScimStore {
  private readonly users = new Map<string, ScimUserRecord>();
  private readonly userIdByUserName = new Map<string, string>();
  private readonly userIdByExternalId = new Map<string, string>();
  private readonly userIdByAccountId = new Map<string, string>();
  private readonly userOrder = new Map<string, string[]>();
  private liveUserCache = new Map<string, ScimUserRecord[]>();

  private readonly groups = new Map<string, ScimGroupRecord>();
  private readonly groupIdByName = new Map<string, string>();
  private readonly groupIdBySiteGroup = new Map<string, string>();
  private readonly groupOrder = new Map<string, string[]>();

  addUser(user: ScimUserRecord): void {
    if (this.users.has(user.id)) throw new Error(`SCIM user ${user.id} already exists`);
    this.users.set(user.id, user);
    this.userIdByUserName.set(key(user.directoryId, user.userName), user.id);
    if (user.externalId) this.userIdByExternalId.set(key(user.directoryId, user.externalId), user.id);
    this.userIdByAccountId.set(user.accountId, user.id);
    const order = this.userOrder.get(user.directoryId) ?? [];
    order.push(user.id);
    this.userOrder.set(user.directoryId, order);
    this.liveUserCache.delete(user.directoryId);
  }

  /** How many users the directory has ever had (deleted ones included): a stable index for new ids. */
  userCount(directoryId: string): number {
    return this.userOrder.get(directoryId)?.length ?? 0;
  }

  groupCount(directoryId: string): number {
    return this.groupOrder.get(directoryId)?.length ?? 0;
  }

  user(id: string): ScimUserRecord | undefined {
    return this.users.get(id);
  }

  userByUserName(directoryId: string, userName: string): ScimUserRecord | undefined {
    return this.users.get(this.userIdByUserName.get(key(directoryId, userName)) ?? '');
  }

  userByExternalId(directoryId: string, externalId: string): ScimUserRecord | undefined {
    return this.users.get(this.userIdByExternalId.get(key(directoryId, externalId)) ?? '');
  }

  userByAccountId(accountId: string): ScimUserRecord | undefined {
    return this.users.get(this.userIdByAccountId.get(accountId) ?? '');
  }

  /** Re-indexes a user after userName or externalId changed. */
  reindexUser(user: ScimUserRecord, previous: { userName: string; externalId?: string }): void {
    this.userIdByUserName.delete(key(user.directoryId, previous.userName));
    if (previous.externalId) this.userIdByExternalId.delete(key(user.directoryId, previous.externalId));
    this.userIdByUserName.set(key(user.directoryId, user.userName), user.id);
    if (user.externalId) this.userIdByExternalId.set(key(user.directoryId, user.externalId), user.id);
  }

  markUserDeleted(user: ScimUserRecord): void {
    user.deleted = true;
    this.userIdByUserName.delete(key(user.directoryId, user.userName));
    if (user.externalId) this.userIdByExternalId.delete(key(user.directoryId, user.externalId));
    this.liveUserCache.delete(user.directoryId);
  }

  /** Users not deleted through SCIM, in creation order. */
  liveUsers(directoryId: string): readonly ScimUserRecord[] {
    let cached = this.liveUserCache.get(directoryId);
    if (!cached) {
      cached = (this.userOrder.get(directoryId) ?? [])
        .map((id) => this.users.get(id))
        .filter((u): u is ScimUserRecord => u !== undefined && !u.deleted);
      this.liveUserCache.set(directoryId, cached);
    }
    return cached;
  }

  addGroup(group: ScimGroupRecord): void {
    this.groups.set(group.id, group);
    this.groupIdByName.set(key(group.directoryId, group.displayName), group.id);
    this.groupIdBySiteGroup.set(group.groupId, group.id);
    const order = this.groupOrder.get(group.directoryId) ?? [];
    order.push(group.id);
    this.groupOrder.set(group.directoryId, order);
  }

  group(id: string): ScimGroupRecord | undefined {
    return this.groups.get(id);
  }

  groupByName(directoryId: string, displayName: string): ScimGroupRecord | undefined {
    return this.groups.get(this.groupIdByName.get(key(directoryId, displayName)) ?? '');
  }

  groupBySiteGroup(groupId: string): ScimGroupRecord | undefined {
    return this.groups.get(this.groupIdBySiteGroup.get(groupId) ?? '');
  }

  removeGroup(group: ScimGroupRecord): void {
    this.groups.delete(group.id);
    this.groupIdByName.delete(key(group.directoryId, group.displayName));
    this.groupIdBySiteGroup.delete(group.groupId);
    const order = this.groupOrder.get(group.directoryId) ?? [];
    this.groupOrder.set(
      group.directoryId,
      order.filter((id) => id !== group.id),
    );
  }

  groupsIn(directoryId: string): ScimGroupRecord[] {
    return (this.groupOrder.get(directoryId) ?? [])
      .map((id) => this.groups.get(id))
      .filter((g): g is ScimGroupRecord => g !== undefined);
  }

  /** SCIM groups a SCIM user belongs to (groups are few; users are many). */
  groupsOfUser(scimUserId: string): ScimGroupRecord[] {
    const out: ScimGroupRecord[] = [];
    for (const group of this.groups.values()) if (group.members.has(scimUserId)) out.push(group);
    return out;
  }
}
