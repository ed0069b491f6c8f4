// The Access reviews tab (site admins): create a campaign, list and follow campaigns (progress per reviewer),
// reassign a reviewer's items, close early, stop a repeating series, read and export the report, and re-approve
// a grant a review removed.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import {
  CAMPAIGN_LIMITS,
  campaignProblems,
  SCHEDULE_DAYS,
  type CampaignDefinition,
} from '../../domain/reviews';
import type { CampaignView, ReportRowView, ReviewerProgressView } from '../review-views';
import type { CsvChunkView } from './audit';
import { returns, type ContractSection } from './endpoint';
import { accountId, cursor, opaqueId, pathOf, ruleId } from './fields';

const L = CAMPAIGN_LIMITS;
const name = z.string().trim().min(1, fieldMessage('fields.nameCampaign')).max(L.maxNameLength);
const groupId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, fieldMessage('fields.notGroupId'));
const projectId = z.string().regex(/^\d{1,18}$/, fieldMessage('fields.notProjectId'));
const days = (min: number, max: number) =>
  z
    .number(fieldMessage('fields.enterNumber'))
    .int(fieldMessage('fields.wholeDays'))
    .min(min, fieldMessage('fields.atLeast', { min: String(min) }))
    .max(max, fieldMessage('fields.atMost', { max: String(max) }));

const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('app-granted'), ruleIds: z.array(ruleId).max(L.maxRules) }),
  z.strictObject({
    kind: z.literal('group-members'),
    groups: z
      .array(
        z.strictObject({
          groupId,
          groupName: z.string().min(1).max(255),
          owners: z.array(accountId).max(L.maxOwnersPerGroup),
        }),
      )
      .min(1, fieldMessage('fields.chooseGroup'))
      .max(L.maxGroups),
  }),
  z.strictObject({
    kind: z.literal('project-roles'),
    projects: z
      .array(
        z.strictObject({
          projectId,
          projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, fieldMessage('fields.notProjectKey')),
        }),
      )
      .min(1, fieldMessage('fields.chooseProject'))
      .max(L.maxProjects),
  }),
  z.strictObject({
    kind: z.literal('inactive-users'),
    inactiveDays: days(L.minInactiveDays, L.maxInactiveDays),
  }),
]);

const reviewersSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rule-owner') }),
  z.strictObject({ kind: z.literal('group-owners') }),
  z.strictObject({ kind: z.literal('project-lead') }),
  z.strictObject({
    kind: z.literal('named'),
    accountIds: z.array(accountId).min(1, fieldMessage('fields.nameReviewer')).max(L.maxNamedReviewers),
  }),
]);

const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('once') }),
  z.strictObject({
    kind: z.literal('every'),
    days: z.union(
      SCHEDULE_DAYS.map((d) => z.literal(d)) as unknown as [
        z.ZodLiteral<30>,
        z.ZodLiteral<90>,
        z.ZodLiteral<180>,
      ],
    ),
  }),
]);

/** A campaign definition: each field's shape, then the rules spanning fields (the domain's). */
export const campaignDefinitionSchema: z.ZodType<CampaignDefinition, unknown> = z
  .strictObject({
    name,
    scope: scopeSchema,
    reviewers: reviewersSchema,
    fallbackReviewer: accountId,
    schedule: scheduleSchema,
    durationDays: days(L.minDurationDays, L.maxDurationDays),
    remindEveryDays: days(0, L.maxRemindEveryDays),
    undecided: z.enum(['keep', 'remove']),
    notifyIssueKey: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,9}-\d{1,9}$/, fieldMessage('fields.notIssueKey'))
      .nullable(),
    removeHandGrants: z.boolean(),
  })
  .transform((definition, ctx): CampaignDefinition => {
    for (const problem of campaignProblems(definition))
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: pathOf(problem.field),
        ...(problem.key ? { params: { key: problem.key, values: problem.values } } : {}),
      });
    return definition;
  });

