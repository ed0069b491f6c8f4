// KVS on the platform, through the real @forge/kvs: semantics, cursors, limits, TTL and transactions.
import { startFixturePlatform, type FixturePlatform } from './platform-fixture';

let env: FixturePlatform;
beforeEach(() => (env = startFixturePlatform()));
afterEach(() => env.platform.close());

const call = <T>(key: string, payload: Record<string, unknown> = {}) =>
  env.platform.invokeResolver<T>({ key, payload, accountId: '557058:admin' });

describe('key-value store', () => {
  it('pages a beginsWith query with cursors, in key order, without overlap', async () => {
    const { pages } = await call<{ pages: string[][] }>('kv-roundtrip', {
      prefix: 'item:',
      count: 25,
      pageSize: 10,
    });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = pages.flat();
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(25);
  });

  it('refuses a cursor it did not issue (garbage, forged JSON, another shape) with a 400, and serves its own', async () => {
    const { pages } = await call<{ pages: string[][] }>('kv-roundtrip', {
      prefix: 'p:',
      count: 3,
      pageSize: 2,
    });
    expect(pages).toEqual([['p:000', 'p:001'], ['p:002']]);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(await call('kv-page', { prefix: 'p:', pageSize: 2, cursor: b64({ k: 'p:001' }) })).toEqual({
      ok: true,
      keys: ['p:002'],
    });
    for (const cursor of ['!!!', 'bm90IGpzb24', b64(123), b64({ k: 5 }), b64({ k: 'p:001', r: { a: 1 } })])
      expect([cursor, await call('kv-page', { prefix: 'p:', pageSize: 2, cursor })]).toEqual([
        cursor,
        { ok: false, code: 'INVALID_CURSOR', status: 400 },
      ]);
  });

  it('refuses keys and values beyond the documented limits with the documented codes', async () => {
    const longKey = await call<{ ok: boolean; code: string }>('kv-error', { key: 'k'.repeat(501), value: 1 });
    expect(longKey).toMatchObject({ ok: false, code: 'KEY_TOO_LONG' });
    const badKey = await call<{ ok: boolean; code: string }>('kv-error', { key: 'no/slashes', value: 1 });
    expect(badKey).toMatchObject({ ok: false, code: 'INVALID_KEY' });
    const bigValue = await call<{ ok: boolean; code: string; name: string }>('kv-error', {
      key: 'big',
      value: 'x'.repeat(241 * 1024),
    });
    expect(bigValue).toMatchObject({ ok: false, code: 'MAX_SIZE', name: 'ForgeKvsError' });
    expect(env.platform.storage.get('kv', 'big')).toBeUndefined();
  });

  it('expires a TTL value when the emulated clock passes its expiry', async () => {
    await call('kv-set', { key: 'session', value: 'v', options: { ttl: { value: 2, unit: 'MINUTES' } } });
    expect(await call('kv-get', { key: 'session' })).toEqual({ value: 'v' });
    await env.platform.advance(121_000);
    expect(await call('kv-get', { key: 'session' })).toEqual({ value: null });
  });

  it('refuses FAIL_IF_EXISTS on an existing key and keeps the old value', async () => {
    await call('kv-set', { key: 'once', value: 1 });
    await expect(
      call('kv-set', { key: 'once', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } }),
    ).rejects.toThrow(/already exists/);
    expect(await call('kv-get', { key: 'once' })).toEqual({ value: 1 });
  });
});

describe('custom entity attributes', () => {
  it('take an integer attribute only as a 32-bit signed integer (a millisecond timestamp belongs in a float)', async () => {
    const set = (amount: number) =>
      call<{ ok: boolean; code?: string; message?: string }>('entity-set', {
        owner: 'carol',
        value: { owner: 'carol', amount },
      });
    expect(await set(2 ** 31 - 1)).toMatchObject({ ok: true });
    expect(await set(-(2 ** 31))).toMatchObject({ ok: true });
    const timestamp = await set(Date.UTC(2026, 11, 7));
    expect(timestamp).toMatchObject({ ok: false, code: 'INVALID_ATTRIBUTE_TYPE' });
    expect(timestamp.message).toMatch(/32-bit signed integer/);
    expect(await set(2.5)).toMatchObject({ ok: false, code: 'INVALID_ATTRIBUTE_TYPE' });
  });
});

describe('storage quotas (per installation, as Forge documents them)', () => {
  type Burst = { done: number; code: string | null };
  const burst = (payload: Record<string, unknown>) => call<Burst>('kv-burst', payload);

  it('refuses the 1,001st request in one second, then serves the next second', async () => {
    expect(await burst({ prefix: 'a:', count: 1_200 })).toEqual({ done: 1_000, code: 'RATE_LIMIT_EXCEEDED' });
    expect(env.platform.storage.get('kv', 'a:1000')).toBeUndefined();
    await env.platform.advance(1_000);
    expect(await burst({ prefix: 'b:', count: 10 })).toEqual({ done: 10, code: null });
  });

  it('allows 4,000 write units a minute and counts large values in 10 KB units', async () => {
    for (let second = 0; second < 3; second++) {
      expect(await burst({ prefix: `s${second}:`, count: 1_000 })).toMatchObject({ code: null });
      await env.platform.advance(1_000);
    }
    // 3,000 units used: a 200 KB value with its key and JSON is just over 20 KB-units, so 21 units: 47 fit.
    const big = 'x'.repeat(200 * 1024);
    expect(await burst({ prefix: 'big:', count: 60, value: big })).toEqual({
      done: 47,
      code: 'RATE_LIMIT_EXCEEDED',
    });
    await env.platform.advance(60_000);
    expect(await burst({ prefix: 'next:', count: 5, value: big })).toEqual({ done: 5, code: null });
  });

  it('allows 45 batch operations a minute', async () => {
    expect(await burst({ op: 'batch', prefix: 'batch:', count: 50 })).toEqual({
      done: 45,
      code: 'RATE_LIMIT_EXCEEDED',
    });
    expect(env.platform.storage.get('kv', 'batch:45')).toBeUndefined();
    await env.platform.advance(60_000);
    expect(await burst({ op: 'batch', prefix: 'again:', count: 3 })).toEqual({ done: 3, code: null });
  });

  it('charges a read by the size of what it returned', async () => {
    await call('kv-set', { key: 'large', value: 'y'.repeat(100 * 1024) });
    await env.platform.advance(60_000);
    // Each read returns ~100 KB = 11 units: 4,000 units buy 364 reads, not 4,000.
    const reads = await burst({ op: 'get', key: 'large', count: 1_000 });
    expect(reads.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(reads.done).toBeGreaterThan(350);
    expect(reads.done).toBeLessThan(370);
  });
});

describe('transactions', () => {
  it('changes nothing when a check fails', async () => {
    const result = await call<{ failure: { code: string } | null; note: unknown; bob: unknown }>(
      'transaction',
      {
        minimum: 100,
      },
    );
    expect(result.failure?.code).toBe('CONDITION_CHECK_FAILED');
    expect(result.note).toBe('before');
    expect(result.bob).toBeNull();
  });

  it('applies every operation when all checks hold', async () => {
    const result = await call<{ failure: unknown; note: unknown; bob: unknown }>('transaction', {
      minimum: 5,
    });
    expect(result.failure).toBeNull();
    expect(result.note).toBe('after');
    expect(result.bob).toEqual({ owner: 'bob', amount: 5 });
  });
});
