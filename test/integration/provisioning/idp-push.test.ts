// The signed web trigger for IdP pushes: real HTTP; bad signature, stale timestamp, replay, oversize or malformed
// body get a 4xx naming the problem and store nothing; a good push provisions the user from the pushed attributes.
import type { AppHarness } from '../../support/app-harness';
import { TIMESTAMP_HEADER } from '../../../src/services/provisioning/idp-push';
import { post as postPush, pushedFor as storedFor, signed as sign, startPushApp } from './idp-push-setup';

let app: AppHarness;
let url: string;

beforeEach(async () => {
  ({ app, url } = await startPushApp());
});
afterEach(() => app.close());

function post(body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const signed = (body: string, at?: number) => sign(app, body, at);
const pushedFor = (accountId: string) => storedFor(app, accountId);

it('accepts a signed push, stores the attributes and provisions the user from them', async () => {
  const accountId = app.jitLogin('casey.contract@acme.example', 'Casey');
  await app.drain();
  const body = JSON.stringify({ accountId, attributes: { employeeType: 'contractor', costCentre: 'CC-17' } });
  const response = await post(body, signed(body));
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ accepted: true, accountId, queued: true });
  await app.drain();
  expect(app.groupNamesOf(accountId)).toContain('support-agents');
  expect((await pushedFor(accountId))?.attributes).toEqual({
    employeeType: 'contractor',
    costCentre: 'CC-17',
  });
});

it('resolves the user by email when the IdP does not know the account id', async () => {
  const accountId = app.jitLogin('eli.email@acme.example', 'Eli');
  const body = JSON.stringify({
    email: 'ELI.EMAIL@acme.example',
    attributes: { employeeType: 'contractor' },
  });
  const response = await post(body, signed(body));
  expect(await response.json()).toMatchObject({ accepted: true, accountId });
});

it('accepts a push older than the one applied without changing anything, and refuses its replay', async () => {
  const accountId = app.jitLogin('olga.order@acme.example', 'Olga');
  const now = Math.floor(app.clock.now() / 1000);
  const newer = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
  expect((await postPush(url, newer, signed(newer, now))).status).toBe(202);
  const older = JSON.stringify({ accountId, attributes: { employeeType: 'staff' } });
  const olderHeaders = signed(older, now - 60);
  const reply = await postPush(url, older, olderHeaders);
  expect(reply.status).toBe(202);
  expect(reply.body).toEqual({ accepted: true, accountId, queued: false });
  expect((await pushedFor(accountId))?.attributes).toEqual({ employeeType: 'contractor' });
  expect((await postPush(url, older, olderHeaders)).status).toBe(409);
});

describe('refusals store nothing', () => {
  let accountId: string;
  beforeEach(() => {
    accountId = app.jitLogin('rita.refused@acme.example', 'Rita');
  });
  const cases: Array<[string, () => [string, Record<string, string>], number, RegExp]> = [
    [
      'a bad signature',
      () => [JSON.stringify({ accountId, attributes: { a: 1 } }), { ...signed('{}') }],
      401,
      /Bad signature/,
    ],
    [
      'no signature',
      () => [
        JSON.stringify({ accountId, attributes: { a: 1 } }),
        { [TIMESTAMP_HEADER]: String(Math.floor(app.clock.now() / 1000)) },
      ],
      401,
      /Missing x-jit-signature/,
    ],
    [
      'a stale timestamp',
      () => {
        const body = JSON.stringify({ accountId, attributes: { a: 1 } });
        return [body, signed(body, Math.floor(app.clock.now() / 1000) - 301)];
      },
      401,
      /Stale timestamp/,
    ],
    ['malformed JSON', () => ['{"accountId":', signed('{"accountId":')], 400, /not valid JSON/],
    [
      'a wrong shape',
      () => {
        const body = JSON.stringify({ accountId, attributes: { 'bad name': 1 }, extra: true });
        return [body, signed(body)];
      },
      400,
      /does not match/,
    ],
    [
      'an oversize body',
      () => {
        const body = JSON.stringify({ accountId, attributes: { blob: 'x'.repeat(70_000) } });
        return [body, signed(body)];
      },
      413,
      /larger than 64 KB/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, status, message) => {
    const [body, headers] = make();
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    const reply = (await response.json()) as { accepted: boolean; error: string };
    expect(reply.accepted).toBe(false);
    expect(reply.error).toMatch(message);
    expect(await pushedFor(accountId)).toBeUndefined();
  });

  it('a replay of an accepted push', async () => {
    const body = JSON.stringify({ accountId, attributes: { employeeType: 'staff' } });
    const headers = signed(body);
    expect((await post(body, headers)).status).toBe(202);
    const replay = await post(body, headers);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: string }).error).toMatch(/Replayed/);
  });

  it('field-level errors name what is wrong', async () => {
    const body = JSON.stringify({ attributes: { ok: ['a', 2] } });
    const reply = (await (await post(body, signed(body))).json()) as { errors: Array<{ field: string }> };
    expect(reply.errors.map((e) => e.field).sort()).toEqual(['accountId', 'attributes.ok']);
  });
});
