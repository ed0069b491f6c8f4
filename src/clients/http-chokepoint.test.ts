// The chokepoint's retry rules, with scripted responses and a recorded (not slept) clock.
import { HttpChokepoint, type CallRecord } from './http-chokepoint';
import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
import { AtlassianApiError, ProxyRefusedError } from './api-error';

function scripted(...responses: Array<Response | Error>) {
  let i = 0;
  return () => {
    const next = responses[Math.min(i++, responses.length - 1)] as Response | Error;
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next.clone());
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function chokepoint(remainingMs = 50_000) {
  const waits: number[] = [];
  const calls: CallRecord[] = [];
  const http = new HttpChokepoint({
    api: 'jira',
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    remainingMs: () => remainingMs,
    onCall: (c) => calls.push(c),
  });
  return { http, waits, calls };
}

describe('HttpChokepoint', () => {
  it('returns the first successful response and counts one call', async () => {
    const { http, calls } = chokepoint();
    expect(await http.json('GET /x', scripted(json(200, { ok: 1 })))).toEqual({ ok: 1 });
    expect(calls).toEqual([{ api: 'jira', operation: 'GET /x', status: 200, attempt: 1 }]);
  });

  it('notes the budget of a success that says the budget is nearly spent, and only then', async () => {
    const { http, calls } = chokepoint();
    const near = { 'x-ratelimit-nearlimit': 'true', 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '3' };
    await http.json(
      'GET /a',
      scripted(json(200, {}, { 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '15' })),
    );
    await http.json('GET /b', scripted(json(200, {}, near)));
    await http.json('GET /c', scripted(json(200, {}, { 'x-ratelimit-nearlimit': 'true' })));
    expect(calls.map((c) => c.nearLimit)).toEqual([undefined, 20, undefined]);
  });

  it('waits exactly Retry-After on 429 when it fits, then succeeds', async () => {
    const { http, waits } = chokepoint();
    const send = scripted(json(429, {}, { 'retry-after': '2' }), json(200, { ok: 1 }));
    expect(await http.json('GET /x', send)).toEqual({ ok: 1 });
    expect(waits).toEqual([2000]);
  });

  it('does not sleep a long Retry-After inside the invocation: it throws rate-limited with the wait', async () => {
    const { http, waits } = chokepoint();
    const error = (await http
      .send('GET /x', scripted(json(429, {}, { 'retry-after': '30' })))
      .catch((e: unknown) => e)) as AtlassianApiError;
    expect(error).toBeInstanceOf(AtlassianApiError);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.transient).toBe(true);
    expect(waits).toEqual([]);
  });

  it('does not wait when the invocation is about to run out of time', async () => {
    const { http, waits } = chokepoint(5_500);
    const error = (await http
      .send('GET /x', scripted(json(429, {}, { 'retry-after': '1' })))
      .catch((e: unknown) => e)) as AtlassianApiError;
    expect(error.kind).toBe('rate-limited');
    expect(waits).toEqual([]);
  });

  it('backs off on 5xx, doubling, and gives up after maxAttempts as unavailable', async () => {
    const { http, waits, calls } = chokepoint();
    const error = (await http
      .send('GET /x', scripted(json(502, { message: 'bad gateway' })))
      .catch((e: unknown) => e)) as AtlassianApiError;
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('jira GET /x failed: 502 (bad gateway)');
    expect(waits).toEqual([250, 500]);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('retries a network failure like a 5xx', async () => {
    const { http, waits } = chokepoint();
    expect(await http.json('GET /x', scripted(new TypeError('fetch failed'), json(200, [1])))).toEqual([1]);
    expect(waits).toEqual([250]);
  });

  it('never retries a 4xx and classifies it', async () => {
    const { http, calls } = chokepoint();
    const forbidden = (await http
      .send('POST /g', scripted(json(403, { errorMessages: ['no'] })))
      .catch((e: unknown) => e)) as AtlassianApiError;
    expect([forbidden.kind, forbidden.transient, forbidden.body]).toEqual([
      'forbidden',
      false,
      { errorMessages: ['no'] },
    ]);
    const missing = (await http
      .send('GET /g', scripted(json(404, {})))
      .catch((e: unknown) => e)) as AtlassianApiError;
    expect(missing.kind).toBe('not-found');
    const rejected = await http
      .send('POST /g', scripted(json(400, { errors: { a: 'b' } })))
      .catch((e: unknown) => e);
    expect((rejected as AtlassianApiError).kind).toBe('rejected');
    expect(calls).toHaveLength(3);
  });

  it("turns Forge's own proxy refusals into a typed refusal, never retried", async () => {
    const { http, waits, calls } = chokepoint();
    const impersonation = http.json('POST /x', scripted(new NeedsAuthenticationError('no', 'jira')));
    await expect(impersonation).rejects.toBeInstanceOf(ProxyRefusedError);
    await expect(impersonation).rejects.toMatchObject({ reason: 'impersonation', api: 'jira' });
    const proxy = http.json('GET /y', scripted(new ProxyRequestError(403, 'Forbidden')));
    await expect(proxy).rejects.toMatchObject({ reason: 'platform' });
    expect(waits).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('treats 503 with Retry-After as a rate limit', async () => {
    const { http, waits } = chokepoint();
    await http.send('GET /x', scripted(json(503, {}, { 'retry-after': '1' }), json(200, {})));
    expect(waits).toEqual([1000]);
  });
});
