// Collecting a campaign: the memberships its scope covers, page by page (the app's ledger, a group's members, a
// project's role actors), each given its reviewer and stored as an item, with what the app knows about it. Pages
// run until the step's time or its share of the Jira budget is spent; the next step continues where it stopped.
import { assignReviewer, DAY_MS, type AssignmentContext, type ItemFacts } from '../../domain/reviews';
import { grantKey, type Grant } from '../../domain/rules';
import { getActivity } from '../../storage/inactivity-user-repository';
import { ledgerKey, ledgerRows, ledgerRowsInState, type LedgerRow } from '../../storage/ledger-repository';
import { createItems } from '../../storage/review-item-repository';
import type { Campaign, CampaignPart, ReviewItem } from '../../storage/review-types';
import { auditId } from '../audit-ids';
import type { RuntimeDeps } from '../runtime-deps';
import { advance, hasTime, loadReviewContext, type ReviewContext } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { pacingSeconds, REVIEW_TUNING, STORAGE_PACING_SECONDS, type ReviewTuning } from './review-tuning';

export interface StepOutcome {
  readonly note: string;
}

/** Item ids are derived, so a page collected twice creates each item once. */
export function reviewItemId(campaignId: string, accountId: string, key: string): string {
  return auditId('review-item', campaignId, accountId, key);
}

interface Member {
  readonly accountId: string;
  readonly grant: Grant;
  readonly ledger?: LedgerRow | undefined;
  readonly product?: string | null;
  readonly lastActiveAt?: number | null;
}

interface PageRead {
  members: Member[];
  /** Where the part continues; null when it is done. */
  next: string | null;
  jiraCalls: number;
  skipped: { appAccounts: number; activityUnknown: number };
}

function assignmentContext(campaign: Campaign): AssignmentContext {
  return {
    ruleOwners: new Map(Object.entries(campaign.ruleOwners)),
    projectLeads: new Map(Object.entries(campaign.projectLeads)),
    createdBy: campaign.createdBy,
  };
}

function itemOf(campaign: Campaign, member: Member, ctx: AssignmentContext, now: number): ReviewItem {
  const key = grantKey(member.grant);
  const row = member.ledger?.state === 'granted' ? member.ledger : undefined;
  const facts: ItemFacts = {
    accountId: member.accountId,
    grantKey: key,
    ruleId: row ? row.ruleId : null,
    ...(member.grant.kind === 'group'
      ? { groupId: member.grant.groupId }
      : { projectId: member.grant.projectId }),
  };
  const assignment = assignReviewer(campaign.definition, facts, ctx);
  return {
    id: reviewItemId(campaign.id, member.accountId, key),
    campaignId: campaign.id,
    reviewer: assignment.reviewer,
    accountId: member.accountId,
    grantKey: key,
    grant: member.grant,
    source: row ? 'app' : 'hand',
    ruleId: row?.ruleId ?? null,
    ruleName: row ? (campaign.ruleNames[row.ruleId] ?? null) : null,
    basis: row?.basis ?? null,
    grantedAt: row && row.grantedAt > 0 ? row.grantedAt : null,
    product: member.product ?? null,
    assignedBecause: assignment.basis,
    assignedWhy: assignment.why,
    decision: 'pending',
    stage: 'review',
    reason: '',
    decidedAt: null,
    decidedBy: null,
    lastActiveAtDecision: member.lastActiveAt ?? null,
    outcome: null,
    outcomeAt: null,
    outcomeDetail: '',
    createdAt: now,
    reassignedFrom: null,
    holder: '',
    leaseUntil: 0,
  };
}

async function readLedger(ctx: ReviewContext, cursor: string | null): Promise<PageRead> {
  const scope = ctx.campaign.definition.scope;
  const rules = scope.kind === 'app-granted' && scope.ruleIds.length ? new Set(scope.ruleIds) : undefined;
  const page = await ledgerRowsInState('granted', {
    limit: ctx.tuning.ledgerPageSize,
    ...(cursor ? { cursor } : {}),
  });
  return {
    members: page.rows
      .filter((row) => !rules || rules.has(row.ruleId))
      .map((row) => ({ accountId: row.accountId, grant: row.grant, ledger: row })),
    next: page.cursor ?? null,
    jiraCalls: 0,
    skipped: { appAccounts: 0, activityUnknown: 0 },
  };
}

