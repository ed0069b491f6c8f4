// What one step of a campaign needs, loaded once per invocation: the campaign, settings and API clients.
import { getCampaign, updateCampaign } from '../../storage/review-campaign-repository';
import type { Campaign, CampaignProgress, CampaignStatus } from '../../storage/review-types';
import { loadSettings } from '../../storage/settings-repository';
import type { AppSettings } from '../../shared/settings';
import { buildApiClients, type ApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { REVIEW_TUNING, type ReviewTuning } from './review-tuning';

export interface ReviewContext {
  readonly deps: RuntimeDeps;
  readonly campaign: Campaign;
  readonly settings: AppSettings;
  readonly clients: ApiClients;
  readonly tuning: ReviewTuning;
}

export async function loadReviewContext(
  deps: RuntimeDeps,
  campaignId: string,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<ReviewContext | undefined> {
  const [campaign, { settings }] = await Promise.all([getCampaign(campaignId), loadSettings()]);
  if (!campaign) return undefined;
  const clients = await buildApiClients(deps, settings);
  return { deps, campaign, settings, clients, tuning };
}

/**
 * The context of a step that may run only while its campaign is in `phase`; otherwise the note saying why the
 * step does nothing (the campaign is gone, or moved on: a duplicate or late delivery).
 */
export async function loadContextInPhase(
  deps: RuntimeDeps,
  campaignId: string,
  phase: CampaignStatus,
  step: string,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<ReviewContext | { readonly note: string }> {
  const ctx = await loadReviewContext(deps, campaignId, tuning);
  if (!ctx) return { note: `campaign ${campaignId} not found` };
  if (ctx.campaign.status !== phase) return { note: `campaign is ${ctx.campaign.status}: ${step} ignored` };
  return ctx;
}

/** True while the invocation has time for more work of a step. */
export function hasTime(ctx: Pick<ReviewContext, 'deps' | 'tuning'>): boolean {
  return ctx.deps.remainingMs() > ctx.tuning.deadlineMarginMs;
}

/**
 * Moves a phase on from where this step found it. Null when another delivery moved it first (this one's work was
 * a duplicate of that one's, and it stops).
 */
export async function advance(
  ctx: ReviewContext,
  from: Pick<CampaignProgress, 'part' | 'cursor' | 'round'>,
  change: (campaign: Campaign) => Campaign,
): Promise<Campaign | undefined> {
  return updateCampaign(ctx.campaign.id, (c) =>
    c.progress.part === from.part && c.progress.cursor === from.cursor && c.progress.round === from.round
      ? { ...change(c), updatedAt: ctx.deps.now() }
      : null,
  );
}

/** A campaign's status moves from one to another only if nobody moved it first; the result, or undefined. */
export async function moveStatus(
  deps: RuntimeDeps,
  campaignId: string,
  from: readonly Campaign['status'][],
  change: (campaign: Campaign) => Campaign,
): Promise<Campaign | undefined> {
  const now = deps.now();
  return updateCampaign(campaignId, (c) =>
    from.includes(c.status)
      ? {
          ...change({
            ...c,
            progress: { part: 0, cursor: null, round: 0, updatedAt: now },
          }),
          updatedAt: now,
        }
      : null,
  );
}
