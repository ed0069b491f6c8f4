// The Inactivity tab's backend end to end: save the policy and exclusions, a dry run and its report, a live run
// held by the brake, approval from the review queue, one-click restore of a user and of a whole run, and the
// Overview's charts of seats reclaimed and inactivity.
import {
  JIRA,
  T0,
  dailyRun,
  invite,
  setDay,
  startEnv,
  type InactivityEnv,
} from '../inactivity/inactivity-env';
import { asAdmin, call, failureOf } from './admin-setup';

let env: InactivityEnv;
afterEach(() => env.app.close());

function idle(handle: string): string {
  const id = invite(env, handle);
  env.app.site.recordActivity(id, JIRA, T0);
  return id;
}

describe('the inactivity tab', () => {
  it('offers every product the site licenses by name, Confluence with the groups Confluence lets use it', async () => {
    env = await startEnv();
    const view = await asAdmin(env.app, 'inactivity.policy.get', {});
    const confluence = view.products.find((p) => p.key === 'confluence');
    expect(confluence).toMatchObject({ displayName: 'Confluence', source: 'site', seats: null });
    expect(confluence?.licenceGroups.map((g) => g.name)).toContain('confluence-users');
    expect(view.policy.products['confluence']).toMatchObject({ displayName: 'Confluence', enabled: false });

    // Saved with Confluence on, it is a product the site reports: never flagged as missing.
    const policy = {
      ...view.policy,
      products: {
        ...view.policy.products,
        confluence: { ...view.policy.products['confluence']!, enabled: true },
      },
    };
    await asAdmin(env.app, 'inactivity.policy.save', { policy });
    const saved = await asAdmin(env.app, 'inactivity.policy.get', {});
    expect(saved.missingProducts).toEqual([]);
    expect(saved.policy.products['confluence']).toMatchObject({ enabled: true });
  });

  it('saves the policy, dry-runs it, holds a live run for review, approves it and restores', async () => {
    env = await startEnv();
    const app = env.app;
    const [ada, bob, cy] = [idle('ada'), idle('bob'), idle('cy')];

    const view = await asAdmin(app, 'inactivity.policy.get', {});
    expect(view.saved).toBe(false);
    expect(view.products.map((p) => p.key)).toContain(JIRA);
    const jira = view.policy.products[JIRA]!;
    const policy = {
      ...view.policy,
      products: {
        ...view.policy.products,
        [JIRA]: { ...jira, enabled: true, inactiveAfterDays: 90, warnDaysBefore: 0 },
      },
      brake: { maxActionsPerRun: 1, maxPercentOfLicensed: 100 },
    };
    // Acting with 0 days' warning tells nobody: refused, naming the consequence, until confirmed.
    const unconfirmed = failureOf(
      await call(app, env.admin, 'inactivity.policy.save', { policy }),
      'invalid',
    );
    expect(unconfirmed.fields).toEqual([
      {
        field: `policy.products.${JIRA}.warnDaysBefore`,
        message: expect.stringMatching(
          /with 0 days' warning, users are not told before the app acts/,
        ) as unknown,
      },
    ]);
    expect((await asAdmin(app, 'inactivity.policy.get', {})).saved).toBe(false);
    const bad = await call(app, env.admin, 'inactivity.policy.save', {
      policy: { ...policy, notifications: { webhook: { url: 'https://evil.example/hook' } } },
      confirmActingOnUntoldUsers: true,
    });
    expect(failureOf(bad, 'invalid').fields?.[0]?.field).toBe('policy.notifications.webhook.url');
    const saved = await asAdmin(app, 'inactivity.policy.save', { policy, confirmActingOnUntoldUsers: true });
    expect(saved).toMatchObject({ saved: true, updatedBy: env.admin });
    const audit = await asAdmin(app, 'audit.query', { action: 'settings-changed' });
    expect(audit.entries[0]).toMatchObject({ actor: env.admin, target: 'inactivity-policy' });

    // Exclusions alone: Cy is kept out of every run.
    const excluded = await asAdmin(app, 'inactivity.exclusions.save', {
      accountIds: [cy],
      groupIds: [],
      recentlyAddedDays: 0,
    });
    expect(excluded.policy.exclusions.accountIds).toEqual([cy]);

    // A dry run decides and reports, changing nobody.
    setDay(env, 100);
    const dry = await asAdmin(app, 'inactivity.dryRun.start', {});
    expect(dry.status).toBe('started');
    await app.drain({ scheduled: false });
    const report = await asAdmin(app, 'inactivity.runs.report', {});
    expect(report?.run).toMatchObject({ mode: 'dry-run', status: 'completed' });
    expect(
      report?.entries
        .filter((e) => e.outcome === 'act')
        .map((e) => e.accountId)
        .sort(),
    ).toEqual([ada, bob].sort());
    for (const person of [ada, bob, cy]) expect(app.groupNamesOf(person)).toContain('jira-software-users');

    // The live run plans two removals, more than the brake allows: held for review.
    const held = await dailyRun(env);
    expect(held?.status).toBe('awaiting-review');
    const queue = await asAdmin(app, 'inactivity.review.get', {});
    expect(queue.run?.id).toBe(held?.id);
    expect(queue.rows.map((r) => [r.accountId, r.status]).sort()).toEqual(
      [
        [ada, 'planned'],
        [bob, 'planned'],
      ].sort(),
    );
    const runId = held!.id;
    const approved = await asAdmin(app, 'inactivity.review.approve', { runId, approval: { approve: 'all' } });
    expect(approved).toEqual({ runId, allowedActions: 2, droppedActions: 0, unknownAccountIds: [] });
    failureOf(
      await call(app, env.admin, 'inactivity.review.approve', { runId, approval: { approve: 'none' } }),
      'conflict',
      /not waiting for a review/,
    );
    await app.drain({ scheduled: false });
    expect(app.groupNamesOf(ada)).not.toContain('jira-software-users');
    expect(app.groupNamesOf(bob)).not.toContain('jira-software-users');
    expect(app.groupNamesOf(cy)).toContain('jira-software-users');

    const runs = await asAdmin(app, 'inactivity.runs.list', {});
    expect(runs.runs.map((r) => [r.id, r.status])).toContainEqual([runId, 'completed']);
    const actions = await asAdmin(app, 'inactivity.runs.actions', { runId });
    expect(actions.rows.map((r) => r.status)).toEqual(['done', 'done']);

    // Overview: two Jira seats reclaimed this week, and the run's inactivity histogram.
    const overview = await asAdmin(app, 'overview.get', { weeks: 2 });
    expect(overview.seatsReclaimedByProduct).toEqual([{ x: jira.displayName, y: 2 }]);
    expect(overview.seatsReclaimedOverTime.reduce((n, r) => n + r.y, 0)).toBe(2);
    expect(overview.histogramRunId).toBe(runId);
    expect(overview.inactiveHistogram.find((r) => r.x === '91-180' && r.colour === jira.displayName)?.y).toBe(
      2,
    );
    expect(overview.lastSweep).toMatchObject({ runId, status: 'completed' });

    // One click restores one user; another restores the rest of the run.
    const one = await asAdmin(app, 'inactivity.restore.user', { runId, accountId: ada });
    expect(one.restored).toMatchObject([{ accountId: ada, status: 'restored' }]);
    expect(app.groupNamesOf(ada)).toContain('jira-software-users');
    const whole = await asAdmin(app, 'inactivity.restore.run', { runId });
    expect(whole).toEqual({ runId, queued: true });
    await app.drain({ scheduled: false });
    expect(app.groupNamesOf(bob)).toContain('jira-software-users');
    const restored = await asAdmin(app, 'inactivity.runs.get', { runId });
    expect(restored.restore).toMatchObject({ status: 'completed' });
    failureOf(await call(app, env.admin, 'inactivity.restore.run', { runId: 'nope' }), 'not-found');
    failureOf(await call(app, env.admin, 'inactivity.runs.get', { runId: 'nope' }), 'not-found');
  });
});
