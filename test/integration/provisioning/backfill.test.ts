// Backfill applies the rules to every existing user: paged through the jobs queue, resumable after invocations
// are killed, with exact progress counts and no user granted twice.
import { AppHarness } from '../../support/app-harness';
import { runtimeDeps } from '../../../src/entry/runtime';
import { jobProgress, startJob } from '../../../src/services/jobs/backfill';
import { configure, everyoneRule, NO_OPTIONAL_SOURCES, orgApiSettings } from './provisioning-setup';
import { queryAudit } from '../../../src/storage/audit-repository';

let app: AppHarness;
afterEach(() => app.close());

const USERS = 10_000;

it(`backfills ${USERS} users through forced timeouts with correct progress`, async () => {
  // A log long enough to hold every write of the run (the writes are counted below).
  app = AppHarness.start({
    seed: { scale: USERS },
    rateLimits: 'off',
    parallelism: 8,
    requestLogLimit: 100_000,
  });
  const base = orgApiSettings(app);
  await configure(
    app,
    {
      ...base,
      sources: NO_OPTIONAL_SOURCES,
    },
    [everyoneRule(app, 'confluence-engineering', 'all-staff')],
  );
  const before = new Set(app.site.groupMembers('confluence-engineering'));
  const { orgId, directoryId } = app.credentials;
  // Group writes take 40 s each: a 25-user page needs 1,000 s and is killed at its 900 s limit.
  app.site.setFaults({
    seed: 3,
    rules: [
      {
        product: 'api',
        method: 'POST',
        pathPrefix: `/admin/v2/orgs/${orgId}/directories/${directoryId}/groups`,
        latencyMs: 40_000,
      },
    ],
  });
  const job = await app.inApp(() =>
    startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
  );
  await app.advance(30_000, { scheduled: false });
  const killed = app.platform.invocations.filter(
    (r) => r.moduleKey === 'jobs-consumer' && r.outcome === 'timeout',
  );
  expect(killed.length).toBeGreaterThan(0);

  app.site.setFaults(null);
  await app.drain();
  const progress = await app.inApp(() => jobProgress(job.id));
  const people = app.site.accounts(0, USERS + 100).accounts.filter((a) => a.accountType === 'atlassian');
  // Suspended and deactivated accounts are counted as skipped (the planner gives them an empty plan).
  const active = people.filter((p) => p.active);
  expect(progress).toMatchObject({
    status: 'done',
    planningDone: true,
    total: people.length,
    done: active.length,
    skipped: people.length - active.length,
    failed: 0,
  });
  // The audit's summary has the same figures, and they add up to the users planned.
  const finished = await app.inApp(() => queryAudit({ action: 'job-finished', runId: job.id }));
  expect(finished.entries.map((e) => e.reason)).toEqual([
    `Finished: ${people.length.toLocaleString('en-US')} users: ${active.length.toLocaleString('en-US')} done, 0 failed, ${(people.length - active.length).toLocaleString('en-US')} skipped (app and deactivated accounts, which rules never apply to).`,
  ]);
  // Ten thousand users in a few emulated minutes run into Forge's storage quota; it is waited out, not fatal.
  expect(app.platform.kvsQuota.usage.refused).toBeGreaterThan(0);
  const members = new Set(app.site.groupMembers('confluence-engineering'));
  expect(active.filter((p) => !members.has(p.accountId))).toEqual([]);
  const newlyGranted = active.filter((p) => !before.has(p.accountId)).length;
  expect(progress?.gains.find((g) => g.name === 'group "confluence-engineering"')?.count).toBe(newlyGranted);
  // Killed pages were redone, but no one was added twice: each successful write added someone new, except that a
  // write in flight when its invocation was killed may land, and the run that takes its intent over sends it again
  // (the Admin API answers success for an existing member): at most one such write per kill.
  const writes = app.site
    .requestLog()
    .filter((r) => r.method === 'POST' && r.path.includes('/memberships') && r.status < 300);
  const kills = app.platform.invocations.filter(
    (r) => r.moduleKey === 'jobs-consumer' && r.outcome === 'timeout',
  ).length;
  expect(writes.length).toBeGreaterThanOrEqual(newlyGranted);
  expect(writes.length).toBeLessThanOrEqual(newlyGranted + kills);
}, 600_000);
