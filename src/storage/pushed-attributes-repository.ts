// Attributes the identity provider pushed through the signed web trigger, per user.
import { kvs } from '@forge/kvs';
import { KEY } from './keys';

export type PushedValue = string | number | boolean | null | string[];

export interface PushedAttributes {
  accountId: string;
  /** Standard attributes (department, jobTitle...) and custom ones, as pushed. */
  attributes: Record<string, PushedValue>;
  receivedAt: number;
  /** The push's timestamp header: older pushes never overwrite newer ones. */
  sentAt: number;
}

export async function getPushedAttributes(accountId: string): Promise<PushedAttributes | undefined> {
  return kvs.get<PushedAttributes>(KEY.pushedAttributes(accountId));
}

export async function putPushedAttributes(value: PushedAttributes): Promise<void> {
  await kvs.set(KEY.pushedAttributes(value.accountId), value);
}
