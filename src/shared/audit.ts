// Audit log entries as stored, queried and shown: one line per thing the app did or decided, with its reason.

export const AUDIT_ACTIONS = [
  'group-added',
  'group-removed',
  'role-added',
  'role-removed',
  'provision-failed',
  /** A grant not written because its target is privileged (and not allow-listed). */
  'grant-refused',
  'attributes-pushed',
  'inactivity-warned',
  'inactivity-warning-cancelled',
  'licence-removed',
  'account-suspended',
  'inactivity-reported',
  'inactivity-held-for-review',
  'inactivity-skipped',
  'access-restored',
  'account-restored',
  'settings-changed',
  'rule-changed',
  'secret-changed',
  /** A site admin allow-listed a privileged target, withdrew it, or marked or unmarked a group privileged. */
  'privileged-changed',
  'job-started',
  'job-finished',
  /** Access reviews: a campaign created (or cancelled), opened to reviewers, closed with its report. */
  'review-created',
  'review-cancelled',
  'review-opened',
  'review-closed',
  /** A reviewer's keep or remove, with the reason; a reassignment; a notice sent to a reviewer. */
  'review-decided',
  'review-reassigned',
  'review-notified',
  /** A removal a review decided that was not carried out (excluded, granted outside the app, refused). */
  'review-not-removed',
  /** An admin let a grant a review removed be granted again (the denial deleted). */
  'review-reapproved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failed', 'skipped', 'dry-run'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  id: string;
  /** Epoch ms. */
  at: number;
  /** The user the entry is about ('' for app-wide entries such as settings changes). */
  accountId: string;
  action: AuditAction;
  /** What was acted on: a grant key (`group:<id>`), a product key, a setting name. */
  target: string;
  /** Human name of the target at the time (group name, "Developers in PROJ"). */
  targetName: string;
  /** The rule responsible ('' when none). */
  ruleId: string;
  reason: string;
  outcome: AuditOutcome;
  /** The event, job or sweep run that produced it. */
  runId: string;
  /** Who acted: 'app' for automatic work, or the admin's account id. */
  actor: string;
}

export interface AuditQuery {
  from?: number;
  to?: number;
  accountId?: string;
  ruleId?: string;
  runId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  cursor?: string;
  limit?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  cursor?: string;
}
