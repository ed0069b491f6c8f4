// Per-user inactivity state in KVS: last-active dates as fetched from the Admin API (reused while recent), and the
// warnings the app gave (one key per account and product, created FAIL_IF_EXISTS so a user is warned once).
import { kvs, type ForgeKvsAPIError } from '@forge/kvs';
import { getAll, setAll } from './bulk-storage';
import type { WarningRecord } from '../domain/inactivity';
import { KEY } from './keys';

/** Activity of users who left the site simply expires. */
const ACTIVITY_TTL = { value: 30, unit: 'DAYS' } as const;
/** A warning nobody acted on (product turned off, user gone) expires long after its due date. */
const WARNING_TTL_DAYS_AFTER_DUE = 180;

/** A user's activity as the Admin API reported it, already filtered to this site. Times are epoch ms. */
export interface StoredActivity {
  readonly accountId: string;
  readonly refreshedAt: number;
  /** The site the entries were filtered for; a snapshot for another cloud id is not used. */
  readonly cloudId: string;
  readonly addedToOrgAt: number | null;
  /** Last activity per product key on this site only. */
  readonly lastActiveOnSite: Readonly<Record<string, number>>;
  /** Latest activity on any product of any site of the org (for org-wide suspension), or null if never. */
  readonly orgLastActiveAt: number | null;
}

/** `pending`: stored, notice not yet confirmed sent (in flight, or the sender was killed: resent after a while). */
export type WarningDelivery = 'pending' | 'delivered' | 'failed' | 'no-channels';

export interface StoredWarning extends WarningRecord {
  readonly accountId: string;
  readonly runId: string;
  readonly delivery: WarningDelivery;
  /** Why the last delivery failed, for the admin page and the audit log. */
  readonly deliveryError: string | null;
  readonly deliveryAttempts: number;
}

function isAlreadyExists(e: unknown): boolean {
  return (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';
}

async function getMany<T>(keys: readonly string[]): Promise<Map<string, T>> {
  return getAll<T>(keys.map((key) => ({ key })));
}

async function setMany(items: readonly { key: string; value: unknown; ttl: typeof ACTIVITY_TTL }[]) {
  await setAll(items.map((item) => ({ key: item.key, value: item.value, options: { ttl: item.ttl } })));
}

/** Cached activity by account id (accounts without a snapshot are absent). */
export async function getActivity(accountIds: readonly string[]): Promise<Map<string, StoredActivity>> {
  const byKey = await getMany<StoredActivity>(accountIds.map((id) => KEY.inactivityActivity(id)));
  return new Map([...byKey.values()].map((snapshot) => [snapshot.accountId, snapshot]));
}

export async function putActivity(snapshots: readonly StoredActivity[]): Promise<void> {
  await setMany(
    snapshots.map((snapshot) => ({
      key: KEY.inactivityActivity(snapshot.accountId),
      value: snapshot,
      ttl: ACTIVITY_TTL,
    })),
  );
}

/** Stored warnings of these accounts for these products, by account id. */
export async function getWarnings(
  accountIds: readonly string[],
  products: readonly string[],
): Promise<Map<string, StoredWarning[]>> {
  const keys = accountIds.flatMap((accountId) =>
    products.map((product) => KEY.inactivityWarning(accountId, product)),
  );
  const found = await getMany<StoredWarning>(keys);
  const byAccount = new Map<string, StoredWarning[]>();
  for (const warning of found.values()) {
    const list = byAccount.get(warning.accountId) ?? [];
    list.push(warning);
    byAccount.set(warning.accountId, list);
  }
  return byAccount;
}

function warningTtl(warning: StoredWarning, now: number) {
  const days = Math.ceil(Math.max(0, warning.actAfter - now) / 86_400_000) + WARNING_TTL_DAYS_AFTER_DUE;
  return { value: Math.min(days, 365), unit: 'DAYS' as const };
}

/**
 * Stores a new warning unless one exists for this account and product. Only the caller that created it sends
 * the notice, so a duplicated page never warns anyone twice.
 */
export async function createWarning(warning: StoredWarning, now: number): Promise<'created' | 'exists'> {
  try {
    await kvs.set(KEY.inactivityWarning(warning.accountId, warning.product), warning, {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: warningTtl(warning, now),
    });
    return 'created';
  } catch (e) {
    if (isAlreadyExists(e)) return 'exists';
    throw e;
  }
}

export async function putWarning(warning: StoredWarning, now: number): Promise<void> {
  await kvs.set(KEY.inactivityWarning(warning.accountId, warning.product), warning, {
    ttl: warningTtl(warning, now),
  });
}

export async function deleteWarning(accountId: string, product: string): Promise<void> {
  await kvs.delete(KEY.inactivityWarning(accountId, product));
}
