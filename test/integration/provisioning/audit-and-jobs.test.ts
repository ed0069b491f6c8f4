// The audit log is queryable by time, account, rule and run with cursors and kept for its retention; an impact
// preview changes nothing and counts who would gain or lose what; a backfill can be cancelled.
import { AppHarness } from '../../support/app-harness';
import { runtimeDeps } from '../../../src/entry/runtime';
import { cancelJob, jobProgress, startJob } from '../../../src/services/jobs/backfill';
import { startDailyPass } from '../../../src/services/provisioning/daily-pass';
import { appendAudit, queryAudit } from '../../../src/storage/audit-repository';
import type { AuditEntry } from '../../../src/shared/audit';
import { configure, groupGrant, orgApiSettings, rule } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

const DAY = 86_400_000;

function entry(i: number, at: number): AuditEntry {
  return {
    id: `test-${i}`,
    at,
    accountId: i % 2 ? 'user-odd' : 'user-even',
    action: i % 3 ? 'group-added' : 'group-removed',
    target: `group:g${i % 4}`,
    targetName: `g${i % 4}`,
    ruleId: i % 5 ? 'rule-a' : 'rule-b',
    reason: `entry ${i}`,
    outcome: i % 7 ? 'success' : 'failed',
    runId: `run-${i % 2}`,
    actor: 'app',
  };
}

describe('the audit log', () => {
  beforeEach(async () => {
    app = AppHarness.start({ seed: 'empty' });
    const start = app.clock.now();
    await app.inApp(async () => {
      for (let i = 0; i < 60; i++) await appendAudit(entry(i, start + i * 60_000));
    });
  });

  it('pages newest first with cursors, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await app.inApp(() => queryAudit({ limit: 25, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.entries.map((e) => Number(e.id.slice(5))));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
  });

  it('filters by account, rule, run, action, outcome and time range, combined', async () => {
    const start = app.clock.now();
    const page = await app.inApp(() =>
      queryAudit({
        accountId: 'user-odd',
        ruleId: 'rule-a',
        outcome: 'success',
        from: start + 10 * 60_000,
        to: start + 40 * 60_000,
        limit: 100,
      }),
    );
    const expected = Array.from({ length: 60 }, (_, i) => i).filter(
      (i) => i % 2 === 1 && i % 5 !== 0 && i % 7 !== 0 && i >= 10 && i <= 40,
    );
    expect(page.entries.map((e) => Number(e.id.slice(5))).sort((a, b) => a - b)).toEqual(expected);
    const byRun = await app.inApp(() => queryAudit({ runId: 'run-0', action: 'group-removed', limit: 100 }));
    expect(byRun.entries.every((e) => e.runId === 'run-0' && e.action === 'group-removed')).toBe(true);
    expect(byRun.entries).toHaveLength(
      Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 2 === 0 && i % 3 === 0).length,
    );
  });

  it('never writes the same entry twice', async () => {
    const again = await app.inApp(() => appendAudit(entry(5, 0)));
    expect(again).toBe('already-recorded');
    const all = await app.inApp(() => queryAudit({ limit: 100 }));
    expect(all.entries).toHaveLength(60);
  });

  it('drops entries past the retention period in the daily pass, and only those', async () => {
    await app.advance(180 * DAY + 30 * 60_000, { scheduled: false });
    const { pruned } = await app.inApp(() => startDailyPass(runtimeDeps(app.credentials.siteAri)));
    expect(pruned).toBe(30); // entries 0..29 are now older than 180 days; 30 is exactly at the cutoff
    const left = await app.inApp(() => queryAudit({ limit: 100 }));
    expect(left.entries.map((e) => Number(e.id.slice(5))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 30),
    );
  });
});

describe('jobs', () => {
  beforeEach(async () => {
    app = AppHarness.start({ rateLimits: 'off' });
    const base = orgApiSettings(app);
    await configure(
      app,
      {
        ...base,
        sources: { ...base.sources, scim: { enabled: true } },
      },
      [
        rule({
          id: 'sales',
          when: 'user.department -eq "Sales"',
          grants: [groupGrant(app, 'sales-team')],
          onUnmatch: 'revoke',
        }),
      ],
    );
  });

  it('previews impact without changing anything: gains per group with samples', async () => {
    const before = app.site.groupMembers('sales-team').sort();
    const deps = () => runtimeDeps(app.credentials.siteAri);
    const job = await app.inApp(() => startJob('preview', app.credentials.siteAdmin.accountId, deps()));
    await app.drain();
    const progress = await app.inApp(() => jobProgress(job.id));
    expect(app.site.groupMembers('sales-team').sort()).toEqual(before);
    const salesPeople = app.site
      .accounts(0, 500)
      .accounts.filter((a) => a.department === 'Sales' && a.active && a.accountType === 'atlassian');
    const wouldGain = salesPeople.filter((p) => !before.includes(p.accountId));
    expect(progress).toMatchObject({ status: 'done', dryRun: true, failed: 0 });
    expect(progress?.gains).toEqual([
      expect.objectContaining({
        name: 'group "sales-team"',
        count: wouldGain.length,
        sampleAccountIds: expect.any(Array) as unknown,
      }),
    ]);
    expect(
      progress?.gains[0]?.sampleAccountIds.every((id) => wouldGain.some((p) => p.accountId === id)),
    ).toBe(true);
    // Nothing but reads: the directory's user search is a POST that reads.
    const search = '/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search';
    expect(app.site.requestLog().filter((r) => r.method !== 'GET' && r.route !== search)).toEqual([]);
  });

  it('cancels a backfill: no page runs after the cancellation, and a new one can start', async () => {
    const deps = () => runtimeDeps(app.credentials.siteAri);
    const job = await app.inApp(() => startJob('backfill', app.credentials.siteAdmin.accountId, deps()));
    await expect(app.inApp(() => startJob('backfill', 'someone', deps()))).rejects.toThrow(/already running/);
    const cancelled = await app.inApp(() => cancelJob(job.id, app.credentials.siteAdmin.accountId, deps()));
    expect(cancelled?.status).toBe('cancelled');
    await app.drain();
    expect(app.site.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
    const progress = await app.inApp(() => jobProgress(job.id));
    expect(progress).toMatchObject({ status: 'cancelled', done: 0 });
    const next = await app.inApp(() => startJob('backfill', 'someone', deps()));
    expect(next.id).not.toBe(job.id);
  });
});
