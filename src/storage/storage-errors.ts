// What @forge/kvs's errors mean to the app, recognised by class and code here so nothing else inspects them.
import { ForgeKvsAPIError } from '@forge/kvs';

/** A storage quota refusal (429 RATE_LIMIT_EXCEEDED): the installation's per-minute budget is spent. */
export function isStorageQuotaError(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && e.code === 'RATE_LIMIT_EXCEEDED';
}

/**
 * A conditional write that lost to another writer: a transaction's condition failed, or a FAIL_IF_EXISTS key
 * already exists. Whoever holds the key now is doing the work.
 */
export function isStorageConflict(e: unknown): boolean {
  return (
    e instanceof ForgeKvsAPIError && (e.code === 'CONDITION_CHECK_FAILED' || e.code === 'KEY_ALREADY_EXISTS')
  );
}

/** A transaction whose condition failed: a row was not in the state the writer expected. */
export function isConditionFailure(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && e.code === 'CONDITION_CHECK_FAILED';
}
