// Who did what an audit entry records: a person (an admin's action), the app's rule by name (provisioning), the
// identity provider (an attribute push), or one of the app's own jobs. Never a bare id. Names the actor with
// translation keys; the table fills them in the viewer's words.
import type { AuditAction, AuditEntry } from '../../shared/audit';
import type { TextKey } from '../../shared/i18n/text';

export type AuditActor =
  | { kind: 'person'; accountId: string }
  /** `name` is null when the rule has since been deleted. */
  | { kind: 'rule'; ruleId: string; name: string | null }
  | { kind: 'system'; label: TextKey };

/** Non-person actors the backend writes: `app` for the app's own work, `idp` for identity-provider pushes. */
const APP = 'app';
const IDP = 'idp';

const JOB_LABELS: Partial<Record<AuditAction, TextKey>> = {
  'inactivity-warned': 'audit.actors.inactivityJob',
  'inactivity-warning-cancelled': 'audit.actors.inactivityJob',
  'inactivity-reported': 'audit.actors.inactivityJob',
  'inactivity-held-for-review': 'audit.actors.inactivityJob',
  'inactivity-skipped': 'audit.actors.inactivityJob',
  'licence-removed': 'audit.actors.inactivityJob',
  'account-suspended': 'audit.actors.inactivityJob',
  'job-started': 'audit.actors.backgroundJob',
  'job-finished': 'audit.actors.backgroundJob',
};

export function auditActor(
  entry: Pick<AuditEntry, 'actor' | 'action' | 'ruleId'>,
  ruleNames: ReadonlyMap<string, string>,
): AuditActor {
  if (entry.actor === IDP) return { kind: 'system', label: 'audit.actors.identityProvider' };
  if (entry.actor !== APP && entry.actor !== '') return { kind: 'person', accountId: entry.actor };
  if (entry.ruleId) return { kind: 'rule', ruleId: entry.ruleId, name: ruleNames.get(entry.ruleId) ?? null };
  return { kind: 'system', label: JOB_LABELS[entry.action] ?? 'audit.actors.provisioning' };
}
