// The admin page's API: resolver keys, payload schemas and types, response types and the reply envelope.
// Imported by the UI Kit frontend and by the resolvers, so it imports only src/shared and the pure src/domain.
import { z } from 'zod';
import { type AccessPlan } from '../domain/access-plan';
import {
  DECISION_OUTCOMES,
  validateInactivityPolicy,
  type DecisionOutcome,
  type InactivityPolicy,
} from '../domain/inactivity';
import {
  DIALECTS,
  MAX_RULE_LENGTH,
  formatRule,
  parseRule,
  validateRuleInput,
  type Dialect,
  type ExclusiveSet,
  type Rule,
  type TraceNode,
  type UserAttributes,
} from '../domain/rules';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome, type AuditPage } from './audit';
import type {
  ActionRowView,
  InactivityPolicyView,
  InactivityRunView,
  RestoreOutcomeView,
  RunReportView,
  StartRunView,
} from './inactivity-views';
import type { JobProgress } from './jobs';
import {
  SECRET_NAMES,
  settingsSchema,
  type AppSettings,
  type SecretName,
  type SecretStatus,
} from './settings';
import { fieldPath, type FieldError } from './validation';

export type * from './inactivity-views';

// ---------------------------------------------------------------------------------------------------------------
// Keys

export const RESOLVER_KEYS = {
  /** Who is calling and from which product; cheap, so the page can show "admins only" before anything else. */
  sessionGet: 'session.get',

  overviewGet: 'overview.get',

  rulesList: 'rules.list',
  rulesGet: 'rules.get',
  rulesSave: 'rules.save',
  rulesDelete: 'rules.delete',
  rulesSetEnabled: 'rules.setEnabled',
  rulesReorder: 'rules.reorder',
  /** Parses an expression as the admin types: positioned errors and the canonical text. Writes nothing. */
  rulesCheckExpression: 'rules.checkExpression',
  /** Gathers one user's attributes, traces a rule and plans their access. Writes nothing. */
  rulesTestOnUser: 'rules.testOnUser',

  catalogueGroups: 'catalogue.groups',
  catalogueProjects: 'catalogue.projects',
  catalogueProjectRoles: 'catalogue.projectRoles',

  jobsStartPreview: 'jobs.startPreview',
  jobsStartBackfill: 'jobs.startBackfill',
  jobsGet: 'jobs.get',
  jobsCancel: 'jobs.cancel',
  jobsList: 'jobs.list',

  inactivityPolicyGet: 'inactivity.policy.get',
  inactivityPolicySave: 'inactivity.policy.save',
  /** Replaces only the policy's exclusions (accounts, groups, recently added days) of the saved policy. */
  inactivityExclusionsSave: 'inactivity.exclusions.save',
  inactivityDryRunStart: 'inactivity.dryRun.start',
  inactivityRunsList: 'inactivity.runs.list',
  inactivityRunsGet: 'inactivity.runs.get',
  /** A run's report; without a runId, the latest dry run's. */
  inactivityRunsReport: 'inactivity.runs.report',
  inactivityRunsActions: 'inactivity.runs.actions',
  /** The run waiting for review, if any, with the first page of its held actions. */
  inactivityReviewGet: 'inactivity.review.get',
  inactivityReviewApprove: 'inactivity.review.approve',
  inactivityRestoreUser: 'inactivity.restore.user',
  inactivityRestoreRun: 'inactivity.restore.run',

  auditQuery: 'audit.query',
  /** The filtered audit log as CSV, in chunks the page joins (UI Kit has no file download). */
  auditExportCsv: 'audit.exportCsv',

  settingsGet: 'settings.get',
  settingsSave: 'settings.save',
  settingsSetSecret: 'settings.setSecret',
  settingsClearSecret: 'settings.clearSecret',
  settingsTestConnection: 'settings.testConnection',
} as const;

export type ResolverKey = (typeof RESOLVER_KEYS)[keyof typeof RESOLVER_KEYS];
export const ALL_RESOLVER_KEYS: readonly ResolverKey[] = Object.values(RESOLVER_KEYS);

// ---------------------------------------------------------------------------------------------------------------
// The reply envelope: resolvers never throw for expected failures (Forge turns throws into opaque errors).

/** A field error; condition errors also say where in the expression (1-based line and column). */
export interface ReplyFieldError extends FieldError {
  line?: number;
  column?: number;
  length?: number;
}

