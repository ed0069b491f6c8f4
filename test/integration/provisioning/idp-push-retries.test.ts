// The IdP's retries: a push that fails for a passing reason (Jira 5xx, a timeout, a 429, a storage quota, a queue
// that is refusing work) answers 503 with Retry-After and stays repeatable — the same signed request succeeds once
// the cause has passed — while a push that was fully processed is refused as a replay.
import { kvs } from '@forge/kvs';
import { DEFAULT_KVS_QUOTA } from '../../../emulator/platform/kvs/kvs-quota';
import type { AppHarness } from '../../support/app-harness';
import {
  post,
  pushAuditLines,
  pushedFor,
  signed,
  startPushApp,
  storageFingerprint,
  type PushApp,
} from './idp-push-setup';

let pushApp: PushApp;
let app: AppHarness;

afterEach(() => app.close());

async function start(options: Parameters<typeof startPushApp>[0] = {}) {
  pushApp = await startPushApp(options);
  app = pushApp.app;
}

function contractorPush(who: { accountId: string } | { email: string }) {
  const body = JSON.stringify({ ...who, attributes: { employeeType: 'contractor' } });
  return { body, headers: signed(app, body) };
}

/** The IdP's retry of the very same request (same body, same timestamp and signature) is accepted and applied. */
async function retrySucceeds(accountId: string, request: { body: string; headers: Record<string, string> }) {
  const retry = await post(pushApp.url, request.body, request.headers);
  expect(retry.status).toBe(202);
  expect(retry.body).toEqual({ accepted: true, accountId, queued: true });
  expect((await pushedFor(app, accountId))?.attributes).toEqual({ employeeType: 'contractor' });
  expect(await pushAuditLines(app, accountId)).toHaveLength(1);
  // The user is provisioned within seconds; the replay is tried well inside the signature's 5-minute window (a
  // full drain would also deliver the login's Confluence event, looked at again five minutes later).
  await app.advance(60_000, { scheduled: false });
  expect(app.groupNamesOf(accountId)).toContain('support-agents');
  const replay = await post(pushApp.url, request.body, request.headers);
  expect(replay.status).toBe(409);
  expect(replay.body.error).toMatch(/Replayed request/);
}

function expectTryAgain(reply: Awaited<ReturnType<typeof post>>, why: RegExp): number {
  expect(reply.status).toBe(503);
  expect(reply.contentType).toMatch(/^application\/json/);
  expect(reply.body).toMatchObject({ accepted: false, error: expect.stringMatching(why) as unknown });
  expect(reply.retryAfter).toMatch(/^[1-9]\d*$/);
  return Number(reply.retryAfter);
}

describe('Jira failing for a while', () => {
  beforeEach(() => start());

  it('answers 503 with Retry-After when Jira answers 503 to the account lookup, and the same request works later', async () => {
    const accountId = app.jitLogin('casey.contract@acme.example', 'Casey');
    const request = contractorPush({ accountId });
    app.site.setFaults({
      seed: 7,
      rules: [{ product: 'jira', pathPrefix: '/rest/api/3/user', errorRate: 1, errorStatuses: [503] }],
    });
    const before = storageFingerprint(app);
    const reply = await post(pushApp.url, request.body, request.headers);
    expectTryAgain(reply, /Jira is unavailable.*try again/i);
    expect(storageFingerprint(app)).toBe(before);

    app.site.setFaults(null);
    await retrySucceeds(accountId, request);
  });

  it('answers 503 when the email lookup fails with 502s, and the same request works later', async () => {
    const accountId = app.jitLogin('eli.email@acme.example', 'Eli');
    const request = contractorPush({ email: 'eli.email@acme.example' });
    app.site.setFaults({
      seed: 7,
      rules: [{ product: 'jira', pathPrefix: '/rest/api/3/user/search', errorRate: 1, errorStatuses: [502] }],
    });
    const before = storageFingerprint(app);
    expectTryAgain(await post(pushApp.url, request.body, request.headers), /try again/i);
    expect(storageFingerprint(app)).toBe(before);

    app.site.setFaults(null);
    await retrySucceeds(accountId, request);
  });

  it('answers 503 when Jira times out (504) on every attempt, and the same request works later', async () => {
    const accountId = app.jitLogin('tia.timeout@acme.example', 'Tia');
    const request = contractorPush({ accountId });
    app.site.setFaults({
      seed: 7,
      rules: [{ product: 'jira', pathPrefix: '/rest/api/3/user', timeoutRate: 1, timeoutMs: 10_000 }],
    });
    const before = storageFingerprint(app);
    expectTryAgain(await post(pushApp.url, request.body, request.headers), /try again/i);
    expect(storageFingerprint(app)).toBe(before);

    app.site.setFaults(null);
    await retrySucceeds(accountId, request);
  });

  it('leaves the request repeatable when Forge kills the invocation while Jira hangs', async () => {
    const accountId = app.jitLogin('hank.hang@acme.example', 'Hank');
    const request = contractorPush({ accountId });
    app.site.setFaults({
      seed: 7,
      rules: [{ product: 'jira', pathPrefix: '/rest/api/3/user', timeoutRate: 1, timeoutMs: 120_000 }],
    });
    const before = storageFingerprint(app);
    const killed = await post(pushApp.url, request.body, request.headers);
    // Forge's own answer for an invocation past its 55 s limit: not the app's, and not JSON.
    expect(killed.status).toBe(500);
    expect(storageFingerprint(app)).toBe(before);

    app.site.setFaults(null);
    await retrySucceeds(accountId, request);
  });
});

