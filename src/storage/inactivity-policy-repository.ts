// The stored inactivity policy: validated again when read (storage may hold an older or damaged value), with who
// saved it and when.
import { kvs } from '@forge/kvs';
import { validateInactivityPolicy, type InactivityPolicy } from '../domain/inactivity';
import { storedPolicyProblem } from '../domain/inactivity/policy-problem';
import type { Words } from '../domain/inactivity/words';
import { KEY } from './keys';

/** Forge's limit on one stored value. */
export const MAX_VALUE_BYTES = 240 * 1024;

interface StoredPolicy {
  policy: InactivityPolicy;
  updatedAt: number;
  updatedBy: string;
}

export type LoadedPolicy =
  | { state: 'none' }
  | { state: 'ok'; policy: InactivityPolicy; updatedAt: number; updatedBy: string }
  /** Present but no longer valid: nobody is acted on until an admin saves a valid policy. */
  | { state: 'invalid'; problem: string; problemWords: Words };

export async function loadInactivityPolicy(): Promise<LoadedPolicy> {
  const stored = await kvs.get<StoredPolicy>(KEY.inactivityPolicy);
  if (stored === undefined) return { state: 'none' };
  const result = validateInactivityPolicy(stored.policy);
  if (!result.ok) {
    return { state: 'invalid', ...storedPolicyProblem(result.errors) };
  }
  return { state: 'ok', policy: result.policy, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
}

/** Bytes the policy takes as one stored value. */
export function storedPolicySize(policy: InactivityPolicy): number {
  return Buffer.byteLength(
    JSON.stringify({ policy, updatedAt: 0, updatedBy: 'x'.repeat(128) } satisfies StoredPolicy),
  );
}

/** Callers validate first (and check `storedPolicySize`); this only persists an already valid policy. */
export async function saveInactivityPolicy(
  policy: InactivityPolicy,
  by: { accountId: string; at: number },
): Promise<void> {
  await kvs.set(KEY.inactivityPolicy, {
    policy,
    updatedAt: by.at,
    updatedBy: by.accountId,
  } satisfies StoredPolicy);
}
