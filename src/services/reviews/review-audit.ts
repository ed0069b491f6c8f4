// Audit lines of access reviews: ids are deterministic per campaign, fact and subject, so a redelivered step or
// a retried call writes each line once.
import type { AuditAction, AuditEntry, AuditOutcome } from '../../shared/audit';
import { appendAudit } from '../../storage/audit-repository';
import { auditId } from '../audit-ids';

/** The run id review lines carry (the audit log's filter by run): one per campaign. */
export const reviewRunId = (campaignId: string) => `review:${campaignId}`;

export interface ReviewAuditInput {
  readonly campaignId: string;
  /** What the line records, unique within the campaign for this subject and target (`decided:<at>`, `opened`). */
  readonly fact: string;
  readonly at: number;
  readonly accountId: string;
  readonly action: AuditAction;
  readonly target: string;
  readonly targetName: string;
  readonly ruleId?: string;
  readonly reason: string;
  readonly outcome: AuditOutcome;
  readonly actor: string;
}

export function reviewAuditEntry(input: ReviewAuditInput): AuditEntry {
  return {
    id: auditId('review', input.campaignId, input.fact, input.accountId, input.target),
    at: input.at,
    accountId: input.accountId,
    action: input.action,
    target: input.target,
    targetName: input.targetName,
    ruleId: input.ruleId ?? '',
    reason: input.reason,
    outcome: input.outcome,
    runId: reviewRunId(input.campaignId),
    actor: input.actor,
  };
}

export async function recordReviewAudit(inputs: readonly ReviewAuditInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += 10)
    await Promise.all(inputs.slice(i, i + 10).map((input) => appendAudit(reviewAuditEntry(input))));
}
