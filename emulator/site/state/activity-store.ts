// Last-active timestamps per account, per site and product (what the Admin API's last-active-dates reports).

export interface ActivityEntry {
  cloudId: string;
  productKey: string;
  lastActive: number;
}

export class ActivityStore {
  private readonly byAccount = new Map<string, Map<string, ActivityEntry>>();

  /** Keeps the latest timestamp: activity never moves backwards. */
  record(accountId: string, cloudId: string, productKey: string, at: number): void {
    let entries = this.byAccount.get(accountId);
    if (!entries) {
      entries = new Map();
      this.byAccount.set(accountId, entries);
    }
    const key = `${cloudId}|${productKey}`;
    const existing = entries.get(key);
    if (!existing || existing.lastActive < at) entries.set(key, { cloudId, productKey, lastActive: at });
  }

  entriesOf(accountId: string): ActivityEntry[] {
    return [...(this.byAccount.get(accountId)?.values() ?? [])];
  }
}
