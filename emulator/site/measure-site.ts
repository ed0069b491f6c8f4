// Measures the site on this machine: seedScale time and memory, requests/second through handle() with the
// OpenAPI checker on and off, and one warm request check. Run: npx tsx emulator/site/measure-site.ts [users=100000]
import { createManualClock } from '../clock';
import type { Principal } from '../contracts';
import { createSpecValidator } from './openapi/spec-validator';
import type { RequestToCheck } from './openapi/types';
import { createSite, type Site } from './site';

/** µs per warm checkRequest over a mix of reads and a JSON write (10,000 checks after one of each). */
function checkRequestMicros(): number {
  const validator = createSpecValidator();
  const requests: RequestToCheck[] = [
    {
      product: 'jira',
      method: 'GET',
      path: '/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5',
      headers: {},
    },
    {
      product: 'jira',
      method: 'GET',
      path: '/rest/api/3/users/search?startAt=0&maxResults=1000',
      headers: {},
    },
    {
      product: 'jira',
      method: 'POST',
      path: '/rest/api/3/group/user?groupId=3571b9a7-348f-414a-9087-8e1ea03a7df8',
      headers: { 'content-type': 'application/json' },
      body: '{"accountId":"5b10ac8d82e05b22cc7d4ef5"}',
    },
  ];
  for (const request of requests) {
    const check = validator.checkRequest(request);
    if (!check.ok) throw new Error(`${request.path} does not check: ${JSON.stringify(check.violations)}`);
  }
  const started = performance.now();
  for (let i = 0; i < 10_000; i += 1) validator.checkRequest(requests[i % requests.length]!);
  return Math.round(((performance.now() - started) * 1000) / 10_000);
}

async function throughput(site: Site, principal: Principal, paths: string[]): Promise<number> {
  const started = performance.now();
  for (const path of paths) {
    const response = await site.handle({ product: 'jira', method: 'GET', path, headers: {}, principal });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }
  return Math.round(paths.length / ((performance.now() - started) / 1000));
}

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? 100_000);
  console.log(`spec checker: ${checkRequestMicros()} µs per warm request check`);
  for (const checked of [true, false]) {
    const site = createSite({
      clock: createManualClock(),
      seed: 'empty',
      rateLimits: 'off',
      ...(checked ? {} : { validator: false }),
    });
    const { appAccountId } = site.installApp({ appId: 'measure', name: 'Measure' });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    site.seedScale(users);
    const seedMs = Math.round(performance.now() - started);
    const heapMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6);
    const app: Principal = { kind: 'app', appAccountId };
    const ids = site.accounts(0, 5000).accounts.map((a) => a.accountId);
    const perUser = await throughput(
      site,
      app,
      ids.map((id) => `/rest/api/3/user?accountId=${id}&expand=groups,applicationRoles`),
    );
    const pages = await throughput(
      site,
      app,
      Array.from(
        { length: Math.ceil(site.accounts().total / 1000) },
        (_, i) => `/rest/api/3/users/search?startAt=${i * 1000}&maxResults=1000`,
      ),
    );
    console.log(
      `${checked ? 'spec checker on ' : 'spec checker off'}: seedScale(${users}) ${seedMs} ms, +${heapMb} MB heap; ` +
        `GET /user?expand ${perUser} req/s; GET /users/search (1000/page) ${pages} pages/s`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
