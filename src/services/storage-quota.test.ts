// Storage-quota waits: refused work is rerun after a second (the per-second quota), then after the minute turns,
// only while the invocation has time left.
// The SDK's own error class, to build the refusal it throws (the test touches no storage).
// eslint-disable-next-line no-restricted-imports
import { ForgeKvsAPIError } from '@forge/kvs';
import {
  isStorageQuotaError,
  msUntilQuotaResets,
  quotaRetryAfterSeconds,
  withStorageQuota,
} from './storage-quota';

// The error @forge/kvs itself throws for a 429 RATE_LIMIT_EXCEEDED answer.
const quotaError = () =>
  new ForgeKvsAPIError(
    { status: 429, statusText: 'Too Many Requests' },
    { code: 'RATE_LIMIT_EXCEEDED', message: 'quota' },
  );

function fakeInvocation(start: number, limitMs: number) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    deps: {
      now: () => now,
      sleep: (ms: number) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
      remainingMs: () => start + limitMs - now,
    },
  };
}

it('recognises only the storage quota refusal', () => {
  expect(isStorageQuotaError(quotaError())).toBe(true);
  expect(isStorageQuotaError(Object.assign(new Error('x'), { code: 'KEY_ALREADY_EXISTS' }))).toBe(false);
  expect(isStorageQuotaError(null)).toBe(false);
});

it('waits until just after the next minute', () => {
  expect(msUntilQuotaResets(120_000)).toBe(61_000);
  expect(msUntilQuotaResets(179_500)).toBe(1_500);
});

it('reruns refused work after a second, then, refused again in that minute, after the minute turns', async () => {
  const { deps, sleeps } = fakeInvocation(999_990_000, 900_000);
  let calls = 0;
  const result = await withStorageQuota(
    () => {
      calls++;
      return calls < 4 ? Promise.reject(quotaError()) : Promise.resolve('done');
    },
    deps,
    60_000,
  );
  expect(result).toBe('done');
  expect(calls).toBe(4);
  // 30 s into a minute: a second; again: the rest of the minute; a new minute's first refusal: a second again.
  expect(sleeps).toEqual([1_000, 30_000, 1_000]);
});

it('costs a second, not the rest of the minute, when only the per-second quota was met', async () => {
  const { deps, sleeps } = fakeInvocation(999_990_000, 900_000);
  let calls = 0;
  await withStorageQuota(
    () => (++calls === 1 ? Promise.reject(quotaError()) : Promise.resolve('done')),
    deps,
    60_000,
  );
  expect(sleeps).toEqual([1_000]);
});

it('hands the refusal back when waiting would eat into the reserve', async () => {
  const { deps, sleeps } = fakeInvocation(999_960_000, 100_000);
  await expect(withStorageQuota(() => Promise.reject(quotaError()), deps, 60_000)).rejects.toMatchObject({
    code: 'RATE_LIMIT_EXCEEDED',
  });
  // A second fits; the rest of the minute would leave less than the reserve.
  expect(sleeps).toEqual([1_000]);
});

it('does not retry other failures', async () => {
  const { deps } = fakeInvocation(0, 900_000);
  let calls = 0;
  await expect(
    withStorageQuota(
      () => {
        calls++;
        return Promise.reject(new Error('boom'));
      },
      deps,
      0,
    ),
  ).rejects.toThrow('boom');
  expect(calls).toBe(1);
});

it('asks for redelivery just after the minute turns, spread over the given seconds by key', () => {
  const at = 120_000 + 51_000; // 51 s into a minute: 10 s to go, plus the second of slack
  const waits = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => quotaRetryAfterSeconds(at, k, 15));
  for (const w of waits) {
    expect(w).toBeGreaterThanOrEqual(10);
    expect(w).toBeLessThan(10 + 15);
  }
  expect(new Set(waits).size).toBeGreaterThan(1);
  expect(quotaRetryAfterSeconds(at, 'a', 15)).toBe(waits[0]);
  expect(quotaRetryAfterSeconds(at, 'a', 1)).toBe(10);
});
