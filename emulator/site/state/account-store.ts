// Accounts indexed by id and email, kept in creation order so listings page in O(page) at 100,000 users.
import type { Account } from './types';

export class AccountStore {
  private readonly byId = new Map<string, Account>();
  private readonly idByEmail = new Map<string, string>();
  private readonly order: string[] = [];

  add(account: Account): void {
    if (this.byId.has(account.accountId)) throw new Error(`account ${account.accountId} already exists`);
    const email = account.email.toLowerCase();
    if (email && this.idByEmail.has(email))
      throw new Error(`an account with email ${account.email} already exists`);
    this.byId.set(account.accountId, account);
    if (email) this.idByEmail.set(email, account.accountId);
    this.order.push(account.accountId);
  }

  get(accountId: string): Account | undefined {
    return this.byId.get(accountId);
  }

  byEmail(email: string): Account | undefined {
    const id = this.idByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.byId.get(id);
  }

  changeEmail(accountId: string, email: string): void {
    const account = this.byId.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    const next = email.toLowerCase();
    const holder = this.idByEmail.get(next);
    if (holder !== undefined && holder !== accountId)
      throw new Error(`email ${email} belongs to another account`);
    this.idByEmail.delete(account.email.toLowerCase());
    account.email = email;
    this.idByEmail.set(next, accountId);
  }

  get size(): number {
    return this.order.length;
  }

  /** Accounts in creation order, from `start` (inclusive) to `end` (exclusive). */
  slice(start: number, end: number): Account[] {
    const out: Account[] = [];
    const stop = Math.min(end, this.order.length);
    for (let i = Math.max(0, start); i < stop; i++) {
      const account = this.byId.get(this.order[i] as string);
      if (account) out.push(account);
    }
    return out;
  }

  *all(): IterableIterator<Account> {
    for (const id of this.order) {
      const account = this.byId.get(id);
      if (account) yield account;
    }
  }
}
