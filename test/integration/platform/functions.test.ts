// Resolvers, web triggers, egress and principals on the platform, with the real SDK.
import { startFixturePlatform, type FixturePlatform } from './platform-fixture';
import { join } from 'node:path';
import { createRealClock } from '../../../emulator/clock';
import { createLatencyDelay, createPlatform, ResolverInvocationError } from '../../../emulator/platform';
import { StubSite } from '../../support/stub-site';

let env: FixturePlatform;
beforeEach(() => (env = startFixturePlatform()));
afterEach(() => env.platform.close());

const call = <T>(key: string, payload: Record<string, unknown> = {}, accountId = '557058:admin') =>
  env.platform.invokeResolver<T>({ key, payload, accountId });

describe('resolvers', () => {
  it('passes the caller as context.accountId and as the asUser() principal', async () => {
    const result = await call<{ contextAccountId: string; body: { principal: unknown } }>(
      'whoami',
      {},
      '557058:alice',
    );
    expect(result.contextAccountId).toBe('557058:alice');
    expect(result.body.principal).toEqual({ kind: 'user', accountId: '557058:alice', impersonated: false });
  });

  it('sees the emulated clock through Date', async () => {
    const result = await call<{ now: number; iso: string }>('now');
    expect(result.now).toBe(env.platform.now());
    expect(result.iso).toBe(new Date(env.platform.now()).toISOString());
  });

  it('keeps Date.now() in whole milliseconds after a fractional timer, as Node does', async () => {
    const before = env.platform.now();
    const result = await call<{ now: number }>('sleep-then-now', { ms: 1333.33 });
    expect(Number.isInteger(result.now)).toBe(true);
    expect(result.now - before).toBe(1333);
  });

  it('is killed after 25 s and the caller gets Forge’s invocation error', async () => {
    env.site.latencyMs = 10_000;
    const attempt = call('spin', { calls: 5 });
    await expect(attempt).rejects.toBeInstanceOf(ResolverInvocationError);
    await expect(attempt).rejects.toThrow(/Task timed out after 25.00 seconds/);
    expect(env.site.requests).toHaveLength(3);
  });
});

describe('scopes', () => {
  it('refuses a product call whose scope the manifest lacks, before it reaches the site', async () => {
    const result = await call<{ status: number; body: { message: string } }>('add-to-group');
    expect(result.status).toBe(401);
    expect(result.body.message).toMatch(/scope does not match.*manage:jira-configuration/);
    expect(env.site.requests).toHaveLength(0);
  });
});

describe('impersonation', () => {
  it('refuses asUser(accountId) for someone who cannot use the app, and allows it for someone who can, without any consent step', async () => {
    await expect(call('impersonate', { accountId: '557058:bob' })).rejects.toThrow(/Authentication Required/);
    expect(env.site.requests).toHaveLength(0);
    env.site.appUsers.add('557058:bob'); // Bob gets access to Jira; he never opens the app
    const result = await call<{ body: { principal: unknown } }>('impersonate', { accountId: '557058:bob' });
    expect(result.body.principal).toEqual({ kind: 'user', accountId: '557058:bob', impersonated: true });
  });

  it('refuses an impersonated call whose scope is granted but not marked allowImpersonation, before the site sees it', async () => {
    env.site.appUsers.add('557058:bob');
    const result = await call<{ ok: boolean; name: string; message: string }>('impersonate-project-search', {
      accountId: '557058:bob',
    });
    expect(result).toMatchObject({ ok: false, name: 'PROXY_ERR' }); // @forge/api's ProxyRequestError
    expect(result.message).toMatch(/IMPERSONATION_NOT_ALLOWED/);
    expect(env.site.requests).toHaveLength(0);
    // The same call as the app is fine: read:jira-work is granted.
    expect(await call<{ status: number }>('whoami')).toMatchObject({ status: 200 });
  });
});

describe('egress', () => {
  it('refuses hosts missing from permissions.external.fetch.backend', async () => {
    const result = await call<{ ok: boolean; message: string }>('egress', {
      url: 'https://evil.example.org/x',
    });
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toMatch(
      /not included in the external fetch backend permissions: evil.example.org/,
    );
  });

  it('routes an allowed host to a registered handler', async () => {
    const seen: string[] = [];
    env.platform.registerExternal('hooks.example.com', async (request) => {
      seen.push(await request.text());
      return new Response('ok', { status: 200 });
    });
    const result = await call('egress', { url: 'https://hooks.example.com/services/T1' });
    expect(result).toEqual({ ok: true, status: 200, body: 'ok' });
    expect(seen).toEqual(['{"text":"hi"}']);
  });
});

describe('web triggers', () => {
  it('serves real HTTP on 127.0.0.1 and maps the request and response shapes', async () => {
    const { url } = await call<{ url: string }>('webtrigger-url');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x1\/[0-9a-f]{32}$/);
    const response = await fetch(`${url}/extra/path?a=1&a=2`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      method: 'POST',
      contentType: ['text/plain;charset=UTF-8'],
      body: 'hello',
      q: { a: ['1', '2'] },
      userPath: '/extra/path',
    });
  });

  it('delivers a request without HTTP in the same shapes, tagged for an operation gate', async () => {
    const seen: Array<string | undefined> = [];
    env.platform.operationGate = (operation) => {
      seen.push(operation.tag);
      return Promise.resolve();
    };
    const reply = await env.platform.runWebTrigger(
      'echo-hook',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
      { tag: 'first' },
    );
    expect(reply.statusCode).toBe(201);
    expect(JSON.parse(reply.body ?? '')).toEqual({
      method: 'POST',
      contentType: ['application/json'],
      body: '{}',
      q: {},
      userPath: '',
    });
    await env.platform.runWebTrigger('echo-hook', { body: 'store' }, { tag: 'second' });
    expect(seen).toEqual(['second']);
  });

  it('answers 404 for an unknown trigger id', async () => {
    const { url } = await call<{ url: string }>('webtrigger-url');
    const response = await fetch(url.replace(/[0-9a-f]{32}$/, 'f'.repeat(32)), { method: 'POST', body: '' });
    expect(response.status).toBe(404);
  });
});

describe('a real-time clock', () => {
  it('can be created after the globals are installed: Date inside invocations reads it without recursing', async () => {
    // The host's "real" time is a fixed instant, read through Date.now as the real clock reads it: inside an
    // invocation Date.now is the platform's, which asks this clock, which calls Date.now again — the recursion the
    // platform must break. No wall-clock time is asserted.
    const HOST_NOW = 1_800_000_000_000;
    const clock = createRealClock(() => {
      Date.now();
      return HOST_NOW;
    });
    clock.advance(86_400_000);
    const platform = createPlatform({
      appDir: join(__dirname, '../../fixtures/platform-app'),
      site: new StubSite(createLatencyDelay('real')),
      clock,
    });
    try {
      const result = await platform.invokeResolver<{ now: number }>({
        key: 'now',
        accountId: '557058:admin',
      });
      expect(result.now).toBe(HOST_NOW + 86_400_000);
    } finally {
      await platform.close();
    }
  });
});
