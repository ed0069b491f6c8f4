// Audit entries of the clean-up: one per decision that changes or holds something, with its reason; ids are
// deterministic per run, user and fact, so a redelivered step adds nothing.
import type { AuditAction, AuditEntry, AuditOutcome } from '../../shared/audit';
import { appendAudit } from '../../storage/audit-repository';

export const SWEEP_TARGET = 'inactivity-sweep';

export interface InactivityAuditInput {
  readonly runId: string;
  /** What the entry records, unique within the run for this user and target (e.g. `warn`, `remove`). */
  readonly fact: string;
  readonly at: number;
  readonly accountId: string;
  readonly action: AuditAction;
  readonly target: string;
  readonly targetName: string;
  readonly reason: string;
  readonly outcome: AuditOutcome;
  readonly actor: string;
}

export function inactivityAuditEntry(input: InactivityAuditInput): AuditEntry {
  return {
    id: `inactivity:${input.runId}:${input.fact}:${input.accountId || '-'}:${input.target}`,
    at: input.at,
    accountId: input.accountId,
    action: input.action,
    target: input.target,
    targetName: input.targetName,
    ruleId: '',
    reason: input.reason,
    outcome: input.outcome,
    runId: input.runId,
    actor: input.actor,
  };
}

/** Appends entries a few at a time (each is its own idempotent write). */
export async function recordAudit(inputs: readonly InactivityAuditInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += 10) {
    await Promise.all(inputs.slice(i, i + 10).map((input) => appendAudit(inactivityAuditEntry(input))));
  }
}
