// How the page names each audit action and outcome: translation keys, resolved with the viewer's words when shown
// (the stored entries keep their codes; a new code without a key here is a compile error).
import type { AuditAction, AuditOutcome } from '../../shared/audit';
import type { TextKey } from '../../shared/i18n/text';

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, TextKey>> = {
  'group-added': 'audit.actions.groupAdded',
  'group-removed': 'audit.actions.groupRemoved',
  'role-added': 'audit.actions.roleAdded',
  'role-removed': 'audit.actions.roleRemoved',
  'provision-failed': 'audit.actions.provisionFailed',
  'grant-refused': 'audit.actions.grantRefused',
  'attributes-pushed': 'audit.actions.attributesPushed',
  'inactivity-warned': 'audit.actions.inactivityWarned',
  'inactivity-warning-cancelled': 'audit.actions.inactivityWarningCancelled',
  'licence-removed': 'audit.actions.licenceRemoved',
  'account-suspended': 'audit.actions.accountSuspended',
  'inactivity-reported': 'audit.actions.inactivityReported',
  'inactivity-held-for-review': 'audit.actions.inactivityHeldForReview',
  'inactivity-skipped': 'audit.actions.inactivitySkipped',
  'access-restored': 'audit.actions.accessRestored',
  'account-restored': 'audit.actions.accountRestored',
  'settings-changed': 'audit.actions.settingsChanged',
  'rule-changed': 'audit.actions.ruleChanged',
  'secret-changed': 'audit.actions.secretChanged',
  'privileged-changed': 'audit.actions.privilegedChanged',
  'job-started': 'audit.actions.jobStarted',
  'job-finished': 'audit.actions.jobFinished',
  'review-created': 'audit.actions.reviewCreated',
  'review-cancelled': 'audit.actions.reviewCancelled',
  'review-opened': 'audit.actions.reviewOpened',
  'review-closed': 'audit.actions.reviewClosed',
  'review-decided': 'audit.actions.reviewDecided',
  'review-reassigned': 'audit.actions.reviewReassigned',
  'review-notified': 'audit.actions.reviewNotified',
  'review-not-removed': 'audit.actions.reviewNotRemoved',
  'review-reapproved': 'audit.actions.reviewReapproved',
};

export const AUDIT_OUTCOME_LABELS: Readonly<Record<AuditOutcome, TextKey>> = {
  success: 'audit.outcomes.success',
  failed: 'audit.outcomes.failed',
  skipped: 'audit.outcomes.skipped',
  'dry-run': 'audit.outcomes.dryRun',
};
