// Queues, product events and schedules on the platform: limits, retries, timeouts and at-least-once delivery.
import { startFixturePlatform, type FixturePlatform } from './platform-fixture';

let env: FixturePlatform;
afterEach(() => env.platform.close());

const call = <T>(key: string, payload: Record<string, unknown> = {}) =>
  env.platform.invokeResolver<T>({ key, payload, accountId: '557058:admin' });

const workKeys = () =>
  env.platform.storage
    .dump()
    .map((e) => e.key)
    .filter((k) => k.startsWith('work:'));

describe('queue push limits (checked by the SDK and by the platform)', () => {
  beforeEach(() => (env = startFixturePlatform()));

  it('refuses a 300 KB push with the SDK’s own PayloadTooBigError and queues nothing', async () => {
    const result = await call<{ ok: boolean; name: string }>('push', {
      events: [{ body: { blob: 'x'.repeat(300 * 1024) } }],
    });
    expect(result).toMatchObject({ ok: false, name: 'PayloadTooBigError' });
    expect(env.platform.queue.counts().pending).toBe(0);
  });

  it('refuses 51 events in one push with TooManyEventsError', async () => {
    const events = Array.from({ length: 51 }, (_, i) => ({ body: { i } }));
    expect(await call('push', { events })).toMatchObject({ ok: false, name: 'TooManyEventsError' });
  });

  it('refuses a delay beyond 900 s', async () => {
    expect(await call('push', { events: [{ body: {}, delayInSeconds: 901 }] })).toMatchObject({
      ok: false,
      name: 'InvalidPushSettingsError',
    });
  });

  it('rate-limits more than 500 events a minute with RateLimitError, and accepts again a minute later', async () => {
    for (let i = 0; i < 10; i++) {
      const events = Array.from({ length: 50 }, (_, j) => ({
        body: { action: 'noop', n: i * 50 + j },
        delayInSeconds: 900,
      }));
      expect(await call('push', { events })).toMatchObject({ ok: true });
    }
    expect(await call('push', { events: [{ body: {}, delayInSeconds: 900 }] })).toMatchObject({
      ok: false,
      name: 'RateLimitError',
    });
    env.platform.clock.advance(61_000);
    expect(await call('push', { events: [{ body: {}, delayInSeconds: 900 }] })).toMatchObject({ ok: true });
  });

  it('delivers a delayed event only when the clock reaches its delay', async () => {
    await call('push', { events: [{ body: { action: 'noop' }, delayInSeconds: 120 }] });
    await env.platform.advance(119_000);
    expect(workKeys()).toEqual([]);
    await env.platform.advance(1_000);
    expect(workKeys().filter((k) => k.endsWith(':done'))).toHaveLength(1);
  });
});

describe('chains of async events (at most 1,000 push requests from one root invocation)', () => {
  beforeEach(() => (env = startFixturePlatform()));

  it('refuses the 1,001st push of a chain with the SDK’s InvocationLimitReachedError; a new root starts afresh', async () => {
    expect(await call('push', { events: [{ body: { action: 'chain', hop: 0 } }] })).toMatchObject({
      ok: true,
    });
    await env.platform.drain();
    const refused = env.platform.storage.dump().find((e) => e.key === 'chain:refused');
    // The resolver's push was the first of the chain; hops 1..999 each pushed once more; hop 1,000's push is refused.
    expect(refused?.value).toEqual({
      hop: 1000,
      name: 'InvocationLimitReachedError',
      message: 'The limit on cyclic invocation has been reached.',
    });
    const [chain] = env.platform.eventChains();
    expect(chain).toMatchObject({ root: 'resolver:admin-page', pushes: 1000 });
    const consumers = env.platform.invocations.filter((r) => r.moduleKind === 'consumer');
    expect(new Set(consumers.map((r) => r.chainId))).toEqual(new Set([chain?.chainId]));
    // Another root invocation is a new chain with its own budget.
    expect(await call('push', { events: [{ body: { action: 'noop' } }] })).toMatchObject({ ok: true });
    expect(env.platform.eventChains().map((c) => c.pushes)).toEqual([1000, 1]);
  });
});

