// Who did what an audit entry records: a person (an admin's action), the app's rule by name (provisioning), the
// identity provider (an attribute push), or one of the app's own jobs. Never a bare id.
import type { AuditAction, AuditEntry } from '../../shared/audit';

export type AuditActor =
  | { kind: 'person'; accountId: string }
  | { kind: 'rule'; label: string; ruleId: string }
  | { kind: 'system'; label: string };

/** Non-person actors the backend writes: `app` for the app's own work, `idp` for identity-provider pushes. */
const APP = 'app';
const IDP = 'idp';

const JOB_LABELS: Partial<Record<AuditAction, string>> = {
  'inactivity-warned': 'Inactivity clean-up (daily run)',
  'inactivity-warning-cancelled': 'Inactivity clean-up (daily run)',
  'inactivity-reported': 'Inactivity clean-up (daily run)',
  'inactivity-held-for-review': 'Inactivity clean-up (daily run)',
  'inactivity-skipped': 'Inactivity clean-up (daily run)',
  'licence-removed': 'Inactivity clean-up (daily run)',
  'account-suspended': 'Inactivity clean-up (daily run)',
  'job-started': 'Background job',
  'job-finished': 'Background job',
};

export function auditActor(
  entry: Pick<AuditEntry, 'actor' | 'action' | 'ruleId'>,
  ruleNames: ReadonlyMap<string, string>,
): AuditActor {
  if (entry.actor === IDP) return { kind: 'system', label: 'Identity provider (attribute push)' };
  if (entry.actor !== APP && entry.actor !== '') return { kind: 'person', accountId: entry.actor };
  if (entry.ruleId) {
    const name = ruleNames.get(entry.ruleId);
    return {
      kind: 'rule',
      ruleId: entry.ruleId,
      label: name === undefined ? 'A rule since deleted' : `Rule "${name}"`,
    };
  }
  return { kind: 'system', label: JOB_LABELS[entry.action] ?? 'The app (provisioning)' };
}
