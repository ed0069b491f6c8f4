// The hourly check of access reviews (a scheduled trigger): starts the next campaign of each repeating series,
// queues reminder rounds as they fall due, closes campaigns whose end came, resumes campaigns whose steps stalled
// (a lost message), and purges reports past the audit retention period. Every action is claimed, so two runs (or
// a run and an admin) never do one twice.
import { reminderRoundsDue } from '../../domain/reviews';
import {
  campaignsInStatus,
  getSeries,
  listSeries,
  updateCampaign,
} from '../../storage/review-campaign-repository';
import type { Campaign } from '../../storage/review-types';
import type { RuntimeDeps } from '../runtime-deps';
import { requestClose } from './close-campaign';
import { queueStep } from './review-steps';
import { REVIEW_TUNING, type ReviewTuning } from './review-tuning';
import { startCampaign } from './start-campaign';

export interface HourlyCheckResult {
  started: number;
  reminded: number;
  closed: number;
  resumed: number;
  purged: number;
}

/** A round number for a resumed step: unique per hour, so its claim is new while the lost one's stays taken. */
const resumeRound = (now: number) => 1_000_000 + Math.floor(now / 3_600_000);

async function resume(deps: RuntimeDeps, campaign: Campaign): Promise<boolean> {
  const now = deps.now();
  const round = resumeRound(now);
  switch (campaign.status) {
    case 'collecting': {
      if (campaign.progress.part >= campaign.parts.length) {
        await queueStep(deps, { kind: 'open', campaignId: campaign.id, round });
        return true;
      }
      // Collection checks the round it was queued for: move the campaign's round on with the new step.
      const moved = await updateCampaign(campaign.id, (c) =>
        c.progress.round === campaign.progress.round
          ? { ...c, progress: { ...c.progress, round, updatedAt: now }, updatedAt: now }
          : null,
      );
      if (moved) await queueStep(deps, { kind: 'collect', campaignId: campaign.id, round });
      return Boolean(moved);
    }
    case 'closing':
      await queueStep(deps, { kind: 'close', campaignId: campaign.id, round });
      return true;
    case 'acting':
      await queueStep(deps, { kind: 'act', campaignId: campaign.id, round });
      return true;
    default: {
      const unsent = Object.entries(campaign.notices).filter(([, r]) => !r.done);
      for (const [notice] of unsent)
        await queueStep(deps, { kind: 'notify', campaignId: campaign.id, notice, round });
      return unsent.length > 0;
    }
  }
}

export async function runHourlyCheck(
  deps: RuntimeDeps,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<HourlyCheckResult> {
  const result: HourlyCheckResult = { started: 0, reminded: 0, closed: 0, resumed: 0, purged: 0 };
  const now = deps.now();

  for (const summary of await listSeries()) {
    if (!summary.active || summary.nextStartAt === null || summary.nextStartAt > now) continue;
    const series = await getSeries(summary.id);
    if (!series?.active || series.nextStartAt === null || series.nextStartAt > now) continue;
    if (await startCampaign(deps, series, series.nextStartAt, 'app')) result.started++;
  }

  for (const campaign of await campaignsInStatus(['open'])) {
    if (campaign.dueAt !== null && campaign.dueAt <= now) {
      if (await requestClose(deps, campaign.id, 'schedule')) result.closed++;
      continue;
    }
    if (campaign.openedAt !== null && campaign.dueAt !== null) {
      const due = reminderRoundsDue(
        now,
        campaign.openedAt,
        campaign.dueAt,
        campaign.definition.remindEveryDays,
      );
      const notice = `reminder:${due}`;
      if (due > 0 && !campaign.notices[notice]) {
        const queued = await queueStep(deps, { kind: 'notify', campaignId: campaign.id, notice, round: 0 });
        if (queued !== 'already-queued') {
          result.reminded++;
          await updateCampaign(campaign.id, (c) => ({
            ...c,
            remindersSent: c.remindersSent + 1,
            updatedAt: now,
          }));
        }
      }
    }
  }

  for (const campaign of await campaignsInStatus(['collecting', 'closing', 'acting', 'open']))
    if (now - campaign.updatedAt >= tuning.stalledAfterMs && (await resume(deps, campaign))) result.resumed++;

  for (const campaign of await campaignsInStatus(['closed']))
    if (campaign.purgeAt !== null && campaign.purgeAt <= now) {
      await queueStep(deps, { kind: 'purge', campaignId: campaign.id, round: 0 });
      result.purged++;
    }
  return result;
}
