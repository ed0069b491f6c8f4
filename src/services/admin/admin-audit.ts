// Audit entries for changes an admin makes on the page (rules, settings, secrets, privileged targets): the admin
// is the actor.
import type { AuditAction } from '../../shared/audit';
import { appendAudit } from '../../storage/audit-repository';
import { auditId } from '../audit-ids';

export interface AdminChange {
  action: Extract<AuditAction, 'rule-changed' | 'settings-changed' | 'secret-changed' | 'privileged-changed'>;
  /** What changed: `rule:<id>`, a setting name, `secret:<name>`. */
  target: string;
  targetName: string;
  ruleId?: string;
  /** What happened, in words; never a secret's value. */
  reason: string;
  by: string;
  at: number;
}

export async function recordAdminChange(change: AdminChange): Promise<void> {
  await appendAudit({
    id: auditId('admin', change.action, change.target, change.at, change.by, change.reason),
    at: change.at,
    accountId: '',
    action: change.action,
    target: change.target,
    targetName: change.targetName,
    ruleId: change.ruleId ?? '',
    reason: change.reason,
    outcome: 'success',
    runId: '',
    actor: change.by,
  });
}