export type ReplyErrorKind = 'forbidden' | 'invalid' | 'not-found' | 'conflict' | 'unavailable' | 'internal';

export interface ReplyError {
  kind: ReplyErrorKind;
  /** A sentence for the admin: what went wrong and what to do. */
  message: string;
  /** For 'invalid': each bad field. */
  fields?: ReplyFieldError[];
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
const accountId = z.string().regex(ACCOUNT_ID, 'Not an Atlassian account id');
const ruleId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'Not a rule id (letters, digits, ".", "_", "-")');
const opaqueId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Not a valid id');
const cursor = z.string().min(1).max(4000, 'Not a cursor this page issued');
const epochMs = z.number().int('Must be a whole number of milliseconds').min(0).max(8_640_000_000_000_000);
const empty = z.strictObject({});

/** Domain field paths (`grants[2].groupId`, `products.confluence.action`) as zod paths. */
function pathOf(field: string): PropertyKey[] {
  if (!field) return [];
  return field
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** A rule as the page edits it, checked by the domain's validator (errors keep their line and column). */
const ruleSchema = z.unknown().transform((value, ctx): Rule => {
  const result = validateRuleInput(value);
  if (result.ok) return result.rule;
  for (const error of result.errors) {
    const params: Record<string, number> = {};
    if (error.line !== undefined) params.line = error.line;
    if (error.column !== undefined) params.column = error.column;
    if (error.length !== undefined) params.length = error.length;
    ctx.addIssue({ code: 'custom', message: error.message, path: pathOf(error.field), params });
  }
  return z.NEVER;
});

/** An inactivity policy, checked by the domain's validator. */
const policySchema = z.unknown().transform((value, ctx): InactivityPolicy => {
  const result = validateInactivityPolicy(value);
  if (result.ok) return result.policy;
  for (const error of result.errors)
    ctx.addIssue({ code: 'custom', message: error.message, path: pathOf(error.path) });
  return z.NEVER;
});

/** Rows for UI Kit charts (BarChart, LineChart, StackBarChart): x, y and an optional series in `colour`. */
export interface ChartRow {
  x: string;
  y: number;
  colour?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Session

export interface SessionView {
  accountId: string;
  /** Which admin page the call came from. */
  product: 'jira' | 'confluence';
}

// ---------------------------------------------------------------------------------------------------------------
// Overview

export const overviewGetSchema = z.strictObject({
  /** How many weeks the over-time charts cover. */
  weeks: z.number().int().min(1).max(52).optional(),
});
export type OverviewGetPayload = z.infer<typeof overviewGetSchema>;

export interface HealthItem {
  /** Stable id: 'source:email', 'source:scim', 'source:org-directory', 'source:pushed', 'write-path', 'backstop', 'daily-pass', 'inactivity', 'settings'. */
  id: string;
  label: string;
  /** 'off': not enabled; 'unknown': nothing has been recorded yet. */
  status: 'ok' | 'problem' | 'unknown' | 'off';
  /** What is wrong and what to do, or what last happened. */
  message: string;
  at: number | null;
}

export interface FailedItem {
  accountId: string;
  message: string;
  at: number;
}

export interface OverviewView {
  generatedAt: number;
  health: HealthItem[];
  lastBackstopAt: number | null;
  lastSweep: {
    runId: string;
    mode: 'live' | 'dry-run';
    status: InactivityRunView['status'];
    startedAt: number;
    finishedAt: number | null;
    stopReason: string | null;
  } | null;
  queue: {
    /** Users waiting for the rate gate to reopen. */
    parkedUsers: number;
    failedUsers: number;
    /** The most recent failures, each with its actionable message. */
    failed: FailedItem[];
    activeJobs: JobProgress[];
  };
  /** x: product name; y: seats freed. */
  seatsReclaimedByProduct: ChartRow[];
  /** x: week start (YYYY-MM-DD); y: seats freed; colour: product name. */
  seatsReclaimedOverTime: ChartRow[];
  /** x: week start (YYYY-MM-DD); y: distinct users the app granted something. */
  usersProvisionedPerWeek: ChartRow[];
  /** x: days-inactive bucket; y: users; colour: product name. From the latest finished run. */
  inactiveHistogram: ChartRow[];
  histogramRunId: string | null;
  /** Caveats the page shows under the charts (e.g. counted from a capped number of audit entries). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

export interface RuleView extends Rule {
  updatedAt: number | null;
  updatedBy: string | null;
  lastMatchedAt: number | null;
  /** The condition in canonical Entra form; null if the stored text no longer parses. */
  canonicalText: string | null;
  /** Why the stored condition no longer parses, with its position; null when fine. */
  conditionProblem: string | null;
}

export const rulesListSchema = empty;
export type RulesListPayload = z.infer<typeof rulesListSchema>;
export interface RulesListView {
  rules: RuleView[];
  exclusiveSets: ExclusiveSet[];
  /** The next free priority (after the lowest-priority rule), for "new rule". */
  nextPriority: number;
}

export const rulesGetSchema = z.strictObject({ id: ruleId });
export type RulesGetPayload = z.infer<typeof rulesGetSchema>;

export const rulesSaveSchema = z.strictObject({
  rule: ruleSchema,
  /**
   * Optimistic concurrency: the updatedAt the page loaded (null = creating a new rule). When given and the stored
   * rule differs, the save is refused with 'conflict'. Omit to overwrite.
   */
  expectedUpdatedAt: epochMs.nullable().optional(),
});
export interface RulesSavePayload {
  rule: Rule;
  expectedUpdatedAt?: number | null;
}
export interface RulesSaveView {
  rule: RuleView;
  created: boolean;
}

export const rulesDeleteSchema = z.strictObject({ id: ruleId });
export type RulesDeletePayload = z.infer<typeof rulesDeleteSchema>;
export interface RulesDeleteView {
  id: string;
  deleted: true;
}

export const rulesSetEnabledSchema = z.strictObject({ id: ruleId, enabled: z.boolean() });
export type RulesSetEnabledPayload = z.infer<typeof rulesSetEnabledSchema>;

export const rulesReorderSchema = z.strictObject({
  /** Every rule id, highest priority first; priorities become 0, 10, 20, … */
  ids: z.array(ruleId).max(500),
});
export type RulesReorderPayload = z.infer<typeof rulesReorderSchema>;

export const rulesCheckExpressionSchema = z.strictObject({
  text: z.string().max(MAX_RULE_LENGTH, `At most ${MAX_RULE_LENGTH} characters`),
  dialect: z.enum(DIALECTS),
});
export type RulesCheckExpressionPayload = z.infer<typeof rulesCheckExpressionSchema>;
export interface ExpressionCheckView {
  ok: boolean;
  /** field is always 'text'; each error has its line and column. */
  errors: ReplyFieldError[];
  /** Canonical Entra text when it parses. */
  canonical: string | null;
}

/** Checks an expression in the page without a round trip (same code the resolver runs). */
export function checkExpression(text: string, dialect: Dialect): ExpressionCheckView {
  const parsed = parseRule(text, dialect);
  if (parsed.ok) return { ok: true, errors: [], canonical: formatRule(parsed.rule) };
  return {
    ok: false,
    canonical: null,
    errors: parsed.errors.map((e) => ({
      field: 'text',
      message: `Line ${e.line}, column ${e.column}: ${e.message}`,
      line: e.line,
      column: e.column,
      ...(e.length !== undefined ? { length: e.length } : {}),
    })),
  };
}

export const rulesTestOnUserSchema = z
  .strictObject({
    accountId,
    /** A saved rule to trace. */
    ruleId: ruleId.optional(),
    /** An unsaved draft to trace; it replaces the saved rule with its id (or joins the set) for the plan. */
    draft: ruleSchema.optional(),
  })
  .refine((p) => !(p.ruleId !== undefined && p.draft !== undefined), {
    message: 'Give a rule id or a draft, not both',
    path: ['ruleId'],
  });
export interface RulesTestOnUserPayload {
  accountId: string;
  ruleId?: string;
  draft?: Rule;
}

export interface SourceReportView {
  source: 'jira' | 'email' | 'scim' | 'org-directory' | 'pushed';
  status: 'ok' | 'not-found' | 'disabled' | 'unavailable' | 'failed';
  message: string;
}

export interface TestOnUserView {
  accountId: string;
  attributes: UserAttributes;
  /** Where each attribute source stood for this user. */
  sources: SourceReportView[];
  /** The traced rule (saved or draft); null when neither was given. */
  evaluated: {
    ruleId: string;
    ruleName: string;
    from: 'saved' | 'draft';
    enabled: boolean;
    matched: boolean;
    trace: TraceNode[];
  } | null;
  /** The user's access plan with the draft in the rule set: what provisioning would do now. */
  plan: AccessPlan;
}

// ---------------------------------------------------------------------------------------------------------------
// Catalogue for grant pickers

export const catalogueGroupsSchema = z.strictObject({
  /** Substring of the group name; empty lists all. */
  query: z.string().max(255).optional(),
  /** Look up these groups by id instead (to show names of stored ids). */
  ids: z.array(opaqueId).max(50).optional(),
  startAt: z.number().int().min(0).max(100_000).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type CatalogueGroupsPayload = z.infer<typeof catalogueGroupsSchema>;
export interface GroupOption {
  groupId: string;
  name: string;
}
export interface CatalogueGroupsView {
  groups: GroupOption[];
  total: number | null;
}

export const catalogueProjectsSchema = z.strictObject({
  query: z.string().max(255).optional(),
  startAt: z.number().int().min(0).max(100_000).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type CatalogueProjectsPayload = z.infer<typeof catalogueProjectsSchema>;
export interface ProjectOption {
  id: string;
  key: string;
  name: string;
}
export interface CatalogueProjectsView {
  projects: ProjectOption[];
  total: number;
  isLast: boolean;
}

export const catalogueProjectRolesSchema = z.strictObject({ projectId: opaqueId });
export type CatalogueProjectRolesPayload = z.infer<typeof catalogueProjectRolesSchema>;
export interface RoleOption {
  id: string;
  name: string;
}
export interface CatalogueProjectRolesView {
  project: ProjectOption;
  roles: RoleOption[];
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs (impact preview, backfill)

export const jobsStartSchema = empty;
export type JobsStartPayload = z.infer<typeof jobsStartSchema>;
export const jobsGetSchema = z.strictObject({ jobId: opaqueId });
export type JobsGetPayload = z.infer<typeof jobsGetSchema>;
export const jobsCancelSchema = z.strictObject({ jobId: opaqueId });
export type JobsCancelPayload = z.infer<typeof jobsCancelSchema>;
export const jobsListSchema = z.strictObject({ limit: z.number().int().min(1).max(50).optional() });
export type JobsListPayload = z.infer<typeof jobsListSchema>;
export interface JobsListView {
  /** Newest first. */
  jobs: JobProgress[];
}

// ---------------------------------------------------------------------------------------------------------------
// Inactivity

export const inactivityPolicyGetSchema = empty;
export type InactivityPolicyGetPayload = z.infer<typeof inactivityPolicyGetSchema>;

export const inactivityPolicySaveSchema = z.strictObject({ policy: policySchema });
export interface InactivityPolicySavePayload {
  policy: InactivityPolicy;
}

export const inactivityExclusionsSaveSchema = z.strictObject({
  accountIds: z.array(accountId).max(5000),
  groupIds: z.array(opaqueId).max(5000),
  recentlyAddedDays: z.number().int().min(0).max(3650),
});
export type InactivityExclusionsSavePayload = z.infer<typeof inactivityExclusionsSaveSchema>;

export const inactivityDryRunStartSchema = z.strictObject({
  /** Try an unsaved policy; omit to use the saved one. */
  draftPolicy: policySchema.optional(),
});
export interface InactivityDryRunStartPayload {
  draftPolicy?: InactivityPolicy;
}

export const inactivityRunsListSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).optional(),
});
export type InactivityRunsListPayload = z.infer<typeof inactivityRunsListSchema>;
export interface InactivityRunsListView {
  runs: InactivityRunView[];
}

export const inactivityRunsGetSchema = z.strictObject({ runId: opaqueId });
export type InactivityRunsGetPayload = z.infer<typeof inactivityRunsGetSchema>;

export const inactivityRunsReportSchema = z.strictObject({
  runId: opaqueId.optional(),
  /** Only users whose headline outcome is this one. */
  outcome: z.enum(DECISION_OUTCOMES as [DecisionOutcome, ...DecisionOutcome[]]).optional(),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type InactivityRunsReportPayload = z.infer<typeof inactivityRunsReportSchema>;
/** null when there is no such run (or no dry run yet). */
export type InactivityRunsReportView = RunReportView | null;

export const inactivityRunsActionsSchema = z.strictObject({
  runId: opaqueId,
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type InactivityRunsActionsPayload = z.infer<typeof inactivityRunsActionsSchema>;
export interface ActionRowsView {
  rows: ActionRowView[];
  cursor?: string;
}

export const inactivityReviewGetSchema = z.strictObject({
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type InactivityReviewGetPayload = z.infer<typeof inactivityReviewGetSchema>;
export interface ReviewQueueView {
  run: InactivityRunView | null;
  /** Held actions (status 'planned'), one row per user. */
  rows: ActionRowView[];
  cursor?: string;
}

export const inactivityReviewApproveSchema = z.strictObject({
  runId: opaqueId,
  approval: z.discriminatedUnion('approve', [
    z.strictObject({ approve: z.literal('all') }),
    z.strictObject({ approve: z.literal('none') }),
    z.strictObject({
      approve: z.literal('accounts'),
      accountIds: z.array(accountId).min(1, 'Choose at least one account').max(2000),
    }),
  ]),
});
export type InactivityReviewApprovePayload = z.infer<typeof inactivityReviewApproveSchema>;
export interface ReviewApprovedView {
  runId: string;
  allowedActions: number;
  droppedActions: number;
  unknownAccountIds: string[];
}

export const inactivityRestoreUserSchema = z.strictObject({ runId: opaqueId, accountId });
export type InactivityRestoreUserPayload = z.infer<typeof inactivityRestoreUserSchema>;
export interface RestoreUserView {
  restored: RestoreOutcomeView[];
  message: string;
}

export const inactivityRestoreRunSchema = z.strictObject({ runId: opaqueId });
export type InactivityRestoreRunPayload = z.infer<typeof inactivityRestoreRunSchema>;
export interface RestoreRunView {
  runId: string;
  /** Restoring runs through the queue; progress shows on the run's `restore`. */
  queued: true;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit

const auditFilters = {
  from: epochMs.optional(),
  to: epochMs.optional(),
  accountId: accountId.optional(),
  ruleId: ruleId.optional(),
  runId: opaqueId.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
};
const fromBeforeTo = (p: { from?: number | undefined; to?: number | undefined }) =>
  p.from === undefined || p.to === undefined || p.from <= p.to;

export const auditQuerySchema = z
  .strictObject({
    ...auditFilters,
    cursor: cursor.optional(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .refine(fromBeforeTo, { message: 'The start is after the end', path: ['from'] });
export interface AuditFilters {
  from?: number;
  to?: number;
  accountId?: string;
  ruleId?: string;
  runId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
}
export interface AuditQueryPayload extends AuditFilters {
  cursor?: string;
  limit?: number;
}
export type AuditQueryView = AuditPage;

export const auditExportCsvSchema = z
  .strictObject({ ...auditFilters, cursor: cursor.optional() })
  .refine(fromBeforeTo, { message: 'The start is after the end', path: ['from'] });
export interface AuditExportCsvPayload extends AuditFilters {
  /** The cursor of the previous chunk; omit for the first chunk (which starts with the header row). */
  cursor?: string;
}
export interface CsvChunkView {
  /** RFC 4180 lines ending in CRLF; cells that a spreadsheet would run as a formula start with an apostrophe. */
  csv: string;
  rows: number;
  /** Present while more rows remain: call again with it and append. */
  cursor?: string;
}

/** The export's columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'accountId',
  'action',
  'target',
  'targetName',
  'ruleId',
  'reason',
  'outcome',
  'runId',
  'actor',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Settings

export const settingsGetSchema = empty;
export type SettingsGetPayload = z.infer<typeof settingsGetSchema>;
export interface SettingsView {
  settings: AppSettings;
  /** Set when the stored settings were unreadable and defaults are shown. */
  problem: string | null;
  /** Whether each secret is set, and when and by whom; never its value. */
  secrets: SecretStatus[];
  /** Where the identity provider pushes attributes (the web trigger), or null with idpPushUrlProblem. */
  idpPushUrl: string | null;
  idpPushUrlProblem: string | null;
}

export const settingsSaveSchema = z.strictObject({ settings: settingsSchema });
export type SettingsSavePayload = z.infer<typeof settingsSaveSchema>;

export const settingsSetSecretSchema = z.strictObject({
  name: z.enum(SECRET_NAMES),
  value: z
    .string()
    .min(8, 'A key or secret is at least 8 characters')
    .max(4096, 'At most 4,096 characters')
    .refine((v) => v.trim() === v, 'Remove the spaces or line breaks around the value')
    .refine((v) => ![...v].some((c) => c < ' ' || c === '\u007f'), 'The value contains control characters'),
});
export interface SettingsSetSecretPayload {
  name: SecretName;
  value: string;
}
export const settingsClearSecretSchema = z.strictObject({ name: z.enum(SECRET_NAMES) });
export type SettingsClearSecretPayload = z.infer<typeof settingsClearSecretSchema>;

export const CONNECTION_TARGETS = ['org-api', 'scim', 'write-path'] as const;
export type ConnectionTarget = (typeof CONNECTION_TARGETS)[number];

export const settingsTestConnectionSchema = z.strictObject({
  target: z.enum(CONNECTION_TARGETS),
  /** Test these (unsaved) settings with the stored secrets; omit to test what is saved. */
  settings: settingsSchema.optional(),
});
export type SettingsTestConnectionPayload = z.infer<typeof settingsTestConnectionSchema>;
export interface ConnectionTestView {
  target: ConnectionTarget;
  ok: boolean;
  /** What worked, or what failed and how to fix it. */
  message: string;
  /** The individual checks, in order. */
  checks: { name: string; ok: boolean; message: string }[];
  checkedAt: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The map the page and the resolvers share: schema, payload and response per key.

export interface ResolverTypes {
  'session.get': { payload: Record<string, never>; response: SessionView };
  'overview.get': { payload: OverviewGetPayload; response: OverviewView };
  'rules.list': { payload: RulesListPayload; response: RulesListView };
  'rules.get': { payload: RulesGetPayload; response: RuleView };
  'rules.save': { payload: RulesSavePayload; response: RulesSaveView };
  'rules.delete': { payload: RulesDeletePayload; response: RulesDeleteView };
  'rules.setEnabled': { payload: RulesSetEnabledPayload; response: RuleView };
  'rules.reorder': { payload: RulesReorderPayload; response: RulesListView };
  'rules.checkExpression': { payload: RulesCheckExpressionPayload; response: ExpressionCheckView };
  'rules.testOnUser': { payload: RulesTestOnUserPayload; response: TestOnUserView };
  'catalogue.groups': { payload: CatalogueGroupsPayload; response: CatalogueGroupsView };
  'catalogue.projects': { payload: CatalogueProjectsPayload; response: CatalogueProjectsView };
  'catalogue.projectRoles': { payload: CatalogueProjectRolesPayload; response: CatalogueProjectRolesView };
  'jobs.startPreview': { payload: JobsStartPayload; response: JobProgress };
  'jobs.startBackfill': { payload: JobsStartPayload; response: JobProgress };
  'jobs.get': { payload: JobsGetPayload; response: JobProgress };
  'jobs.cancel': { payload: JobsCancelPayload; response: JobProgress };
  'jobs.list': { payload: JobsListPayload; response: JobsListView };
  'inactivity.policy.get': { payload: InactivityPolicyGetPayload; response: InactivityPolicyView };
  'inactivity.policy.save': { payload: InactivityPolicySavePayload; response: InactivityPolicyView };
  'inactivity.exclusions.save': { payload: InactivityExclusionsSavePayload; response: InactivityPolicyView };
  'inactivity.dryRun.start': { payload: InactivityDryRunStartPayload; response: StartRunView };
  'inactivity.runs.list': { payload: InactivityRunsListPayload; response: InactivityRunsListView };
  'inactivity.runs.get': { payload: InactivityRunsGetPayload; response: InactivityRunView };
  'inactivity.runs.report': { payload: InactivityRunsReportPayload; response: InactivityRunsReportView };
  'inactivity.runs.actions': { payload: InactivityRunsActionsPayload; response: ActionRowsView };
  'inactivity.review.get': { payload: InactivityReviewGetPayload; response: ReviewQueueView };
  'inactivity.review.approve': { payload: InactivityReviewApprovePayload; response: ReviewApprovedView };
  'inactivity.restore.user': { payload: InactivityRestoreUserPayload; response: RestoreUserView };
  'inactivity.restore.run': { payload: InactivityRestoreRunPayload; response: RestoreRunView };
  'audit.query': { payload: AuditQueryPayload; response: AuditQueryView };
  'audit.exportCsv': { payload: AuditExportCsvPayload; response: CsvChunkView };
  'settings.get': { payload: SettingsGetPayload; response: SettingsView };
  'settings.save': { payload: SettingsSavePayload; response: SettingsView };
  'settings.setSecret': { payload: SettingsSetSecretPayload; response: SecretStatus };
  'settings.clearSecret': { payload: SettingsClearSecretPayload; response: SecretStatus };
  'settings.testConnection': { payload: SettingsTestConnectionPayload; response: ConnectionTestView };
}

export type PayloadOf<K extends ResolverKey> = ResolverTypes[K]['payload'];
export type ResponseOf<K extends ResolverKey> = ResolverTypes[K]['response'];

/** Each key's payload schema; its output is the payload type the resolver receives. */
export const PAYLOAD_SCHEMAS: { [K in ResolverKey]: z.ZodType<PayloadOf<K>, unknown> } = {
  'session.get': empty,
  'overview.get': overviewGetSchema,
  'rules.list': rulesListSchema,
  'rules.get': rulesGetSchema,
  'rules.save': rulesSaveSchema,
  'rules.delete': rulesDeleteSchema,
  'rules.setEnabled': rulesSetEnabledSchema,
  'rules.reorder': rulesReorderSchema,
  'rules.checkExpression': rulesCheckExpressionSchema,
  'rules.testOnUser': rulesTestOnUserSchema,
  'catalogue.groups': catalogueGroupsSchema,
  'catalogue.projects': catalogueProjectsSchema,
  'catalogue.projectRoles': catalogueProjectRolesSchema,
  'jobs.startPreview': jobsStartSchema,
  'jobs.startBackfill': jobsStartSchema,
  'jobs.get': jobsGetSchema,
  'jobs.cancel': jobsCancelSchema,
  'jobs.list': jobsListSchema,
  'inactivity.policy.get': inactivityPolicyGetSchema,
  'inactivity.policy.save': inactivityPolicySaveSchema,
  'inactivity.exclusions.save': inactivityExclusionsSaveSchema,
  'inactivity.dryRun.start': inactivityDryRunStartSchema,
  'inactivity.runs.list': inactivityRunsListSchema,
  'inactivity.runs.get': inactivityRunsGetSchema,
  'inactivity.runs.report': inactivityRunsReportSchema,
  'inactivity.runs.actions': inactivityRunsActionsSchema,
  'inactivity.review.get': inactivityReviewGetSchema,
  'inactivity.review.approve': inactivityReviewApproveSchema,
  'inactivity.restore.user': inactivityRestoreUserSchema,
  'inactivity.restore.run': inactivityRestoreRunSchema,
  'audit.query': auditQuerySchema,
  'audit.exportCsv': auditExportCsvSchema,
  'settings.get': settingsGetSchema,
  'settings.save': settingsSaveSchema,
  'settings.setSecret': settingsSetSecretSchema,
  'settings.clearSecret': settingsClearSecretSchema,
  'settings.testConnection': settingsTestConnectionSchema,
};

/** Validates a payload for a key: the typed payload, or every bad field (with positions for rule conditions). */
export function parsePayload<K extends ResolverKey>(
  key: K,
  input: unknown,
): { ok: true; value: PayloadOf<K> } | { ok: false; errors: ReplyFieldError[] } {
  const schema: z.ZodType<PayloadOf<K>, unknown> = PAYLOAD_SCHEMAS[key];
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.flatMap((issue): ReplyFieldError[] => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((name) => ({
          field: fieldPath([...issue.path, name]),
          message: `Unknown field "${name}"`,
        }));
      const error: ReplyFieldError = { field: fieldPath(issue.path) || '(payload)', message: issue.message };
      const params =
        issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
      for (const name of ['line', 'column', 'length'] as const) {
        const value = params?.[name];
        if (typeof value === 'number') error[name] = value;
      }
      return [error];
    }),
  };
}

/** The page's message for a refused call. */
export const ADMINS_ONLY_MESSAGE = 'Only Jira or Confluence administrators can use this page.';

export type { SecretName, SecretStatus, AppSettings, JobProgress };
