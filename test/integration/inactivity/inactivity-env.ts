// Shared set-up for inactivity clean-up tests: the real app on the emulated site, settings and policy stored
// through the app's own services, people created at a known time, and runs driven day by day on the clock.
import { runtimeDeps } from '../../../src/entry/runtime';
import { defaultInactivityPolicy, type InactivityPolicy } from '../../../src/domain/inactivity';
import {
  getInactivityProducts,
  getInactivityRun,
  getInactivityRunReport,
  listInactivityRuns,
  saveInactivityPolicy,
  startInactivityDryRun,
  type InactivityRun,
  type RunReportPage,
} from '../../../src/services/inactivity';
import type { RuntimeDeps } from '../../../src/services/runtime-deps';
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/settings';
import { queryAudit } from '../../../src/storage/audit-repository';
import { setSecret } from '../../../src/storage/secrets-repository';
import { saveSettings } from '../../../src/storage/settings-repository';
import type { AuditAction, AuditEntry } from '../../../src/shared/audit';
import { AppHarness, type AppHarnessOptions } from '../../support/app-harness';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Day 0 of every timeline: a Monday morning; people were last active then. */
export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
export const JIRA = 'jira-software';
export const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/inactivity';

export interface InactivityEnv {
  readonly app: AppHarness;
  readonly admin: string;
  /** Every JSON body the Slack webhook received. */
  readonly webhookPosts: Array<Record<string, unknown>>;
  /** Runs `fn` inside an invocation of the app with its runtime deps, as a resolver would. */
  inApp<T>(fn: (deps: RuntimeDeps) => Promise<T>): Promise<T>;
}

export interface EnvOptions extends AppHarnessOptions {
  /** Store the org API key (default true). */
  orgKey?: boolean;
  settings?: Partial<AppSettings>;
}

export async function startEnv(options: EnvOptions = {}): Promise<InactivityEnv> {
  const app = AppHarness.start({ seed: 'empty', startAt: T0, ...options });
  const webhookPosts: Array<Record<string, unknown>> = [];
  app.platform.registerExternal('hooks.slack.com', async (request) => {
    webhookPosts.push((await request.json()) as Record<string, unknown>);
    return new Response('ok', { status: 200 });
  });
  const env: InactivityEnv = {
    app,
    admin: app.credentials.siteAdmin.accountId,
    webhookPosts,
    inApp: (fn) => app.inApp(() => fn(runtimeDeps(app.platform.contextAri))),
  };
  const { orgId, directoryId } = app.credentials;
  const settings: AppSettings = {
    ...DEFAULT_SETTINGS,
    org: { orgId, directoryId },
    groupWritePath: { mode: 'org-admin-api' },
    ...options.settings,
  };
  await app.inApp(async () => {
    await saveSettings(settings);
    if (options.orgKey !== false)
      await setSecret('org-api-key', app.credentials.orgApiKey, {
        accountId: env.admin,
        at: app.clock.now(),
      });
  });
  return env;
}

/** A person invited at the current time: in Jira's and Confluence's default licence groups. */
export function invite(env: InactivityEnv, handle: string, groups: string[] = []): string {
  const domain = env.app.credentials.verifiedDomains[0] ?? 'example.com';
  return env.app.site.simulateInvite({ email: `${handle}@${domain}`, displayName: handle, groups }).accountId;
}

export function groupId(env: InactivityEnv, name: string): string {
  const group = env.app.site.groups().find((g) => g.name === name);
  if (!group) throw new Error(`the site has no group ${name}`);
  return group.groupId;
}

export interface PolicyOverrides {
  jira?: Partial<InactivityPolicy['products'][string]>;
  exclusions?: Partial<InactivityPolicy['exclusions']>;
  brake?: Partial<InactivityPolicy['brake']>;
  notifications?: InactivityPolicy['notifications'];
  extraProducts?: InactivityPolicy['products'];
}