/** Jira's members of a group: people only (app accounts hold no licence worth certifying). */
async function readGroup(
  ctx: ReviewContext,
  part: Extract<CampaignPart, { kind: 'group' }>,
  cursor: string | null,
): Promise<PageRead> {
  const startAt = cursor ? Number(cursor) : 0;
  const page = await ctx.clients.jira.groupMembers(part.groupId, startAt, ctx.tuning.jiraPageSize);
  const people = page.values.filter((u) => u.accountType === undefined || u.accountType === 'atlassian');
  const grant: Grant = { kind: 'group', groupId: part.groupId, groupName: part.groupName };
  const rows = await ledgerRows(people.map((u) => ({ accountId: u.accountId, grantKey: grantKey(grant) })));
  let members: Member[] = people.map((u) => ({
    accountId: u.accountId,
    grant,
    ledger: rows.get(ledgerKey(u.accountId, grantKey(grant))),
    product: part.product,
  }));
  let activityUnknown = 0;
  const scope = ctx.campaign.definition.scope;
  if (scope.kind === 'inactive-users' && part.product) {
    // Last activity as the inactivity sweep last read it from the Admin API; users it never read are left out
    // and counted, so the admin knows to run the sweep first.
    const product = part.product;
    const activity = await getActivity(members.map((m) => m.accountId));
    const cutoff = ctx.deps.now() - scope.inactiveDays * DAY_MS;
    const kept: Member[] = [];
    for (const member of members) {
      const known = activity.get(member.accountId);
      if (!known) {
        activityUnknown++;
        continue;
      }
      const last = known.lastActiveOnSite[product] ?? null;
      if (last === null ? (known.addedToOrgAt ?? 0) < cutoff : last < cutoff)
        kept.push({ ...member, lastActiveAt: last });
    }
    members = kept;
  }
  const next = startAt + page.values.length;
  return {
    members,
    next: page.isLast || page.values.length === 0 ? null : String(next),
    jiraCalls: 1,
    skipped: { appAccounts: page.values.length - people.length, activityUnknown },
  };
}

/** Every user actor of every role of one project (group actors are group memberships, reviewed as groups). */
async function readProject(
  ctx: ReviewContext,
  part: Extract<CampaignPart, { kind: 'project' }>,
): Promise<PageRead> {
  const roles = await ctx.clients.jira.projectRoles(part.projectId);
  let jiraCalls = 1;
  const members: Member[] = [];
  for (const url of Object.values(roles)) {
    const roleId = /\/role\/(\d+)$/.exec(url)?.[1];
    if (!roleId) continue;
    const role = await ctx.clients.jira.projectRole(part.projectId, roleId);
    jiraCalls++;
    const grant: Grant = {
      kind: 'projectRole',
      projectId: part.projectId,
      projectKey: part.projectKey,
      roleId,
      roleName: role.name,
    };
    for (const actor of role.actors ?? [])
      if (actor.actorUser?.accountId) members.push({ accountId: actor.actorUser.accountId, grant });
  }
  const rows = await ledgerRows(
    members.map((m) => ({ accountId: m.accountId, grantKey: grantKey(m.grant) })),
  );
  return {
    members: members.map((m) => ({ ...m, ledger: rows.get(ledgerKey(m.accountId, grantKey(m.grant))) })),
    next: null,
    jiraCalls,
    skipped: { appAccounts: 0, activityUnknown: 0 },
  };
}

function readPart(ctx: ReviewContext, part: CampaignPart, cursor: string | null): Promise<PageRead> {
  switch (part.kind) {
    case 'ledger':
      return readLedger(ctx, cursor);
    case 'group':
      return readGroup(ctx, part, cursor);
    case 'project':
      return readProject(ctx, part);
  }
}

export async function collectStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'collect' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadReviewContext(deps, step.campaignId, tuning);
  if (!ctx) return { note: `campaign ${step.campaignId} not found` };
  let campaign = ctx.campaign;
  if (campaign.status !== 'collecting') return { note: `campaign is ${campaign.status}: collect ignored` };
  if (campaign.progress.round !== step.round) return { note: 'collect: an earlier delivery moved on' };
  const assign = assignmentContext(campaign);
  let jiraCalls = 0;
  let created = 0;
  let members = 0;
  while (campaign.progress.part < campaign.parts.length && hasTime(ctx)) {
    if (jiraCalls >= tuning.jiraCallsPerMinute || members >= tuning.collectMembersPerStep) break;
    const from = campaign.progress;
    const part = campaign.parts[from.part]!;
    const page = await readPart(ctx, part, from.cursor);
    jiraCalls += page.jiraCalls;
    members += page.members.length;
    const now = deps.now();
    created += await createItems(page.members.map((m) => itemOf(campaign, m, assign, now)));
    const moved = await advance({ ...ctx, campaign }, from, (c) => ({
      ...c,
      skipped: {
        appAccounts: c.skipped.appAccounts + page.skipped.appAccounts,
        activityUnknown: c.skipped.activityUnknown + page.skipped.activityUnknown,
      },
      progress: {
        ...c.progress,
        part: page.next === null ? from.part + 1 : from.part,
        cursor: page.next,
        updatedAt: now,
      },
    }));
    if (!moved) return { note: 'collect: another delivery collected this page' };
    campaign = moved;
  }
  const done = campaign.progress.part >= campaign.parts.length;
  const from = campaign.progress;
  const next = await advance({ ...ctx, campaign }, from, (c) => ({
    ...c,
    progress: { ...c.progress, round: from.round + 1, updatedAt: deps.now() },
  }));
  if (!next) return { note: 'collect: another delivery moved on' };
  if (done) {
    await queueStep(deps, { kind: 'open', campaignId: campaign.id, round: 0 }, { chain });
    return { note: `collected: ${created} items this step; opening` };
  }
  await queueStep(
    deps,
    { kind: 'collect', campaignId: campaign.id, round: from.round + 1 },
    {
      chain,
      delaySeconds: Math.max(
        pacingSeconds(jiraCalls, tuning),
        members >= tuning.collectMembersPerStep ? STORAGE_PACING_SECONDS : 0,
      ),
    },
  );
  return {
    note: `collected ${created} items (part ${campaign.progress.part + 1} of ${campaign.parts.length})`,
  };
}
