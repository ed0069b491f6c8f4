// The IdP push trigger from an attacker's side (or a careless integrator's): prototype-polluting attribute names,
// other media types, unknown accounts. Each refusal is a 4xx with a JSON error, logs no stack trace, and changes
// nothing the platform stores — not the user's earlier attributes, not a nonce, not the queue.
import { request } from 'node:http';
import type { AppHarness } from '../../support/app-harness';
import {
  lastWebTriggerOutcome,
  parseReply,
  post,
  push,
  pushedFor,
  signed,
  startPushApp,
  storageFingerprint,
  type PushApp,
  type PushResponse,
} from './idp-push-setup';

let pushApp: PushApp;
let app: AppHarness;
let consoleSpies: jest.SpyInstance[];

beforeEach(async () => {
  pushApp = await startPushApp();
  app = pushApp.app;
  consoleSpies = (['error', 'warn'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation(() => undefined),
  );
});
afterEach(async () => {
  consoleSpies.forEach((spy) => spy.mockRestore());
  await app.close();
});

/** POSTs with raw header lines (fetch would merge repeated headers into one). */
function postRaw(url: string, body: string, rawHeaders: string[]): Promise<PushResponse> {
  return new Promise((resolve, reject) => {
    // Node's server refuses a request without Host, which it adds itself only to object-shaped headers.
    const headers = ['Host', new URL(url).host, ...rawHeaders];
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'] ?? null,
          contentType: res.headers['content-type'] ?? null,
          body: parseReply(text),
          text,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends a request and checks the refusal changed nothing and left no stack trace in the logs. */
async function refusedWithoutTrace(send: () => Promise<PushResponse>): Promise<PushResponse> {
  const before = storageFingerprint(app);
  const reply = await send();
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expect(reply.contentType).toMatch(/^application\/json/);
  expect(reply.body.accepted).toBe(false);
  expect(typeof reply.body.error).toBe('string');
  expect(storageFingerprint(app)).toBe(before);
  expect(lastWebTriggerOutcome(app)).toBe('success');
  const traces = consoleSpies
    .flatMap((spy) => spy.mock.calls as unknown[][])
    .filter((args) => args.some((a) => a instanceof Error || /\n\s+at /.test(String(a))));
  expect(traces).toEqual([]);
  return reply;
}

describe('attribute names that are not own, safe identifiers', () => {
  let accountId: string;
  beforeEach(async () => {
    accountId = app.jitLogin('casey.contract@acme.example', 'Casey');
    expect((await push(pushApp, { accountId }, { employeeType: 'contractor' })).status).toBe(202);
  });

  it('refuses "__proto__" as a raw JSON key instead of dropping it and wiping the user\'s pushed attributes', async () => {
    // JSON.parse makes "__proto__" an own property; a record parser that drops it would store {} for the user.
    const body = `{"accountId":"${accountId}","attributes":{"__proto__":"x"}}`;
    const reply = await refusedWithoutTrace(() => post(pushApp.url, body, signed(app, body)));
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { field: 'attributes.__proto__', message: expect.stringMatching(/not allowed/) as unknown },
    ]);
    expect((await pushedFor(app, accountId))?.attributes).toEqual({ employeeType: 'contractor' });
  });

  it('refuses "__proto__" carrying an object beside real attributes, so nothing reaches a prototype', async () => {
    const body = `{"accountId":"${accountId}","attributes":{"costCentre":"CC-1","__proto__":{"employeeType":"staff","isAdmin":true}}}`;
    const reply = await refusedWithoutTrace(() => post(pushApp.url, body, signed(app, body)));
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.field)).toEqual(['attributes.__proto__']);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect((await pushedFor(app, accountId))?.attributes).toEqual({ employeeType: 'contractor' });
  });

  it.each(['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
    'refuses the name "%s", which every JavaScript object already has',
    async (name) => {
      const reply = await refusedWithoutTrace(() =>
        push(pushApp, { accountId }, { [name]: 'x', costCentre: 'CC-1' }),
      );
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([
        { field: `attributes.${name}`, message: expect.stringMatching(/not allowed/) as unknown },
      ]);
    },
  );

  it.each([
    ['a hyphen', 'cost-centre'],
    ['a leading underscore', '_internal'],
    ['a leading digit', '1st'],
    ['a dot', 'a.b'],
    ['a space', 'cost centre'],
    ['a non-ASCII letter', 'abteilungsnäme'],
    ['an empty name', ''],
    ['65 characters', 'a'.repeat(65)],
  ])('refuses a name with %s, naming the field', async (_what, name) => {
    const reply = await refusedWithoutTrace(() => push(pushApp, { accountId }, { [name]: 'x' }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.field)).toEqual([`attributes.${name}`]);
    expect(reply.body.errors?.[0]?.message).toMatch(/letters, digits and _/);
  });

  it('refuses a top-level "__proto__" key as an unknown field', async () => {
    const body = `{"__proto__":{"accountId":"${accountId}"},"email":"casey.contract@acme.example","attributes":{}}`;
    const reply = await refusedWithoutTrace(() => post(pushApp.url, body, signed(app, body)));
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.map((e) => e.field)).toEqual(['(payload)']);
  });

  it('still accepts 64-character names of letters, digits and underscores', async () => {
    const name = `a${'_9Z'.repeat(21)}`;
    expect((await push(pushApp, { accountId }, { [name]: 'x' })).status).toBe(202);
    expect((await pushedFor(app, accountId))?.attributes).toEqual({ [name]: 'x' });
  });
});

