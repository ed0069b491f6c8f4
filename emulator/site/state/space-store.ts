// Confluence spaces and their permission assignments (which groups or users open a space).
import type { Space, SpacePermission } from './types';

export class SpaceStore {
  private readonly byId = new Map<string, Space>();
  private readonly idByKey = new Map<string, string>();
  private nextPermissionId = 3080193;

  add(space: Space): void {
    if (this.byId.has(space.id) || this.idByKey.has(space.key))
      throw new Error(`space ${space.key} already exists`);
    this.byId.set(space.id, space);
    this.idByKey.set(space.key, space.id);
  }

  get(id: string): Space | undefined {
    return this.byId.get(id);
  }

  byKey(key: string): Space | undefined {
    return this.byId.get(this.idByKey.get(key) ?? '');
  }

  /** Sorted by id ascending, as the v2 API returns them. */
  list(): Space[] {
    return [...this.byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  grant(space: Space, permission: Omit<SpacePermission, 'id'>): SpacePermission {
    const full: SpacePermission = { ...permission, id: String(this.nextPermissionId++) };
    space.permissions.push(full);
    return full;
  }

  removeGroupEverywhere(groupId: string): void {
    for (const space of this.byId.values())
      space.permissions = space.permissions.filter(
        (p) => !(p.principal.type === 'group' && p.principal.id === groupId),
      );
  }
}
