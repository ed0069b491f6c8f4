// The Access reviews tab's use cases (site admins only, checked by the resolver): create a campaign, follow it
// (progress per reviewer), reassign, close early, stop a series, read and export the report, re-approve a grant
// a review removed. The work itself runs in the access-reviews queue (services/reviews).
import { randomUUID } from 'node:crypto';
import { describeGrant } from '../../domain/rules';
import { OUTCOME_LABELS, reportDecision, type CampaignDefinition } from '../../domain/reviews';
import type {
  CsvChunkView,
  Reply,
  ReviewsCampaignDetailView,
  ReviewsItemsPayload,
  ReviewsItemsView,
  ReviewsListView,
  ReviewsReapprovePayload,
  ReviewsReassignPayload,
  ReviewsReassignView,
} from '../../shared/contract';
import { REVIEW_CSV_COLUMNS } from '../../shared/contract';
import type { CampaignView, ReportRowView } from '../../shared/review-views';
import { appendAudit } from '../../storage/audit-repository';
import { deleteDenial, ledgerForAccount } from '../../storage/ledger-repository';
import {
  createSeries,
  getCampaign,
  getSeries,
  listCampaigns,
  putSeries,
} from '../../storage/review-campaign-repository';
import { itemsOfCampaign, itemsOfReviewer } from '../../storage/review-item-repository';
import { allTallies, getTally } from '../../storage/review-tally-repository';
import type { Campaign, ReviewItem } from '../../storage/review-types';
import { getRule } from '../../storage/rules-repository';
import { auditId } from '../audit-ids';
import { PROVISION_QUEUE, type ProvisionWork } from '../provisioning/provisioning-work';
import { campaignView, progressView } from '../reviews/campaign-views';
import { BY_POLICY, requestClose } from '../reviews/close-campaign';
import { queueStep } from '../reviews/review-steps';
import { startCampaign } from '../reviews/start-campaign';
import type { AdminContext } from './admin-context';
import { csvLine } from './csv';
import { fail, ok } from './reply';

/** Rows per CSV chunk, and the time a chunk leaves unused (as the audit export). */
const CSV_CHUNK_ROWS = 2_000;
const TIME_RESERVE_MS = 8_000;

async function viewOf(campaign: Campaign): Promise<CampaignView> {
  return campaignView(campaign, await getSeries(campaign.seriesId));
}

const notFound = <T>() =>
  fail<T>('not-found', 'No such access review; it may have been purged after the retention period.');

export async function createReviewCampaign(
  ctx: AdminContext,
  definition: CampaignDefinition,
): Promise<Reply<CampaignView>> {
  if (definition.scope.kind === 'app-granted') {
    const missing: string[] = [];
    for (const id of definition.scope.ruleIds) if (!(await getRule(id))) missing.push(id);
    if (missing.length)
      return fail('invalid', `No rule ${missing.join(', ')}: choose existing rules.`, [
        { field: 'definition.scope.ruleIds', message: `No rule ${missing.join(', ')}` },
      ]);
  }
  const now = ctx.deps.now();
  const series = {
    id: randomUUID(),
    definition,
    createdBy: ctx.accountId,
    createdAt: now,
    active: definition.schedule.kind === 'every',
    campaignIds: [],
    nextStartAt: null,
  };
  await createSeries(series);
  const campaign = await startCampaign(ctx.deps, series, now, ctx.accountId);
  if (!campaign) return fail('conflict', 'This campaign was started already.');
  return ok(await viewOf(campaign));
}

export async function listReviewCampaigns(p: {
  cursor?: string;
  limit?: number;
}): Promise<Reply<ReviewsListView>> {
  const page = await listCampaigns({ limit: p.limit ?? 20, ...(p.cursor ? { cursor: p.cursor } : {}) });
  const views = await Promise.all(page.campaigns.map(viewOf));
  return ok({ campaigns: views, ...(page.cursor ? { cursor: page.cursor } : {}) });
}

export async function getReviewCampaign(campaignId: string): Promise<Reply<ReviewsCampaignDetailView>> {
  const campaign = await getCampaign(campaignId);
  if (!campaign) return notFound();
  const progress = (await allTallies(campaign.id))
    .map(progressView)
    .sort((a, b) => b.pending - a.pending || a.reviewer.localeCompare(b.reviewer));
  return ok({ campaign: await viewOf(campaign), progress });
}

export async function closeReviewCampaign(
  ctx: AdminContext,
  campaignId: string,
): Promise<Reply<CampaignView>> {
  const campaign = await getCampaign(campaignId);
  if (!campaign) return notFound();
  const closing = await requestClose(ctx.deps, campaignId, ctx.accountId);
  if (!closing)
    return fail('conflict', `This access review is ${campaign.status}; only an open review can be closed.`);
  return ok(await viewOf(closing));
}

export async function stopReviewSeries(
  ctx: AdminContext,
  seriesId: string,
): Promise<Reply<{ stopped: true }>> {
  const series = await getSeries(seriesId);
  if (!series) return fail('not-found', 'No such access review series.');
  await putSeries({ ...series, active: false, nextStartAt: null });
  await appendAudit({
    id: auditId('review-series-stopped', seriesId),
    at: ctx.deps.now(),
    accountId: '',
    action: 'review-cancelled',
    target: seriesId,
    targetName: series.definition.name,
    ruleId: '',
    reason: 'No further campaigns of this series will start.',
    outcome: 'success',
    runId: '',
    actor: ctx.accountId,
  });
  return ok({ stopped: true });
}