describe('JSON only', () => {
  let accountId: string;
  beforeEach(() => {
    accountId = app.jitLogin('jay.json@acme.example', 'Jay');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['another JSON-like type', 'application/vnd.api+json'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1'],
    ['no Content-Type at all', null],
  ])('answers 415 to %s and stores nothing', async (_what, contentType) => {
    const body = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
    const reply = await refusedWithoutTrace(() => post(pushApp.url, body, signed(app, body), contentType));
    expect(reply.status).toBe(415);
    expect(reply.body.error).toMatch(/Content-Type: application\/json/);
    expect(await pushedFor(app, accountId)).toBeUndefined();
  });

  it('answers 415 to a list of media types in one Content-Type header', async () => {
    const body = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
    const reply = await refusedWithoutTrace(() =>
      post(pushApp.url, body, signed(app, body), 'application/json, text/plain'),
    );
    expect(reply.status).toBe(415);
  });

  it('answers 415 when the Content-Type header is sent twice', async () => {
    const body = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
    const reply = await refusedWithoutTrace(() =>
      postRaw(pushApp.url, body, [
        ...Object.entries(signed(app, body)).flat(),
        'Content-Type',
        'application/json',
        'content-type',
        'application/json',
      ]),
    );
    expect(reply.status).toBe(415);
  });

  it.each(['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON'])(
    'accepts %s',
    async (contentType) => {
      const body = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
      expect((await post(pushApp.url, body, signed(app, body), contentType)).status).toBe(202);
    },
  );
});

describe('unknown accounts', () => {
  it('answers 404 to a well-formed account id no one has, and leaves no failed user, nonce or queued work', async () => {
    const accountId = '712020:0c4a1f6e-dead-4bad-9d1e-000000000000';
    const reply = await refusedWithoutTrace(() =>
      push(pushApp, { accountId }, { employeeType: 'contractor' }),
    );
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatch(new RegExp(`No Atlassian account has the id ${accountId}`));
    await app.drain();
    expect(await pushedFor(app, accountId)).toBeUndefined();
  });

  it('answers 404 to an email no account has, and the same signed request works once the person has logged in', async () => {
    const body = JSON.stringify({
      email: 'nadia.new@acme.example',
      attributes: { employeeType: 'contractor' },
    });
    const headers = signed(app, body);
    const reply = await refusedWithoutTrace(() => post(pushApp.url, body, headers));
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatch(/No Atlassian account has the email nadia\.new@acme\.example/);

    const accountId = app.jitLogin('nadia.new@acme.example', 'Nadia');
    const retry = await post(pushApp.url, body, headers);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ accepted: true, accountId });
  });
});
