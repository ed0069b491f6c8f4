// The reviewer page's API (a Jira global page any signed-in user may open): the campaigns the caller reviews in,
// their own items with the evidence, and their decisions. Separate from the admin page's contract: its resolver
// lets non-admins in, and answers only about the caller's own items.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import { CAMPAIGN_LIMITS, type UndecidedPolicy } from '../../domain/reviews';
import type { CampaignStatus, LiveEvidenceView, ReviewItemRowView } from '../review-views';
import { returns, type ContractSection, type PayloadOfEndpoint, type ResponseOfEndpoint } from './endpoint';
import { cursor, empty, opaqueId } from './fields';

/** What a reviewer sees of a campaign: enough to decide, nothing about other reviewers. */
export interface ReviewerCampaignView {
  id: string;
  name: string;
  status: CampaignStatus;
  dueAt: number | null;
  closedAt: number | null;
  undecided: UndecidedPolicy;
  total: number;
  kept: number;
  removed: number;
  pending: number;
}

export const reviewerCampaignsSchema = empty;
export interface ReviewerCampaignsView {
  /** Newest first; open campaigns before closed ones. */
  campaigns: ReviewerCampaignView[];
}

export const REVIEW_ITEM_FILTERS = ['pending', 'keep', 'remove'] as const;
export const reviewerItemsSchema = z.strictObject({
  campaignId: opaqueId,
  decision: z.enum(REVIEW_ITEM_FILTERS).optional(),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export interface ReviewerItemsView {
  campaign: ReviewerCampaignView;
  items: ReviewItemRowView[];
  cursor?: string;
}

export const reviewerEvidenceSchema = z.strictObject({ itemId: opaqueId });

/** At most this many decisions per call (the page sends a page of items at a time). */
export const MAX_DECISIONS_PER_CALL = 100;
export const reviewerDecideSchema = z.strictObject({
  campaignId: opaqueId,
  decisions: z
    .array(
      z.strictObject({
        itemId: opaqueId,
        decision: z.enum(['keep', 'remove']),
        reason: z
          .string()
          .trim()
          .min(
            CAMPAIGN_LIMITS.minReasonLength,
            fieldMessage('fields.reasonTooShort', { min: CAMPAIGN_LIMITS.minReasonLength }),
          )
          .max(
            CAMPAIGN_LIMITS.maxReasonLength,
            fieldMessage('fields.reasonTooLong', { max: CAMPAIGN_LIMITS.maxReasonLength }),
          ),
      }),
    )
    .min(1, fieldMessage('fields.decideOne'))
    .max(MAX_DECISIONS_PER_CALL, fieldMessage('fields.tooManyDecisions', { max: MAX_DECISIONS_PER_CALL })),
});
export interface ReviewerDecideView {
  decided: ReviewItemRowView[];
  campaign: ReviewerCampaignView;
}

export const REVIEWER_CONTRACT = {
  'reviewer.campaigns': { payload: reviewerCampaignsSchema, response: returns<ReviewerCampaignsView>() },
  'reviewer.items': { payload: reviewerItemsSchema, response: returns<ReviewerItemsView>() },
  /** What the identity provider says now about one item's user (a few calls to Atlassian). */
  'reviewer.evidence': { payload: reviewerEvidenceSchema, response: returns<LiveEvidenceView>() },
  'reviewer.decide': { payload: reviewerDecideSchema, response: returns<ReviewerDecideView>() },
} satisfies ContractSection;
type ReviewerContract = typeof REVIEWER_CONTRACT;

export type ReviewerKey = Extract<keyof ReviewerContract, string>;
export const REVIEWER_KEYS = Object.keys(REVIEWER_CONTRACT) as ReviewerKey[];
export type ReviewerPayloadOf<K extends ReviewerKey> = PayloadOfEndpoint<ReviewerContract[K]>;
export type ReviewerResponseOf<K extends ReviewerKey> = ResponseOfEndpoint<ReviewerContract[K]>;