export const reviewsCreateSchema = z.strictObject({ definition: campaignDefinitionSchema });
export type ReviewsCreatePayload = z.infer<typeof reviewsCreateSchema>;

export const reviewsListSchema = z.strictObject({
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type ReviewsListPayload = z.infer<typeof reviewsListSchema>;
export interface ReviewsListView {
  /** Newest first. */
  campaigns: CampaignView[];
  cursor?: string;
}

const campaignRef = { campaignId: opaqueId };
export const reviewsGetSchema = z.strictObject(campaignRef);
export type ReviewsGetPayload = z.infer<typeof reviewsGetSchema>;
export interface ReviewsCampaignDetailView {
  campaign: CampaignView;
  /** Per reviewer, most undecided first. */
  progress: ReviewerProgressView[];
}

export const reviewsCloseSchema = z.strictObject(campaignRef);
export type ReviewsClosePayload = z.infer<typeof reviewsCloseSchema>;
export const reviewsStopSeriesSchema = z.strictObject({ seriesId: opaqueId });
export type ReviewsStopSeriesPayload = z.infer<typeof reviewsStopSeriesSchema>;

export const reviewsReassignSchema = z
  .strictObject({ ...campaignRef, from: accountId, to: accountId })
  .refine((p) => p.from !== p.to, { message: fieldMessage('fields.chooseSomeoneElse'), path: ['to'] });
export type ReviewsReassignPayload = z.infer<typeof reviewsReassignSchema>;
export interface ReviewsReassignView {
  /** Undecided items of `from` when asked; they move in the background. */
  pending: number;
}

export const reviewsItemsSchema = z.strictObject({
  ...campaignRef,
  reviewer: accountId.optional(),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type ReviewsItemsPayload = z.infer<typeof reviewsItemsSchema>;
export interface ReviewsItemsView {
  rows: ReportRowView[];
  cursor?: string;
}

export const reviewsExportCsvSchema = z.strictObject({ ...campaignRef, cursor: cursor.optional() });
export type ReviewsExportCsvPayload = z.infer<typeof reviewsExportCsvSchema>;

export const reviewsReapproveSchema = z.strictObject({
  accountId,
  grantKey: z.string().min(1).max(300),
  reason: z
    .string()
    .trim()
    .min(L.minReasonLength, fieldMessage('fields.atLeastCharacters', { min: L.minReasonLength }))
    .max(L.maxReasonLength),
});
export type ReviewsReapprovePayload = z.infer<typeof reviewsReapproveSchema>;

/** The report's columns, in order: one row per item. */
export const REVIEW_CSV_COLUMNS = [
  'campaign',
  'itemId',
  'accountId',
  'access',
  'grantKey',
  'source',
  'rule',
  'grantedBecause',
  'grantedAt',
  'lastActiveAtDecision',
  'reviewer',
  'assignedBecause',
  'decision',
  'decidedBy',
  'decidedAt',
  'reason',
  'outcome',
  'outcomeAt',
  'outcomeDetail',
] as const;

export const REVIEWS_CONTRACT = {
  'reviews.list': { payload: reviewsListSchema, response: returns<ReviewsListView>() },
  'reviews.create': { payload: reviewsCreateSchema, response: returns<CampaignView>() },
  'reviews.get': { payload: reviewsGetSchema, response: returns<ReviewsCampaignDetailView>() },
  'reviews.close': { payload: reviewsCloseSchema, response: returns<CampaignView>() },
  'reviews.stopSeries': { payload: reviewsStopSeriesSchema, response: returns<{ stopped: true }>() },
  'reviews.reassign': { payload: reviewsReassignSchema, response: returns<ReviewsReassignView>() },
  'reviews.items': { payload: reviewsItemsSchema, response: returns<ReviewsItemsView>() },
  /** The report as CSV, in chunks the page joins (as the audit export). */
  'reviews.exportCsv': { payload: reviewsExportCsvSchema, response: returns<CsvChunkView>() },
  'reviews.reapprove': { payload: reviewsReapproveSchema, response: returns<{ reapproved: boolean }>() },
} satisfies ContractSection;