describe('consumer retries', () => {
  beforeEach(() => (env = startFixturePlatform()));

  it('kills a consumer that exceeds its timeoutSeconds and retries it; the retry is observable', async () => {
    env.site.latencyMs = 20_000;
    await call('push', { events: [{ body: { action: 'slow-first-attempt' } }] });
    await env.platform.drain();
    const runs = env.platform.invocations.filter((r) => r.moduleKind === 'consumer');
    expect(runs.map((r) => [r.outcome, r.attempt])).toEqual([
      ['timeout', 1],
      ['success', 2],
    ]);
    expect(runs[0]?.error).toBe('Task timed out after 60.00 seconds');
    // Three 20 s calls plus real run time cross the 60 s limit during the third; nothing runs after the kill.
    expect(env.site.requests).toHaveLength(3);
    const attempt2 = env.platform.storage.dump().find((e) => e.key.endsWith(':attempt:2'));
    expect(attempt2?.value).toEqual({ action: 'slow-first-attempt', retryReason: 'FUNCTION_TIME_OUT' });
  });

  it('honours InvocationError retryAfter on the emulated clock and passes retryContext', async () => {
    await call('push', { events: [{ body: { action: 'retry-twice' } }] });
    const start = env.platform.now();
    await env.platform.drain();
    const runs = env.platform.invocations.filter((r) => r.moduleKind === 'consumer');
    expect(runs.map((r) => r.startedAt - start)).toEqual([0, 30_000, 60_000]);
    expect(workKeys().filter((k) => k.endsWith(':done'))).toHaveLength(1);
  });

  it('keeps retrying an InvocationError past four retries while the event is within its 24-hour window', async () => {
    await call('push', { events: [{ body: { action: 'always-retry' } }] });
    const pushedAt = env.platform.now();
    await env.platform.drain({ maxMs: 2 * 86_400_000 });
    const runs = env.platform.invocations.filter((r) => r.moduleKind === 'consumer');
    // Every 15 minutes (its retryAfter) for a day: the four-retry cap is for product events only.
    expect(runs.length).toBe(97);
    expect(runs.at(-1)!.startedAt - pushedAt).toBe(86_400_000);
    expect(env.platform.queue.counts()).toMatchObject({ failed: 1, pending: 0 });
    expect(env.platform.queue.failures()[0]?.error).toMatch(/retention window ended after 96 retries/);
    const window = env.platform.storage.dump().find((e) => e.key.endsWith(':window:2'));
    expect(window?.value).toEqual({
      startTime: new Date(pushedAt).toISOString(),
      remainingTimeMs: 86_400_000 - 900_000,
    });
  });

  it('retries a consumer that throws, with back-off (1, 2, 4, 8, 15, 15… minutes), for a day', async () => {
    await call('push', { events: [{ body: { action: 'throw' } }] });
    const pushedAt = env.platform.now();
    await env.platform.drain({ maxMs: 2 * 86_400_000 });
    const runs = env.platform.invocations.filter((r) => r.moduleKind === 'consumer');
    expect(runs.every((r) => r.outcome === 'error')).toBe(true);
    const gaps = runs.slice(1).map((r, i) => (r.startedAt - runs[i]!.startedAt) / 60_000);
    expect(gaps.slice(0, 6)).toEqual([1, 2, 4, 8, 15, 15]);
    expect(runs.at(-1)!.startedAt - pushedAt).toBeLessThanOrEqual(86_400_000);
    expect(runs.length).toBe(100);
    const retried = env.platform.storage.dump().find((e) => e.key.endsWith(':attempt:2'));
    expect(retried?.value).toEqual({ action: 'throw', retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' });
    expect(env.platform.queue.failures()[0]?.error).toMatch(
      /^Error: boom \(its 24-hour retention window ended/,
    );
  });
});

describe('product events', () => {
  it('delivers an event to its trigger with the platform context', async () => {
    env = startFixturePlatform();
    env.site.emit({
      eventType: 'avi:jira:created:user',
      payload: { eventType: 'avi:jira:created:user', user: { accountId: 'u1' } },
    });
    await env.platform.drain();
    const deliveries = env.platform.storage.dump().filter((e) => e.key.startsWith('delivery:'));
    expect(deliveries.map((d) => d.value)).toEqual([{ accountId: 'u1' }]);
  });

  it('kills a product-event trigger after 25 s although its function asks for timeoutSeconds: 300', async () => {
    env = startFixturePlatform();
    env.site.latencyMs = 10_000;
    env.site.emit({
      eventType: 'avi:jira:created:user',
      payload: { eventType: 'avi:jira:created:user', user: { accountId: 'u1' }, spinCalls: 5 },
    });
    await env.platform.advance(1_000);
    const [first] = env.platform.invocations.filter((r) => r.moduleKind === 'trigger');
    expect(first).toMatchObject({ outcome: 'timeout', limitMs: 25_000 });
    expect(first?.error).toBe('Task timed out after 25.00 seconds');
    // Two 10 s calls, then the third crosses 25 s: nothing runs after the kill.
    expect(env.site.requests).toHaveLength(3);
  });

  it('retries a product event that asks for it at most four times', async () => {
    env = startFixturePlatform();
    env.site.emit({
      eventType: 'avi:jira:created:user',
      payload: { eventType: 'avi:jira:created:user', user: { accountId: 'u1' }, alwaysRetry: true },
    });
    await env.platform.drain();
    expect(env.platform.invocations.filter((r) => r.moduleKind === 'trigger')).toHaveLength(5);
    expect(env.platform.queue.counts()).toMatchObject({ failed: 1, pending: 0 });
  });

  it('ignores events no trigger subscribes to', async () => {
    env = startFixturePlatform();
    env.site.emit({ eventType: 'avi:jira:deleted:user', payload: { eventType: 'avi:jira:deleted:user' } });
    await env.platform.drain();
    expect(env.platform.invocations).toHaveLength(0);
  });

  it('can deliver the same event twice (at-least-once), reaching the handler twice', async () => {
    env = startFixturePlatform({ duplicateDeliveryRate: 1 });
    env.site.emit({
      eventType: 'avi:jira:created:user',
      payload: { eventType: 'avi:jira:created:user', user: { accountId: 'u1' } },
    });
    await env.platform.drain();
    expect(env.platform.invocations.filter((r) => r.moduleKind === 'trigger')).toHaveLength(2);
    expect(env.platform.storage.dump().filter((e) => e.key.startsWith('delivery:'))).toHaveLength(2);
  });
});

describe('scheduled triggers', () => {
  it('runs a fiveMinute trigger at each interval the clock passes, with Date inside it on the emulated clock', async () => {
    env = startFixturePlatform();
    const start = env.platform.now();
    await env.platform.advance(16 * 60_000);
    const runs = env.platform.storage.dump().filter((e) => e.key.startsWith('schedule:'));
    expect(runs.map((r) => Number(r.key.slice('schedule:'.length)) - start)).toEqual([
      300_000, 600_000, 900_000,
    ]);
  });
});
