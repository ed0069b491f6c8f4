// Forge hosted-storage limits (developer.atlassian.com/platform/forge/limits-kvs-ce and handling-errors-kvs).
import { badRequest } from './kvs-errors';

export const KVS_LIMITS = {
  keyMaxLength: 500,
  valueMaxBytes: 240 * 1024,
  valueMaxDepth: 32,
  queryMaxLimit: 100,
  queryDefaultLimit: 10,
  transactionMaxOps: 25,
  batchMaxItems: 25,
  ttlMaxSeconds: 365 * 24 * 3600,
  entityNameMin: 3,
  entityNameMax: 60,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export function assertValidKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw badRequest('EMPTY_KEY', 'Key cannot be empty.');
  if (key.length > KVS_LIMITS.keyMaxLength)
    throw badRequest(
      'KEY_TOO_LONG',
      `The provided key has exceeded the maximum ${KVS_LIMITS.keyMaxLength} characters.`,
    );
  if (!KEY_PATTERN.test(key))
    throw badRequest(
      'INVALID_KEY',
      `The provided key does not match the regex: ${KEY_PATTERN.source} (key "${key}")`,
    );
}

function depthOf(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const child of Object.values(value as Record<string, unknown>))
    max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

/** Serializes a value for storage, enforcing the size and depth limits. */
export function serializeValue(value: unknown): string {
  if (value === undefined) throw badRequest('INVALID_VALUE', 'A value is required.');
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json) > KVS_LIMITS.valueMaxBytes)
    throw badRequest(
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${KVS_LIMITS.valueMaxBytes} bytes).`,
    );
  if (depthOf(value) > KVS_LIMITS.valueMaxDepth)
    throw badRequest(
      'MAX_DEPTH',
      `The provided value has exceeded the maximum object depth (${KVS_LIMITS.valueMaxDepth}) limit.`,
    );
  return json;
}

const TTL_UNIT_SECONDS = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 } as const;

/** Epoch ms when a TTL'd entry expires, or null for no TTL. */
export function expiryFrom(ttl: unknown, now: number): number | null {
  if (ttl === undefined || ttl === null) return null;
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  const unitSeconds = TTL_UNIT_SECONDS[unit as keyof typeof TTL_UNIT_SECONDS];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || unitSeconds === undefined)
    throw badRequest(
      'INVALID_TTL',
      `TTL must be a positive whole number with unit SECONDS, MINUTES, HOURS or DAYS.`,
    );
  const seconds = value * unitSeconds;
  if (seconds > KVS_LIMITS.ttlMaxSeconds) throw badRequest('INVALID_TTL', 'TTL cannot exceed 1 year.');
  return now + seconds * 1000;
}

export function queryLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return KVS_LIMITS.queryDefaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > KVS_LIMITS.queryMaxLimit)
    throw badRequest('INVALID_LIMIT', `limit must be a whole number from 1 to ${KVS_LIMITS.queryMaxLimit}.`);
  return limit;
}
