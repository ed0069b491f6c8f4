// Many-key reads and writes within Forge's storage quotas: writes as transactions, reads batched when allowed.
//
// Forge allows an installation only 45 batch operations a minute (storage-reference/batchops), while a
// transaction counts as one write charged by its size (storage-reference/transactions). So writes and deletes of
// many keys go out as transactions of up to 25 operations, and reads use batchGet (one request for 25 keys) but
// fall back to single gets when the batch quota is spent, rather than failing the caller's work.
import { kvs, type SetOptions } from '@forge/kvs';
import { isStorageQuotaError } from './storage-errors';

/** Forge's limit on operations in one transaction or batch. */
export const MAX_BULK_OPERATIONS = 25;

export interface BulkSet<T> {
  key: string;
  value: T;
  entityName?: string;
  options?: SetOptions;
}

export interface BulkKey {
  key: string;
  entityName?: string;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_BULK_OPERATIONS)
    out.push(items.slice(i, i + MAX_BULK_OPERATIONS));
  return out;
}

/** Stores every item; each chunk of 25 is all-or-nothing, so a retried call rewrites at most one chunk. */
export async function setAll<T>(items: readonly BulkSet<T>[]): Promise<void> {
  for (const chunk of chunks(items)) {
    const tx = kvs.transact();
    for (const item of chunk) {
      tx.set(
        item.key,
        item.value,
        item.entityName ? { entityName: item.entityName } : undefined,
        item.options,
      );
    }
    await tx.execute();
  }
}

/** Deletes every key (deleting a key that is already gone is not an error). */
export async function deleteAll(keys: readonly BulkKey[]): Promise<void> {
  for (const chunk of chunks(keys)) {
    const tx = kvs.transact();
    for (const item of chunk)
      tx.delete(item.key, item.entityName ? { entityName: item.entityName } : undefined);
    await tx.execute();
  }
}

async function getOne<T>(item: BulkKey): Promise<T | undefined> {
  return item.entityName ? kvs.entity<T>(item.entityName).get(item.key) : kvs.get<T>(item.key);
}

/** The stored values by key; keys with no value are absent. Other read failures throw, naming the key. */
export async function getAll<T>(keys: readonly BulkKey[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (const chunk of chunks(keys)) {
    let batch;
    try {
      batch = await kvs.batchGet<T>(
        chunk.map((k) => (k.entityName ? { key: k.key, entityName: k.entityName } : { key: k.key })),
      );
    } catch (e) {
      if (!isStorageQuotaError(e)) throw e;
      const values = await Promise.all(chunk.map((item) => getOne<T>(item)));
      chunk.forEach((item, i) => {
        const value = values[i];
        if (value !== undefined) found.set(item.key, value);
      });
      continue;
    }
    for (const hit of batch.successfulKeys) found.set(hit.key, hit.value);
    const failed = batch.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failed.length > 0) {
      const first = failed[0];
      throw new Error(
        `Reading ${failed.length} stored keys failed (first: ${first?.key}: ${first?.error.message}).`,
      );
    }
  }
  return found;
}
