// Shared set-up for the admin page's resolvers: the real app on the emulated demo site, calls as any user from
// Jira's or Confluence's page, a sample payload for every key, and snapshots proving a call changed nothing.
import type { Rule } from '../../../src/domain/rules';
import type {
  PayloadOf,
  Reply,
  ReplyError,
  ReplyErrorKind,
  ResolverKey,
  ResponseOf,
} from '../../../src/shared/contract';
import { AppHarness, type AppHarnessOptions } from '../../support/app-harness';

export const JIRA_PAGE = { type: 'jira:adminPage' };
export const CONFLUENCE_PAGE = { type: 'confluence:globalSettings' };

export function startApp(options: AppHarnessOptions = {}): AppHarness {
  return AppHarness.start({ seed: 'demo', ...options });
}

/** Calls a resolver key the way the page's `invoke` does, from Jira's admin page unless told otherwise. */
export function call<K extends ResolverKey>(
  app: AppHarness,
  accountId: string,
  key: K,
  payload: PayloadOf<K> | Record<string, unknown>,
  extension: Record<string, unknown> = JIRA_PAGE,
): Promise<Reply<ResponseOf<K>>> {
  return app.platform.invokeResolver<Reply<ResponseOf<K>>>({
    key,
    payload: payload as Record<string, unknown>,
    accountId,
    extension,
  });
}

/** As the site admin from Jira's page; fails the test unless the reply is ok. */
export async function asAdmin<K extends ResolverKey>(
  app: AppHarness,
  key: K,
  payload: PayloadOf<K> | Record<string, unknown>,
): Promise<ResponseOf<K>> {
  const reply = await call(app, app.credentials.siteAdmin.accountId, key, payload);
  if (!reply.ok) throw new Error(`${key} failed: ${JSON.stringify(reply.error)}`);
  return reply.value;
}

/** An ordinary licensed member (no admin rights) of the site. */
/** `locale` is the person's Jira language setting (`de_DE`); `en_US` by default. */
export function inviteMember(app: AppHarness, handle: string, locale?: string): string {
  const domain = app.credentials.verifiedDomains[0] ?? 'example.com';
  return app.site.simulateInvite({
    email: `${handle}@${domain}`,
    displayName: handle,
    ...(locale !== undefined ? { locale } : {}),
  }).accountId;
}

export function groupOf(app: AppHarness, name: string): { groupId: string; name: string } {
  const group = app.site.groups().find((g) => g.name === name);
  if (!group) throw new Error(`the demo site has no group ${name}`);
  return { groupId: group.groupId, name: group.name };
}

export function draftRule(app: AppHarness, overrides: Partial<Rule> = {}): Rule {
  const group = groupOf(app, 'sales-team');
  return {
    id: 'sales-staff',
    name: 'Sales staff',
    description: 'Everyone in Sales',
    enabled: true,
    priority: 10,
    condition: { text: 'user.groups -any (_ -eq "idp-sales")', dialect: 'entra' },
    grants: [{ kind: 'group', groupId: group.groupId, groupName: group.name }],
    onUnmatch: 'keep',
    ...overrides,
  };
}

