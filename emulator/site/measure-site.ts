// Measures the site on this machine: seedScale time and memory, and requests/second through handle() with the
// OpenAPI checker on and off. Run: npx tsx emulator/site/measure-site.ts [users=100000]
import { createManualClock } from '../clock';
import type { Principal } from '../contracts';
import { createSite, type Site } from './site';

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
