// The Inactivity tab: the policy and its exclusions, dry runs, runs and their reports, review, and restores.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import {
  DECISION_OUTCOMES,
  validateInactivityPolicy,
  type DecisionOutcome,
  type InactivityPolicy,
} from '../../domain/inactivity';
import type {
  ActionRowView,
  InactivityPolicyView,
  InactivityRunView,
  RestoreOutcomeView,
  RunReportView,
  StartRunView,
} from '../inactivity-views';
import type { Words } from '../../domain/inactivity/words';
import { returns, type ContractSection } from './endpoint';
import { accountId, cursor, empty, opaqueId, pathOf } from './fields';

/** An inactivity policy, checked by the domain's validator. */
const policySchema = z.unknown().transform((value, ctx): InactivityPolicy => {
  const result = validateInactivityPolicy(value);
  if (result.ok) return result.policy;
  // The domain names the policy object itself `policy` (its unknown keys `policy.<key>`); here the policy is the
  // payload field it came in, which zod already puts in front.
  for (const error of result.errors)
    ctx.addIssue({
      code: 'custom',
      message: error.message,
      path: pathOf(error.path.replace(/^policy(\.|$)/, '')),
      ...(error.key ? { params: { key: error.key, values: error.values } } : {}),
    });
  return z.NEVER;
});

export const inactivityPolicyGetSchema = empty;
export type InactivityPolicyGetPayload = z.infer<typeof inactivityPolicyGetSchema>;

export interface InactivityPolicySavePayload {
  policy: InactivityPolicy;
  /**
   * The admin confirmed, having been shown the consequence, that users may lose access without being told
   * (0 days' warning, or `notifications.actWhenNotTold`). Without it such a policy is refused.
   */
  confirmActingOnUntoldUsers?: true;
}
export const inactivityPolicySaveSchema: z.ZodType<InactivityPolicySavePayload, unknown> = z.strictObject({
  policy: policySchema,
  confirmActingOnUntoldUsers: z.literal(true).optional(),
});

export const inactivityExclusionsSaveSchema = z.strictObject({
  accountIds: z.array(accountId).max(5000),
  groupIds: z.array(opaqueId).max(5000),
  recentlyAddedDays: z.number().int().min(0).max(3650),
});
export type InactivityExclusionsSavePayload = z.infer<typeof inactivityExclusionsSaveSchema>;

export interface InactivityDryRunStartPayload {
  draftPolicy?: InactivityPolicy;
}
export const inactivityDryRunStartSchema: z.ZodType<InactivityDryRunStartPayload, unknown> = z.strictObject({
  /** Try an unsaved policy; omit to use the saved one. */
  draftPolicy: policySchema.optional(),
});

export const inactivityRunsListSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).optional(),
  /** Runs to skip in the chosen order (paging). */
  offset: z.number().int().min(0).max(1000).optional(),
  /** newest (the default) or oldest first. */
  order: z.enum(['newest', 'oldest']).optional(),
});
export type InactivityRunsListPayload = z.infer<typeof inactivityRunsListSchema>;
export interface InactivityRunsListView {
  runs: InactivityRunView[];
  /** Runs in all, for paging. */
  total: number;
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
      accountIds: z.array(accountId).min(1, fieldMessage('fields.chooseAccount')).max(2000),
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
  /** What was done, in English (logs, API callers); `words` says it in the reader's language. */
  message: string;
  words?: Words;
}

export const inactivityRestoreRunSchema = z.strictObject({ runId: opaqueId });
export type InactivityRestoreRunPayload = z.infer<typeof inactivityRestoreRunSchema>;
export interface RestoreRunView {
  runId: string;
  /** Restoring runs through the queue; progress shows on the run's `restore`. */
  queued: true;
}

export const INACTIVITY_CONTRACT = {
  'inactivity.policy.get': {
    payload: inactivityPolicyGetSchema,
    response: returns<InactivityPolicyView>(),
  },
  'inactivity.policy.save': {
    payload: inactivityPolicySaveSchema,
    response: returns<InactivityPolicyView>(),
  },
  /** Replaces only the policy's exclusions (accounts, groups, recently added days) of the saved policy. */
  'inactivity.exclusions.save': {
    payload: inactivityExclusionsSaveSchema,
    response: returns<InactivityPolicyView>(),
  },
  'inactivity.dryRun.start': { payload: inactivityDryRunStartSchema, response: returns<StartRunView>() },
  'inactivity.runs.list': { payload: inactivityRunsListSchema, response: returns<InactivityRunsListView>() },
  'inactivity.runs.get': { payload: inactivityRunsGetSchema, response: returns<InactivityRunView>() },
  /** A run's report; without a runId, the latest dry run's. */
  'inactivity.runs.report': {
    payload: inactivityRunsReportSchema,
    response: returns<InactivityRunsReportView>(),
  },
  'inactivity.runs.actions': { payload: inactivityRunsActionsSchema, response: returns<ActionRowsView>() },
  /** The run waiting for review, if any, with the first page of its held actions. */
  'inactivity.review.get': { payload: inactivityReviewGetSchema, response: returns<ReviewQueueView>() },
  'inactivity.review.approve': {
    payload: inactivityReviewApproveSchema,
    response: returns<ReviewApprovedView>(),
  },
  'inactivity.restore.user': { payload: inactivityRestoreUserSchema, response: returns<RestoreUserView>() },
  'inactivity.restore.run': { payload: inactivityRestoreRunSchema, response: returns<RestoreRunView>() },
} satisfies ContractSection;