export async function reassignReviewer(
  ctx: AdminContext,
  p: ReviewsReassignPayload,
): Promise<Reply<ReviewsReassignView>> {
  const campaign = await getCampaign(p.campaignId);
  if (!campaign) return notFound();
  if (campaign.status !== 'open')
    return fail(
      'conflict',
      `This access review is ${campaign.status}; only an open review's items can be reassigned.`,
    );
  const tally = await getTally(campaign.id, p.from);
  if (!tally) return fail('not-found', `${p.from} reviews nothing in this access review.`);
  const requestedAt = ctx.deps.now();
  await queueStep(ctx.deps, {
    kind: 'reassign',
    campaignId: campaign.id,
    from: p.from,
    to: p.to,
    by: ctx.accountId,
    requestedAt,
    round: 0,
  });
  return ok({ pending: tally.total - tally.kept - tally.removed });
}

function reportRow(campaign: Campaign, item: ReviewItem): ReportRowView {
  const { holder: _holder, leaseUntil: _lease, ...view } = item;
  const closed =
    campaign.status === 'closed' || campaign.status === 'acting' || campaign.status === 'closing';
  // An item the policy settled reads as undecided, with what the policy did to it.
  const decision = reportDecision(
    item.decidedBy === BY_POLICY ? 'pending' : item.decision,
    campaign.definition.undecided,
    closed,
  );
  return { item: view, decisionLabel: decision?.label ?? 'Not decided yet', decidedBy: item.decidedBy };
}

export async function reviewItems(p: ReviewsItemsPayload): Promise<Reply<ReviewsItemsView>> {
  const campaign = await getCampaign(p.campaignId);
  if (!campaign) return notFound();
  const options = { limit: p.limit ?? 50, ...(p.cursor ? { cursor: p.cursor } : {}) };
  const page = p.reviewer
    ? await itemsOfReviewer(campaign.id, p.reviewer, options)
    : await itemsOfCampaign(campaign.id, options);
  return ok({
    rows: page.items.map((item) => reportRow(campaign, item)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

function csvRow(campaign: Campaign, item: ReviewItem): string {
  const row = reportRow(campaign, item);
  const cells: Record<(typeof REVIEW_CSV_COLUMNS)[number], string> = {
    campaign: campaign.definition.name,
    itemId: item.id,
    accountId: item.accountId,
    access: describeGrant(item.grant),
    grantKey: item.grantKey,
    source: item.source === 'app' ? 'Granted by the app' : 'Granted outside the app',
    rule: item.ruleId ? `${item.ruleName ?? ''} (${item.ruleId})`.trim() : '',
    grantedBecause: item.basis ? JSON.stringify(item.basis) : '',
    grantedAt: iso(item.grantedAt),
    lastActiveAtDecision: iso(item.lastActiveAtDecision),
    reviewer: item.reviewer,
    assignedBecause: item.assignedWhy,
    decision: row.decisionLabel,
    decidedBy: item.decidedBy ?? '',
    decidedAt: iso(item.decidedAt),
    reason: item.reason,
    outcome: item.outcome ? OUTCOME_LABELS[item.outcome] : '',
    outcomeAt: iso(item.outcomeAt),
    outcomeDetail: item.outcomeDetail,
  };
  return csvLine(REVIEW_CSV_COLUMNS.map((c) => cells[c]));
}

export async function exportReviewCsv(
  ctx: AdminContext,
  p: { campaignId: string; cursor?: string },
): Promise<Reply<CsvChunkView>> {
  const campaign = await getCampaign(p.campaignId);
  if (!campaign) return notFound();
  let csv = p.cursor ? '' : csvLine(REVIEW_CSV_COLUMNS);
  let rows = 0;
  let cursor = p.cursor;
  do {
    const page = await itemsOfCampaign(campaign.id, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      csv += csvRow(campaign, item);
      rows++;
    }
    cursor = page.cursor;
  } while (cursor && rows + 100 <= CSV_CHUNK_ROWS && ctx.deps.remainingMs() > TIME_RESERVE_MS);
  return ok({ csv, rows, ...(cursor ? { cursor } : {}) });
}

/**
 * An admin lets a grant a review removed be granted again: the denial is deleted (audited), and the next
 * evaluation of the user grants it if a rule still matches.
 */
export async function reapproveGrant(
  ctx: AdminContext,
  p: ReviewsReapprovePayload,
): Promise<Reply<{ reapproved: boolean }>> {
  const row = (await ledgerForAccount(p.accountId)).find((r) => r.grantKey === p.grantKey);
  if (row?.state !== 'denied')
    return fail('not-found', 'No access review removal of this access for this user.');
  if (!(await deleteDenial(row)))
    return fail('conflict', 'The removal changed meanwhile; reload and try again.');
  await appendAudit({
    id: auditId('review-reapproved', p.accountId, p.grantKey, ctx.deps.now()),
    at: ctx.deps.now(),
    accountId: p.accountId,
    action: 'review-reapproved',
    target: p.grantKey,
    targetName: describeGrant(row.grant),
    ruleId: row.ruleId,
    reason: `Re-approved after access review "${row.review?.campaignName ?? ''}": ${p.reason}`,
    outcome: 'success',
    runId: '',
    actor: ctx.accountId,
  });
  // Evaluated now rather than at the next daily pass: granted again at once if a rule still matches.
  const work: ProvisionWork = {
    accountIds: [p.accountId],
    source: 'review',
    runId: `review-reapproved:${auditId(p.accountId, p.grantKey)}`,
    attempt: 0,
    released: false,
  };
  await ctx.deps.enqueue(PROVISION_QUEUE, [{ body: { ...work } }]);
  return ok({ reapproved: true });
}
