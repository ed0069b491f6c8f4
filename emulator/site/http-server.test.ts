// The site over real HTTP: Basic auth for Jira/Confluence like a real site, Bearer keys on the api.atlassian.com
// paths, and the control API under /__emulator.
import { createManualClock } from '../clock';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSiteHttpServer, createSiteMount, productForPath, type RunningSiteServer } from './http-server';
import { createSite, type Site } from './site';

let server: RunningSiteServer;
let site: Site;
const clock = createManualClock();

beforeAll(async () => {
  site = createSite({ clock, strictSpec: true, rateLimits: 'off' });
  server = await createSiteHttpServer(site, { port: 0, clock });
});

afterAll(async () => {
  await server.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

function basic(): Record<string, string> {
  const { siteAdmin } = site.credentials();
  return {
    authorization: `Basic ${Buffer.from(`${siteAdmin.email}:${siteAdmin.apiToken}`).toString('base64')}`,
  };
}

describe('site over HTTP', () => {
  it('maps paths to products', () => {
    expect(productForPath('/rest/api/3/myself')).toBe('jira');
    expect(productForPath('/wiki/api/v2/spaces')).toBe('confluence');
    expect(productForPath('/admin/v1/orgs')).toBe('api');
    expect(productForPath('/scim/directory/x/Users')).toBe('api');
    expect(productForPath('/users/x/manage/profile')).toBe('api');
    expect(productForPath('/__emulator/health')).toBe('control');
    expect(productForPath('/favicon.ico')).toBeUndefined();
  });

  it('answers health, serves Jira and Confluence with Basic auth, and refuses without it', async () => {
    expect((await get('/__emulator/health')).status).toBe(200);
    const me = await get('/rest/api/3/myself', basic());
    expect(me.status).toBe(200);
    expect(me.json?.['emailAddress']).toBe(site.credentials().siteAdmin.email);
    expect((await get('/rest/api/3/myself')).status).toBe(401);
    expect((await get('/wiki/api/v2/spaces', basic())).status).toBe(200);
    expect((await get('/nothing-here')).status).toBe(404);
  });

  it('serves the Admin API and SCIM with Bearer keys', async () => {
    const { orgId, orgApiKey, directoryId, scimKey } = site.credentials();
    expect((await get(`/admin/v1/orgs/${orgId}`, { authorization: `Bearer ${orgApiKey}` })).status).toBe(200);
    const users = await get(`/scim/directory/${directoryId}/Users?count=1`, {
      authorization: `Bearer ${scimKey}`,
    });
    expect(users.status).toBe(200);
    expect(users.headers.get('content-type')).toContain('application/scim+json');
  });

  it('runs simulations, the clock and dials through the control API', async () => {
    const login = await send('POST', '/__emulator/jit-login', {
      email: 'http.jit@acme.example',
      displayName: 'Http Jit',
    });
    expect(login.status).toBe(201);
    const { accountId } = login.json as { accountId: string };
    expect(
      (
        await send('POST', '/__emulator/jit-login', {
          email: 'http.jit@acme.example',
          displayName: 'Http Jit',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send('POST', '/__emulator/activity', {
          accountId,
          product: 'confluence',
          at: '2025-12-01T10:00:00Z',
        })
      ).status,
    ).toBe(204);
    expect((await send('POST', '/__emulator/activity', { accountId, product: 'bamboo' })).status).toBe(400);
    const before = clock.now();
    const advanced = await send('POST', '/__emulator/clock/advance', { days: 2 });
    expect((advanced.json as { now: number }).now).toBe(before + 2 * 86_400_000);
    expect((await send('PUT', '/__emulator/faults', { seed: 1, rules: [{ errorRate: 2 }] })).status).toBe(
      400,
    );
    expect((await send('PUT', '/__emulator/rate-limits', 'off')).status).toBe(200);
    const events = await get('/__emulator/events');
    expect(events.status).toBe(200);
    const account = await get(`/__emulator/users/${accountId}`);
    expect(account.json?.['groups']).toEqual(['confluence-users', 'jira-software-users']);
    expect(
      (await send('POST', '/__emulator/memberships', { accountId, group: 'finance-team' })).json,
    ).toEqual({ changed: true });
    const groups = await fetch(`${server.url}/__emulator/groups`).then(
      (r) => r.json() as Promise<Array<{ name: string }>>,
    );
    expect(groups.some((g) => g.name === 'finance-team')).toBe(true);
    expect((await get('/__emulator/validation')).json?.['stats']).toMatchObject({ responseViolations: 0 });
    expect((await get('/__emulator/nope')).status).toBe(404);
  });

  it('re-seeds and resets through the control API', async () => {
    const seeded = await send('POST', '/__emulator/seed', { kind: 'empty' });
    expect(seeded.status).toBe(200);
    expect(site.accounts().total).toBe(2);
    expect((await send('POST', '/__emulator/seed', { kind: 'scale', users: -1 })).status).toBe(400);
    await send('POST', '/__emulator/seed', { kind: 'demo' });
    const total = site.accounts().total;
    site.simulateJitLogin({ email: 'temp@acme.example', displayName: 'Temp' });
    expect((await send('POST', '/__emulator/reset', undefined)).status).toBe(200);
    expect(site.accounts().total).toBe(total);
    expect(site.emittedEvents()).toEqual([]);
  });
});

describe('site mount', () => {
  it('answers its own paths and leaves the others to the host server', async () => {
    const mount = createSiteMount(site, { clock });
    const host = createServer((req, res) => {
      void mount(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(299, { 'content-type': 'text/plain' });
          res.end('host');
        }
      });
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/__emulator/credentials`)).status).toBe(200);
      expect((await fetch(`${base}/rest/api/3/myself`)).status).toBe(401);
      const other = await fetch(`${base}/__preview/index.html`);
      expect(other.status).toBe(299);
      expect(await other.text()).toBe('host');
    } finally {
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});
