// The safety brake holds a run for an admin's review; approval proceeds after reconfirmation on fresh facts.
// A dry run decides the same way and changes nothing. A whole run can be undone.
import { RunName } from '../../../src/shared/run-names';
import {
  approveInactivityReview,
  getInactivityPolicy,
  getInactivityRunActions,
  getInactivityRunReport,
  restoreInactivityRun,
  startInactivityDryRun,
  startInactivityRun,
} from '../../../src/services/inactivity';
import {
  DAY,
  JIRA,
  T0,
  auditOf,
  dailyRun,
  getRun,
  invite,
  savePolicy,
  setDay,
  siteGroupChanges,
  startEnv,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

function idlePeople(count: number, prefix = 'idle'): string[] {
  return Array.from({ length: count }, (_, i) => {
    const id = invite(env, `${prefix}${i}`);
    env.app.site.recordActivity(id, JIRA, T0);
    return id;
  });
}

describe('the safety brake', () => {
  it('holds a run that would remove too many, and an approval of some proceeds after reconfirmation', async () => {
    env = await startEnv();
    const [a, b, c, d, e] = idlePeople(5) as [string, string, string, string, string];
    await savePolicy(env, { jira: { warnDaysBefore: 0 }, brake: { maxActionsPerRun: 3 } });

    setDay(env, 100);
    const held = await dailyRun(env);
    expect(held).toMatchObject({
      status: 'awaiting-review',
      brake: { status: 'held-for-review', limits: ['max-actions-per-run'] },
    });
    expect(held?.brake?.message).toMatch(
      /^Held for review: 5 actions planned, more than the limit of 3 per run/,
    );
    for (const person of [a, b, c, d, e])
      expect(env.app.groupNamesOf(person)).toContain('jira-software-users');
    expect(await auditOf(env, { runId: held?.id, action: 'inactivity-held-for-review' })).toHaveLength(1);
    const pending = await env.inApp(() => getInactivityRunActions(held?.id ?? ''));
    expect(pending.rows.map((r) => [r.accountId, r.status]).sort()).toEqual(
      [a, b, c, d, e].map((id) => [id, 'planned']).sort(),
    );

    // While it waits, no new clean-up starts.
    setDay(env, 101);
    const blocked = await env.inApp((deps) =>
      startInactivityRun(deps, { mode: 'live', trigger: 'schedule', requestedBy: 'app' }),
    );
    expect(blocked).toMatchObject({ status: 'not-started', activeRunId: held?.id });

    // Meanwhile B logs in again: an approval given later must not take B's access.
    env.app.site.recordActivity(b, JIRA, T0 + 101 * DAY);
    const answer = await env.inApp((deps) =>
      approveInactivityReview(deps, {
        runId: held?.id ?? '',
        approval: { approve: 'accounts', accountIds: [a, b, 'someone-else'] },
        by: env.admin,
      }),
    );
    expect(answer).toEqual({
      ok: true,
      runId: held?.id,
      allowedActions: 2,
      droppedActions: 3,
      unknownAccountIds: ['someone-else'],
    });
    await env.app.drain({ scheduled: false });

    const done = await getRun(env, held?.id ?? '');
    expect(done).toMatchObject({ status: 'completed', execution: { done: 1, dropped: 4, failed: 0 } });
    expect(env.app.groupNamesOf(a)).toEqual(['confluence-users']);
    for (const kept of [b, c, d, e]) expect(env.app.groupNamesOf(kept)).toContain('jira-software-users');
    const [skipB] = await auditOf(env, { accountId: b, action: 'inactivity-skipped' });
    expect(skipB?.reason).toMatch(
      /^No longer due\. jira-software: Last active in Jira on 2026-04-16 \(0 days ago\)/,
    );
    const [skipC] = await auditOf(env, { accountId: c, action: 'inactivity-skipped' });
    expect(skipC?.reason).toMatch(/^Not approved in the review by .* on 2026-04-16; nothing was done\.$/);
    const [removedA] = await auditOf(env, { accountId: a, action: 'licence-removed' });
    expect(removedA).toMatchObject({ actor: env.admin, outcome: 'success' });

    // A second answer to the same review is refused.
    const again = await env.inApp((deps) =>
      approveInactivityReview(deps, { runId: held?.id ?? '', approval: { approve: 'all' }, by: env.admin }),
    );
    expect(again).toEqual({
      ok: false,
      reason: `${RunName(held?.id ?? '')} is completed, not waiting for a review.`,
    });
  });

  it('holds on the share of licensed users too, and approving none drops every action', async () => {
    env = await startEnv();
    const idle = idlePeople(3);
    const active = idlePeople(7, 'busy');
    for (const id of active) env.app.site.recordActivity(id, JIRA, T0 + 95 * DAY);
    await savePolicy(env, { jira: { warnDaysBefore: 0 }, brake: { maxPercentOfLicensed: 20 } });
    setDay(env, 100);
    const held = await dailyRun(env);
    expect(held?.brake).toMatchObject({ status: 'held-for-review', limits: ['max-percent-of-licensed'] });
    expect(held?.brake?.counts).toMatchObject({ affectedUsers: 3, maxAffectedUsers: 2 });
    const answer = await env.inApp((deps) =>
      approveInactivityReview(deps, { runId: held?.id ?? '', approval: { approve: 'none' }, by: env.admin }),
    );
    expect(answer).toMatchObject({ ok: true, allowedActions: 0, droppedActions: 3 });
    await env.app.drain({ scheduled: false });
    expect(await getRun(env, held?.id ?? '')).toMatchObject({
      status: 'completed',
      execution: { done: 0, dropped: 3 },
    });
    for (const id of idle)
      expect(siteGroupChanges(env, id).filter((c) => c.startsWith('removed'))).toEqual([]);
  });
});

describe('a dry run', () => {
  it('reports who would be warned and acted on, and changes nothing', async () => {
    env = await startEnv();
    const [soon, due] = idlePeople(2) as [string, string];
    env.app.site.recordActivity(soon, JIRA, T0 + 20 * DAY);
    await savePolicy(env, { jira: { warnDaysBefore: 7 } });
    setDay(env, 100);
    const siteChangesBefore = env.app.site.auditRecords().length;

    const started = await env.inApp((deps) => startInactivityDryRun(deps, { by: env.admin }));
    expect(started.status).toBe('started');
    await env.app.drain({ scheduled: false });
    const runId = started.status === 'started' ? started.runId : '';
    const report = await env.inApp(() => getInactivityRunReport(runId));
    expect(report?.run).toMatchObject({ status: 'completed', mode: 'dry-run', execution: null });
    expect(report?.run.report?.totals).toMatchObject({ warn: 1, act: 0 });
    expect(report?.entries).toEqual([
      expect.objectContaining({ accountId: due, product: JIRA, outcome: 'warn', inactiveDays: 100 }),
    ]);
    expect(env.app.site.auditRecords()).toHaveLength(siteChangesBefore);
    expect(env.webhookPosts).toEqual([]);
    expect((await auditOf(env, { runId })).map((e) => e.action).sort()).toEqual([
      'job-finished',
      'job-started',
    ]);

    // A draft policy can be tried without saving it: acting without warning, the long-idle user is due now.
    const draft = await env.inApp(async (deps) => {
      const view = await getInactivityPolicy(deps);
      const jira = view.policy.products[JIRA];
      if (!jira) throw new Error('no Jira in policy');
      return {
        ...view.policy,
        products: { ...view.policy.products, [JIRA]: { ...jira, warnDaysBefore: 0 } },
      };
    });
    setDay(env, 100, 2);
    const second = await env.inApp((deps) =>
      startInactivityDryRun(deps, { by: env.admin, draftPolicy: draft }),
    );
    await env.app.drain({ scheduled: false });
    const secondId = second.status === 'started' ? second.runId : '';
    const secondReport = await env.inApp(() => getInactivityRunReport(secondId, { outcome: 'act' }));
    expect(secondReport?.run.report?.plannedActions).toEqual({
      removeLicence: 1,
      suspend: 0,
      affectedUsers: 1,
    });
    expect(secondReport?.entries).toEqual([expect.objectContaining({ accountId: due, outcome: 'act' })]);
    expect(env.app.groupNamesOf(due)).toContain('jira-software-users');
  });
});

describe('undoing a whole run', () => {
  it('re-adds every group the run removed, through the queue', async () => {
    env = await startEnv();
    const people = idlePeople(4);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    setDay(env, 100);
    const run = await dailyRun(env);
    expect(run?.execution).toEqual({ done: 4, dropped: 0, failed: 0 });
    for (const id of people) expect(env.app.groupNamesOf(id)).toEqual(['confluence-users']);

    setDay(env, 102);
    const queued = await env.inApp((deps) =>
      restoreInactivityRun(deps, { runId: run?.id ?? '', by: env.admin }),
    );
    expect(queued).toEqual({ queued: true, runId: run?.id });
    await env.app.drain({ scheduled: false });
    const after = await getRun(env, run?.id ?? '');
    expect(after?.restore).toMatchObject({ status: 'completed', restoredUsers: 4, failedUsers: 0 });
    for (const id of people)
      expect(env.app.groupNamesOf(id)).toEqual(['confluence-users', 'jira-software-users']);
    const rows = await env.inApp(() => getInactivityRunActions(run?.id ?? ''));
    expect(rows.rows.map((r) => r.status)).toEqual(['restored', 'restored', 'restored', 'restored']);
  });
});
