// A backfill spends the Admin API's per-minute budget without ever drawing a 429: a call that says the budget is
// nearly spent closes the shared gate until the minute turns, so no worker retries early (which would lengthen
// everyone's wait by another minute).
import { AppHarness } from '../../support/app-harness';
import { DEFAULT_KVS_QUOTA } from '../../../emulator/platform/kvs/kvs-quota';
import { runtimeDeps } from '../../../src/entry/runtime';
import { jobProgress, startJob } from '../../../src/services/jobs/backfill';
import { configure, everyoneRule, NO_OPTIONAL_SOURCES, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

it('grants a backfill’s users under a small per-minute Admin API budget with no 429 at all', async () => {
  app = AppHarness.start({
    seed: { scale: 160 },
    rateLimits: { adminPerMinute: 30 },
    faults: { seed: 5, rules: [{ latencyMs: { min: 100, max: 400 } }] },
    parallelism: 6,
  });
  await configure(
    app,
    {
      ...orgApiSettings(app),
      sources: NO_OPTIONAL_SOURCES,
    },
    [everyoneRule(app)],
  );
  const before = new Set(app.site.groupMembers('confluence-engineering'));
  const job = await app.inApp(() =>
    startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
  );
  await app.drain({ maxMs: 3_600_000 });
  expect(await app.inApp(() => jobProgress(job.id))).toMatchObject({ status: 'done', failed: 0 });
  const active = app.site.accounts(0, 500).accounts.filter((a) => a.accountType === 'atlassian' && a.active);
  const members = new Set(app.site.groupMembers('confluence-engineering'));
  expect(active.filter((a) => !members.has(a.accountId))).toEqual([]);
  // Several minutes' worth of grants, none refused.
  expect(active.filter((a) => !before.has(a.accountId)).length).toBeGreaterThan(3 * 30);
  expect(app.site.requestLog().filter((r) => r.status === 429)).toEqual([]);
}, 300_000);

it('sends no user’s site writes twice when storage refuses to record a page’s results', async () => {
  app = AppHarness.start({
    seed: { scale: 120 },
    kvsQuota: { ...DEFAULT_KVS_QUOTA, writeUnitsPerMinute: 60 },
    parallelism: 4,
  });
  await configure(app, orgApiSettings(app), [everyoneRule(app)]);
  const before = new Set(app.site.groupMembers('confluence-engineering'));
  const job = await app.inApp(() =>
    startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
  );
  await app.drain({ maxMs: 3_600_000 });
  expect(await app.inApp(() => jobProgress(job.id))).toMatchObject({ status: 'done', failed: 0 });
  expect(app.platform.kvsQuota.usage.refused).toBeGreaterThan(0);
  const granted = app.site.groupMembers('confluence-engineering').filter((id) => !before.has(id));
  const writes = app.site
    .requestLog()
    .filter((r) => r.method === 'POST' && r.path.includes('/memberships') && r.status < 300);
  expect(writes.length).toBe(granted.length);
}, 300_000);
