// A backfill page that waits out the shared rate gate looks at it again before calling: another worker may have
// been told to wait longer meanwhile, and calling before that Retry-After would lengthen it for everyone.
import { AppHarness } from '../../support/app-harness';
import { runtimeDeps } from '../../../src/entry/runtime';
import { JOBS_QUEUE, type JobsWork } from '../../../src/services/jobs/jobs-work';
import { putJob } from '../../../src/storage/jobs-repository';
import { closeRateGate } from '../../../src/storage/rate-governor-repository';
import { configure, emailDomainRule, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

it('does not call Atlassian until the longest wait any worker was given has passed', async () => {
  app = AppHarness.start();
  await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
  const accountId = app.jitLogin('gia.gate@acme.example', 'Gia');
  const start = app.clock.now();
  const firstWait = start + 10_000;
  const longerWait = start + 40_000;
  await app.inApp(async () => {
    await putJob({
      id: 'backfill-gate',
      kind: 'backfill',
      dryRun: false,
      status: 'running',
      startedAt: start,
      startedBy: app.credentials.siteAdmin.accountId,
      finishedAt: null,
      message: 'Processing users',
      planCursor: 1,
      planningDone: true,
      pagesPlanned: 1,
      usersPlanned: 1,
    });
    await closeRateGate(firstWait, 10);
  });
  const before = app.site.requestLog().length;
  await app.inApp(() =>
    runtimeDeps().enqueue(JOBS_QUEUE, [
      {
        body: {
          kind: 'backfill-page',
          jobId: 'backfill-gate',
          pageNo: 0,
          accountIds: [accountId],
        } satisfies JobsWork,
      },
    ]),
  );
  await Promise.all([
    app.advance(60_000, { scheduled: false }),
    // Another worker is told to wait longer while the page is still waiting for the first Retry-After.
    app.inApp(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await closeRateGate(longerWait, 10);
    }),
  ]);
  const calls = app.site.requestLog().slice(before);
  expect(calls.length).toBeGreaterThan(0);
  expect(Math.min(...calls.map((c) => c.at))).toBeGreaterThanOrEqual(longerWait);
  expect(app.groupNamesOf(accountId)).toContain('sales-team');
});
