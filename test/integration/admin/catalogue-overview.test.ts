// Grant pickers (groups by search and by id, projects, a project's roles) and the Overview: health with
// actionable messages, failed users, and users provisioned per week from the audit log.
import { healthWords } from '../../support/english';
import type { AuditEntry } from '../../../src/shared/audit';
import { appendAudit } from '../../../src/storage/audit-repository';
import { recordHealth } from '../../../src/storage/health-repository';
import { putUserState } from '../../../src/storage/user-state-repository';
import type { AppHarness } from '../../support/app-harness';
import { asAdmin, call, failureOf, groupOf, startApp } from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

const DAY = 86_400_000;

describe('grant pickers', () => {
  it('searches groups, looks them up by id, lists projects and a project’s roles', async () => {
    app = startApp();
    const found = await asAdmin(app, 'catalogue.groups', { query: 'sales' });
    expect(found.groups.map((g) => g.name).sort()).toEqual(['confluence-sales', 'idp-sales', 'sales-team']);
    const sales = groupOf(app, 'sales-team');
    const byId = await asAdmin(app, 'catalogue.groups', { ids: [sales.groupId, 'no-such-id'] });
    expect(byId.groups).toEqual([sales]);

    const projects = await asAdmin(app, 'catalogue.projects', {});
    expect(projects.projects.length).toBeGreaterThan(0);
    const salesProject = (await asAdmin(app, 'catalogue.projects', { query: 'sal' })).projects;
    expect(salesProject.map((p) => p.key)).toEqual(['SALES']);
    const roles = await asAdmin(app, 'catalogue.projectRoles', { projectId: salesProject[0]!.id });
    expect(roles.project).toEqual(salesProject[0]);
    expect(roles.roles.map((r) => r.name)).toContain('Developers');
    expect(roles.roles.every((r) => /^\d+$/.test(r.id))).toBe(true);
    failureOf(
      await call(app, app.credentials.siteAdmin.accountId, 'catalogue.projectRoles', { projectId: '99999' }),
      'not-found',
    );
  });
});

describe('the overview', () => {
  it('shows health with what to do, failed users, and users provisioned per week', async () => {
    app = startApp({ seed: 'empty' });
    const now = app.clock.now();
    const grant = (i: number, accountId: string, at: number): AuditEntry => ({
      id: `grant-${i}`,
      at,
      accountId,
      action: i % 2 ? 'group-added' : 'role-added',
      target: `group:g${i}`,
      targetName: `g${i}`,
      ruleId: 'r',
      reason: 'matched',
      outcome: 'success',
      runId: 'run',
      actor: 'app',
    });
    await app.inApp(async () => {
      // This week: two users (one with two grants); three weeks ago: one; a failed grant counts for nobody, nor
      // does the write-path test's own membership (no rule gave it).
      await appendAudit(grant(1, 'u1', now - 60_000));
      await appendAudit(grant(2, 'u1', now - 2 * 60_000));
      await appendAudit(grant(3, 'u2', now - 3 * 60_000));
      await appendAudit(grant(5, 'u3', now - 21 * DAY));
      await appendAudit({ ...grant(7, 'u4', now - DAY), outcome: 'failed' });
      await appendAudit({ ...grant(8, 'app-itself', now - DAY), ruleId: '' });
      await recordHealth({
        component: 'backstop',
        ok: true,
        message: 'Scanned 3 records',
        at: now - 2 * 3_600_000,
      });
      await recordHealth({
        component: 'write-path',
        ok: false,
        message: 'The app cannot add users to groups: its own account is not a site admin.',
        at: now - 60_000,
      });
      await recordHealth({
        component: 'inactivity-grant-history',
        ok: false,
        message: "Nobody can be judged inactive: the site's audit log could not be read.",
        at: now - 60_000,
      });
      await putUserState({
        accountId: 'u9',
        status: 'failed',
        updatedAt: now - 60_000,
        message: 'The SCIM source is on but its directory id or API key is missing in Settings.',
        matchedRuleIds: [],
        source: 'event',
        runId: 'run',
      });
    });

    const overview = await asAdmin(app, 'overview.get', { weeks: 4 });
    // The harness starts on Monday 2026-01-05, 09:00 UTC.
    expect(new Date(now).toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(overview.usersProvisionedPerWeek).toEqual([
      { x: '2025-12-15', y: 1 },
      { x: '2025-12-22', y: 0 },
      { x: '2025-12-29', y: 0 },
      { x: '2026-01-05', y: 2 },
    ]);
    const byId = new Map(overview.health.map((h) => [h.id, h]));
    expect(byId.get('backstop')).toMatchObject({ state: 'stalled', lastSuccessAt: now - 2 * 3_600_000 });
    expect(healthWords(byId.get('backstop')?.message)).toMatch(
      /last ran 2 hours ago: missed sign-ups are not being caught/,
    );
    expect(byId.get('write-path')).toMatchObject({ state: 'failing', lastFailureAt: now - 60_000 });
    expect(healthWords(byId.get('write-path')?.message)).toContain('not a site admin');
    expect(byId.get('source:scim')).toMatchObject({ state: 'off' });
    expect(byId.get('inactivity-grant-history')).toMatchObject({ state: 'failing' });
    expect(healthWords(byId.get('inactivity-grant-history')?.message)).toContain(
      'audit log could not be read',
    );
    expect(overview.queue).toMatchObject({ failedUsers: 1, parkedUsers: 0 });
    expect(overview.queue.failed).toEqual([
      {
        accountId: 'u9',
        message: expect.stringContaining('directory id or API key is missing') as unknown,
        at: now - 60_000,
      },
    ]);
    expect(overview.inactiveHistogram).toEqual([]);
  });
});