it("passes on Jira's Retry-After when Jira rate-limits the lookup beyond a short inline wait", async () => {
  await start({ rateLimits: { hourlyPoints: 1 } });
  const accountId = app.jitLogin('rana.rate@acme.example', 'Rana');
  // The hour's only point goes to someone else's request.
  await app.inApp(async () => {
    const { asApp, route } = await import('@forge/api');
    await asApp().requestJira(route`/rest/api/3/myself`);
  });
  const request = contractorPush({ accountId });
  const before = storageFingerprint(app);
  const retryAfter = expectTryAgain(
    await post(pushApp.url, request.body, request.headers),
    /rate-limit.*try again/i,
  );
  expect(retryAfter).toBeGreaterThan(60);
  expect(storageFingerprint(app)).toBe(before);

  app.site.setRateLimits('off');
  await retrySucceeds(accountId, request);
});

describe("Forge's storage quota", () => {
  const WRITES_PER_MINUTE = 200;
  beforeEach(() => start({ kvsQuota: { ...DEFAULT_KVS_QUOTA, writeUnitsPerMinute: WRITES_PER_MINUTE } }));

  /** Starts a fresh quota minute and spends all but `left` of its write units on other work. */
  async function spendWriteQuota(left: number) {
    app.clock.advance(60_000 - (app.clock.now() % 60_000));
    await app.inApp(async () => {
      for (let i = 0; i < WRITES_PER_MINUTE - left; i++) await kvs.set(`other-work:${i}`, i);
    });
  }

  it('answers 503 with Retry-After until the minute turns when storage refuses the write, and stores nothing', async () => {
    const accountId = app.jitLogin('quinn.quota@acme.example', 'Quinn');
    const request = contractorPush({ accountId });
    await spendWriteQuota(0);
    const before = storageFingerprint(app);
    const retryAfter = expectTryAgain(
      await post(pushApp.url, request.body, request.headers),
      /storage.*try again/i,
    );
    expect(storageFingerprint(app)).toBe(before);
    expect(retryAfter).toBeLessThanOrEqual(61);

    app.clock.advance(retryAfter * 1000);
    await retrySucceeds(accountId, request);
  });

  it('completes a push whose attributes were stored but whose queueing was refused when the IdP retries it', async () => {
    const accountId = app.jitLogin('stella.stored@acme.example', 'Stella');
    const request = contractorPush({ accountId });
    // One write unit left: enough to store the attributes, not to queue the user.
    await spendWriteQuota(1);
    const retryAfter = expectTryAgain(
      await post(pushApp.url, request.body, request.headers),
      /storage.*try again/i,
    );
    expect((await pushedFor(app, accountId))?.attributes).toEqual({ employeeType: 'contractor' });

    app.clock.advance(retryAfter * 1000);
    await retrySucceeds(accountId, request);
  });
});
