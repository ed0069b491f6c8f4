// Starting a campaign from a series (a site admin's definition): what the scope covers is fixed now (its parts,
// the rules' owners and names, the projects' leads, the licence groups of each product), then collecting is queued.
import { describeCampaign, nextStartAt } from '../../domain/reviews';
import { loadInactivityPolicy } from '../../storage/inactivity-policy-repository';
import { createCampaign, putSeries } from '../../storage/review-campaign-repository';
import type { Campaign, CampaignPart, CampaignSeries } from '../../storage/review-types';
import { listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import { auditId } from '../audit-ids';
import { catalogueFromRoles, withPolicyProducts } from '../inactivity/product-catalogue';
import type { RuntimeDeps } from '../runtime-deps';
import { recordReviewAudit } from './review-audit';
import { queueStep } from './review-steps';

async function partsOf(
  clients: ApiClients,
  series: CampaignSeries,
): Promise<{ parts: CampaignPart[]; projectLeads: Record<string, string | null> }> {
  const scope = series.definition.scope;
  switch (scope.kind) {
    case 'app-granted':
      return { parts: [{ kind: 'ledger' }], projectLeads: {} };
    case 'group-members':
      return {
        parts: scope.groups.map((g) => ({
          kind: 'group',
          groupId: g.groupId,
          groupName: g.groupName,
          product: null,
        })),
        projectLeads: {},
      };
    case 'project-roles': {
      const projectLeads: Record<string, string | null> = {};
      for (let i = 0; i < scope.projects.length; i += 50) {
        const ids = scope.projects.slice(i, i + 50).map((p) => p.projectId);
        const page = await clients.jira.projectsWithLeads(ids);
        for (const project of page.values) projectLeads[project.id] = project.lead?.accountId ?? null;
      }
      return {
        parts: scope.projects.map((p) => ({
          kind: 'project',
          projectId: p.projectId,
          projectKey: p.projectKey,
        })),
        projectLeads,
      };
    }
    case 'inactive-users': {
      // Every licence group of every product (Jira's application roles, plus products the inactivity policy
      // declares): a group licensing two products is reviewed once, under the first.
      const policy = await loadInactivityPolicy();
      const products = withPolicyProducts(
        catalogueFromRoles(await clients.jira.applicationRoles()),
        policy.state === 'ok' ? policy.policy : undefined,
      );
      const seen = new Set<string>();
      const parts: CampaignPart[] = [];
      for (const product of products)
        for (const group of product.licenceGroups) {
          if (seen.has(group.groupId)) continue;
          seen.add(group.groupId);
          parts.push({ kind: 'group', groupId: group.groupId, groupName: group.name, product: product.key });
        }
      return { parts, projectLeads: {} };
    }
  }
}

/** The id of a series' campaign that starts at `startAt`: deterministic, so a repeated start creates it once. */
export function campaignIdOf(seriesId: string, startAt: number): string {
  return auditId('review-campaign', seriesId, String(startAt)).slice(0, 64);
}

/**
 * Creates the series' campaign due at `startAt` (now, for a new series) and queues its collection; records on
 * the series when the next one starts. Undefined when that campaign exists already.
 */
export async function startCampaign(
  deps: RuntimeDeps,
  series: CampaignSeries,
  startAt: number,
  by: string,
): Promise<Campaign | undefined> {
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const rules = await listRules();
  const { parts, projectLeads } = await partsOf(clients, series);
  const now = deps.now();
  const campaign: Campaign = {
    id: campaignIdOf(series.id, startAt),
    seriesId: series.id,
    status: 'collecting',
    definition: series.definition,
    createdAt: now,
    createdBy: series.createdBy,
    openedAt: null,
    dueAt: null,
    closedAt: null,
    closedBy: null,
    purgeAt: null,
    items: 0,
    reviewers: 0,
    skipped: { appAccounts: 0, activityUnknown: 0 },
    remindersSent: 0,
    outcome: null,
    problem: null,
    updatedAt: now,
    version: 0,
    ruleOwners: Object.fromEntries(rules.filter((r) => r.owner).map((r) => [r.id, r.owner!])),
    ruleNames: Object.fromEntries(rules.map((r) => [r.id, r.name])),
    projectLeads,
    parts,
    progress: { part: 0, cursor: null, round: 0, updatedAt: now },
    notices: {},
  };
  if (!(await createCampaign(campaign))) return undefined;
  const next = series.active ? nextStartAt(startAt, series.definition.schedule) : null;
  await putSeries({ ...series, campaignIds: [...series.campaignIds, campaign.id], nextStartAt: next });
  await recordReviewAudit([
    {
      campaignId: campaign.id,
      fact: 'started',
      at: now,
      accountId: '',
      action: 'review-created',
      target: campaign.id,
      targetName: series.definition.name,
      reason: describeCampaign(series.definition),
      outcome: 'success',
      actor: by,
    },
  ]);
  await queueStep(deps, { kind: 'collect', campaignId: campaign.id, round: 0 });
  return campaign;
}
