// The org directory: which accounts belong to the org and whether they are suspended, in the order they joined.
import type { DirectoryMembership } from './types';

export class DirectoryStore {
  private readonly memberships = new Map<string, DirectoryMembership>();
  private readonly order: string[] = [];

  add(accountId: string, membership: DirectoryMembership): void {
    if (this.memberships.has(accountId)) throw new Error(`account ${accountId} is already in the directory`);
    this.memberships.set(accountId, membership);
    this.order.push(accountId);
  }

  get(accountId: string): DirectoryMembership | undefined {
    return this.memberships.get(accountId);
  }

  get size(): number {
    return this.order.length;
  }

  /** Account ids in the order they joined the directory. */
  ids(): readonly string[] {
    return this.order;
  }
}