/** Jira on, 90 days, 7 days' warning, licence removal, webhook notices; a brake that lets tests through. */
export async function savePolicy(
  env: InactivityEnv,
  overrides: PolicyOverrides = {},
): Promise<InactivityPolicy> {
  const catalogue = (await env.inApp((deps) => getInactivityProducts(deps))).filter(
    (p) => p.source === 'site',
  );
  const base = defaultInactivityPolicy(
    catalogue.map(({ key, displayName, licenceGroupIds }) => ({ key, displayName, licenceGroupIds })),
  );
  const jira = base.products[JIRA];
  if (!jira) throw new Error('the site reports no Jira product');
  const policy: InactivityPolicy = {
    ...base,
    products: {
      ...base.products,
      [JIRA]: { ...jira, enabled: true, inactiveAfterDays: 90, warnDaysBefore: 7, ...overrides.jira },
      ...overrides.extraProducts,
    },
    exclusions: { ...base.exclusions, ...overrides.exclusions },
    brake: { maxActionsPerRun: 1000, maxPercentOfLicensed: 100, ...overrides.brake },
    notifications: overrides.notifications ?? { webhook: { url: WEBHOOK } },
  };
  // Tests that act at the threshold (0 days' warning) stand for an admin who confirmed it.
  const saved = await env.inApp((deps) =>
    saveInactivityPolicy(deps, policy, env.admin, { confirmedUntold: true }),
  );
  if (!saved.ok) throw new Error(`policy refused: ${saved.errors.map((e) => e.message).join('; ')}`);
  return saved.policy;
}

/** Moves the clock to `days` after day 0 (plus `hours`), without running anything on the way. */
export function setDay(env: InactivityEnv, days: number, hours = 1): void {
  env.app.clock.set(T0 + days * DAY + hours * HOUR);
}

/** The daily trigger fires once; the queue is drained (paced pages, brake, execution). Returns the newest run. */
export async function dailyRun(env: InactivityEnv): Promise<InactivityRun | undefined> {
  const fired = await env.app.platform.runScheduled('inactivity-sweep-daily');
  if (fired.record.outcome !== 'success') throw new Error(`daily trigger failed: ${fired.record.error}`);
  await env.app.drain({ scheduled: false });
  const [latest] = await env.inApp(() => listInactivityRuns({ limit: 1 }));
  return latest;
}

export function getRun(env: InactivityEnv, runId: string): Promise<InactivityRun | undefined> {
  return env.inApp(() => getInactivityRun(runId));
}

export async function jiraSeatsUsed(env: InactivityEnv): Promise<number> {
  const products = await env.inApp((deps) => getInactivityProducts(deps));
  const jira = products.find((p) => p.key === JIRA);
  if (!jira?.seats) throw new Error('no Jira seats reported');
  return jira.seats.used;
}

export async function auditOf(
  env: InactivityEnv,
  query: { accountId?: string; runId?: string; action?: AuditAction },
): Promise<AuditEntry[]> {
  const page = await env.inApp(() => queryAudit({ ...query, limit: 100 }));
  return page.entries;
}

/** The site's own audit log of group changes to this account, oldest first: `removed jira-software-users`. */
export function siteGroupChanges(env: InactivityEnv, accountId: string): string[] {
  return env.app.site
    .auditRecords()
    .filter(
      (r) => r.category === 'group management' && r.associatedItems.some((item) => item.id === accountId),
    )
    .map((r) => `${r.summary === 'User added to group' ? 'added' : 'removed'} ${r.objectItem.name}`);
}

/** Starts a dry run now, lets it finish, and returns its report. */
export async function dryRunReport(env: InactivityEnv): Promise<RunReportPage> {
  const started = await env.inApp((deps) => startInactivityDryRun(deps, { by: env.admin }));
  if (started.status !== 'started') throw new Error(`dry run not started: ${JSON.stringify(started)}`);
  await env.app.drain({ scheduled: false });
  const report = await env.inApp(() => getInactivityRunReport(started.runId));
  if (!report) throw new Error('no report');
  return report;
}