/** A well-formed payload for every key, so a refusal can only come from the admin check. */
export function samplePayloads(app: AppHarness, accountId: string): { [K in ResolverKey]: PayloadOf<K> } {
  const rule = draftRule(app);
  const { orgId, directoryId } = app.credentials;
  return {
    'session.get': {},
    'overview.get': { weeks: 4 },
    'rules.list': {},
    'rules.get': { id: rule.id },
    'rules.save': { rule },
    'rules.delete': { id: rule.id },
    'rules.setEnabled': { id: rule.id, enabled: false },
    'rules.reorder': { ids: [rule.id] },
    'rules.checkExpression': { text: 'user.department -eq "Sales"', dialect: 'entra' },
    'rules.testOnUser': { accountId, draft: rule },
    'catalogue.groups': { query: 'sales' },
    'catalogue.projects': {},
    'catalogue.projectRoles': { projectId: '10001' },
    'jobs.startPreview': {},
    'jobs.startBackfill': {},
    'jobs.get': { jobId: 'preview-1' },
    'jobs.cancel': { jobId: 'preview-1' },
    'jobs.list': {},
    'jobs.affected': { jobId: 'preview-1', grantKey: 'group:g-1', change: 'gain' },
    'inactivity.policy.get': {},
    'inactivity.policy.save': {
      policy: {
        schemaVersion: 1,
        products: {},
        exclusions: { groupIds: [], accountIds: [], recentlyAddedDays: 0 },
        notifications: {},
        brake: { maxActionsPerRun: 10, maxPercentOfLicensed: 10 },
        activityMaxAgeHours: 48,
      },
    },
    'inactivity.exclusions.save': { accountIds: [accountId], groupIds: [], recentlyAddedDays: 0 },
    'inactivity.dryRun.start': {},
    'inactivity.runs.list': {},
    'inactivity.runs.get': { runId: 'run-1' },
    'inactivity.runs.report': {},
    'inactivity.runs.actions': { runId: 'run-1' },
    'inactivity.review.get': {},
    'inactivity.review.approve': { runId: 'run-1', approval: { approve: 'all' } },
    'inactivity.restore.user': { runId: 'run-1', accountId },
    'inactivity.restore.run': { runId: 'run-1' },
    'audit.query': {},
    'audit.exportCsv': {},
    'reviews.list': {},
    'reviews.create': {
      definition: {
        name: 'Quarterly access review',
        scope: { kind: 'app-granted', ruleIds: [] },
        reviewers: { kind: 'named', accountIds: [accountId] },
        fallbackReviewer: accountId,
        schedule: { kind: 'once' },
        durationDays: 14,
        remindEveryDays: 7,
        undecided: 'keep',
        notifyIssueKey: null,
        removeHandGrants: false,
      },
    },
    'reviews.get': { campaignId: 'campaign-1' },
    'reviews.close': { campaignId: 'campaign-1' },
    'reviews.stopSeries': { seriesId: 'series-1' },
    'reviews.reassign': { campaignId: 'campaign-1', from: accountId, to: 'someone-else' },
    'reviews.items': { campaignId: 'campaign-1' },
    'reviews.exportCsv': { campaignId: 'campaign-1' },
    'reviews.reapprove': { accountId, grantKey: 'group:g1', reason: 'Needed again' },
    'settings.get': {},
    'settings.save': {
      settings: {
        sources: {
          email: true,
          scim: { enabled: false },
          orgDirectory: { enabled: false },
          pushed: true,
        },
        org: { orgId, directoryId },
        groupWritePath: { mode: 'org-admin-api' },
        provisioning: { enabled: false, coalesceSeconds: 5 },
        auditRetentionDays: 30,
      },
    },
    'settings.setSecret': { name: 'org-api-key', value: 'sample-secret-value' },
    'settings.clearSecret': { name: 'org-api-key' },
    'settings.testConnection': { target: 'org-api' },
    'security.get': {},
    'security.allow': { key: `group:${groupOf(app, 'site-admins').groupId}`, acknowledgeRisk: true },
    'security.disallow': { key: `group:${groupOf(app, 'site-admins').groupId}` },
    'security.mark': { groupId: groupOf(app, 'finance-team').groupId },
    'security.unmark': { groupId: groupOf(app, 'finance-team').groupId },
  };
}

/** Everything the app stores and every site write: equal snapshots mean a call changed nothing. */
export function snapshot(app: AppHarness) {
  const storage = app.platform.storage;
  return {
    kv: storage.dump('kv'),
    secrets: storage.dump('secret'),
    entities: ['audit-entry', 'grant-ledger', 'user-state', 'inactivity-record'].map((name) =>
      storage.dumpEntity(name),
    ),
    // The directory's user search is a POST that only reads.
    siteWrites: app.site
      .requestLog()
      .filter((r) => r.method !== 'GET' && !(r.route ?? '').endsWith('/users/search')).length,
    groups: app.site.groups().map((g) => [g.name, app.site.groupMembers(g.name).length]),
  };
}

/** The reply's failure, after checking it failed with this kind (and a message matching `message`). */
export function failureOf<T>(reply: Reply<T>, kind: ReplyErrorKind, message?: RegExp): ReplyError {
  if (reply.ok)
    throw new Error(`expected a '${kind}' failure, got ${JSON.stringify(reply.value).slice(0, 300)}`);
  expect(reply.error.kind).toBe(kind);
  if (message) expect(reply.error.message).toMatch(message);
  return reply.error;
}
