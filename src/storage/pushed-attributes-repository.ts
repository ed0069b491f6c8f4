// Attributes the identity provider pushed through the signed web trigger, per user, and the receipts that make a
// signed push count once: a push's receipt, the user's attributes and the audit line are written in one
// transaction that holds only if the receipt is new and no newer push was applied to the user.
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { AuditEntry } from '../shared/audit';
import { ENTITY, KEY } from './keys';
import { isConditionFailure, isStorageConflict } from './storage-errors';

export type PushedValue = string | number | boolean | null | string[];

export interface PushedAttributes {
  accountId: string;
  /** Standard attributes (department, jobTitle...) and custom ones, as pushed. */
  attributes: Record<string, PushedValue>;
  receivedAt: number;
  /** The push's timestamp header: older pushes never overwrite newer ones. */
  sentAt: number;
}

/**
 * A processed push, by its signature. `stored`: its attributes are stored, queueing the user may still be owed
 * (a retry of the same request finishes it); `done`: fully processed, so the same request again is a replay.
 */
export interface PushReceipt {
  state: 'stored' | 'done';
  accountId: string;
}

/** The newest push applied to a user (epoch ms of its timestamp), guarding against an older one landing later. */
interface PushLatest {
  sentAt: number;
}

const receiptTtl = (seconds: number) => ({ ttl: { value: seconds, unit: 'SECONDS' as const } });

export async function getPushedAttributes(accountId: string): Promise<PushedAttributes | undefined> {
  return kvs.get<PushedAttributes>(KEY.pushedAttributes(accountId));
}

export async function getPushReceipt(signatureId: string): Promise<PushReceipt | undefined> {
  return kvs.entity<PushReceipt>(ENTITY.pushReceipt).get(signatureId);
}

/**
 * Stores the push's attributes, its audit line and its receipt (`stored`) together. `conflict` when the
 * transaction's conditions failed and nothing was written: this push already has a receipt, or a newer push
 * was applied to the user meanwhile (the caller reads the receipt to tell which).
 */
export async function recordPush(push: {
  signatureId: string;
  receiptTtlSeconds: number;
  attributes: PushedAttributes;
  audit: AuditEntry;
}): Promise<'recorded' | 'conflict'> {
  const { accountId, sentAt } = push.attributes;
  const { id: auditId, ...auditLine } = push.audit;
  const tx = kvs
    .transact()
    .set<PushReceipt>(
      push.signatureId,
      { state: 'stored', accountId },
      {
        entityName: ENTITY.pushReceipt,
        conditions: new Filter<PushReceipt>().and('state', FilterConditions.notExists()),
      },
      receiptTtl(push.receiptTtlSeconds),
    )
    .set<PushLatest>(
      accountId,
      { sentAt },
      {
        entityName: ENTITY.pushLatest,
        conditions: new Filter<PushLatest>()
          .or('sentAt', FilterConditions.notExists())
          .or('sentAt', FilterConditions.lessThanEqualTo(sentAt)),
      },
    )
    .set(KEY.pushedAttributes(accountId), push.attributes)
    .set(auditId, auditLine, { entityName: ENTITY.audit });
  try {
    await tx.execute();
    return 'recorded';
  } catch (e) {
    if (isConditionFailure(e)) return 'conflict';
    throw e;
  }
}

/** Records a push that changed nothing (a newer one was applied first) as done; false if it has a receipt. */
export async function recordSupersededPush(
  signatureId: string,
  accountId: string,
  ttlSeconds: number,
): Promise<boolean> {
  try {
    await kvs
      .entity<PushReceipt>(ENTITY.pushReceipt)
      .set(
        signatureId,
        { state: 'done', accountId },
        { keyPolicy: 'FAIL_IF_EXISTS', ...receiptTtl(ttlSeconds) },
      );
    return true;
  } catch (e) {
    if (isStorageConflict(e)) return false;
    throw e;
  }
}

/** The push is fully processed: the same signed request again is a replay. */
export async function completePush(
  signatureId: string,
  accountId: string,
  ttlSeconds: number,
): Promise<void> {
  await kvs
    .entity<PushReceipt>(ENTITY.pushReceipt)
    .set(signatureId, { state: 'done', accountId }, receiptTtl(ttlSeconds));
}
