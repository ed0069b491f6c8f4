// An access review from start to end on the emulated site: a site admin creates it, rule owners are notified and
// decide their own items (and only theirs), the undecided are settled by the policy when it closes, removals go
// through provisioning's ledger and audit and stay removed, and the report is exported.
import { DAY_MS } from '../../../src/domain/reviews';
import type { AppHarness } from '../../support/app-harness';
import { asAdmin, call, failureOf } from '../admin/admin-setup';
import {
  asReviewer,
  auditOf,
  ledgerOf,
  noticesSent,
  openCampaign,
  startReviewEnv,
  valueOf,
  type ReviewEnv,
} from './reviews-setup';

let env: ReviewEnv;
let app: AppHarness;
afterEach(() => app.close());

async function setUp() {
  env = await startReviewEnv();
  app = env.app;
}

async function itemsOf(reviewer: string, campaignId: string) {
  return valueOf(await asReviewer(app, reviewer, 'reviewer.items', { campaignId })).items;
}

describe('an access review campaign, end to end', () => {
  it('notifies rule owners, lets each decide only their own items, settles the undecided by the policy, removes through the ledger and audit, and reports it', async () => {
    await setUp();
    const campaign = await openCampaign(env);
    const detail = await asAdmin(app, 'reviews.get', { campaignId: campaign.id });
    expect(detail.campaign).toMatchObject({ status: 'open', items: 3, reviewers: 2 });
    expect(detail.progress.map((p) => [p.reviewer, p.total, p.pending]).sort()).toEqual(
      [
        [env.salesOwner, 2, 2],
        [env.engineeringOwner, 1, 1],
      ].sort(),
    );

    // Start notices: one to each owner, by Jira notification on the chosen issue.
    const started = noticesSent(app);
    expect(started.map((n) => n.to).sort()).toEqual([env.salesOwner, env.engineeringOwner].sort());
    expect(started.find((n) => n.to === env.salesOwner)?.subject).toMatch(
      /Q3 access review.*2 items to review by/,
    );

    // The sales owner sees their campaign and their two items, with the evidence.
    const mine = valueOf(await asReviewer(app, env.salesOwner, 'reviewer.campaigns', {})).campaigns;
    expect(mine).toEqual([
      expect.objectContaining({ id: campaign.id, total: 2, pending: 2, undecided: 'remove' }),
    ]);
    const salesItems = await itemsOf(env.salesOwner, campaign.id);
    expect(salesItems.map((i) => i.accountId).sort()).toEqual([env.sam, env.sue].sort());
    for (const item of salesItems) {
      expect(item).toMatchObject({
        source: 'app',
        ruleId: 'sales',
        ruleName: 'Sales staff',
        reviewer: env.salesOwner,
      });
      expect(item.basis).toMatchObject({ department: 'Sales' });
      expect(item.grantedAt).toEqual(expect.any(Number));
    }
    const samItem = salesItems.find((i) => i.accountId === env.sam)!;
    const sueItem = salesItems.find((i) => i.accountId === env.sue)!;
    const evidence = valueOf(
      await asReviewer(app, env.salesOwner, 'reviewer.evidence', { itemId: sueItem.id }),
    );
    expect(evidence).toMatchObject({ itemId: sueItem.id, ruleStillMatches: true, stillHeld: true });
    expect(evidence.attributes).toMatchObject({ department: 'Sales' });

    // The engineering owner sees only Eve's item.
    const engineeringItems = await itemsOf(env.engineeringOwner, campaign.id);
    expect(engineeringItems.map((i) => i.accountId)).toEqual([env.eve]);

    // Deciding: keep Sam, remove Sue (bulk, with reasons). Eve is left undecided.
    const decided = valueOf(
      await asReviewer(app, env.salesOwner, 'reviewer.decide', {
        campaignId: campaign.id,
        decisions: [
          { itemId: samItem.id, decision: 'keep', reason: 'Still sells our products' },
          { itemId: sueItem.id, decision: 'remove', reason: 'Moved to Marketing last month' },
        ],
      }),
    );
    expect(decided.campaign).toMatchObject({ total: 2, kept: 1, removed: 1, pending: 0 });

    // Reminders go only to reviewers with undecided items.
    await app.advance(5 * DAY_MS + 60 * 60_000);
    await app.drain();
    const reminders = noticesSent(app).filter((n) => n.subject.startsWith('Reminder'));
    expect(reminders.map((n) => n.to)).toEqual([env.engineeringOwner]);

    // The end: the campaign closes on time, Eve's undecided item is removed by the policy, Sue's by decision.
    await app.advance(9 * DAY_MS + 60 * 60_000);
    await app.drain();
    const closed = await asAdmin(app, 'reviews.get', { campaignId: campaign.id });
    expect(closed.campaign).toMatchObject({
      status: 'closed',
      closedBy: 'schedule',
      outcome: { kept: 1, removed: 2, undecided: 1, failed: 0, leftForAdmin: 0, excluded: 0, alreadyGone: 0 },
    });
    expect(closed.campaign.purgeAt).toBe(closed.campaign.closedAt! + 180 * DAY_MS);
    expect(app.groupNamesOf(env.sam)).toContain('sales-team');
    expect(app.groupNamesOf(env.sue)).not.toContain('sales-team');
    expect(app.groupNamesOf(env.eve)).not.toContain('jira-developers');

    // Through provisioning's ledger: the removed grants stay as denials naming the review.
    const sueLedger = (await ledgerOf(app, env.sue)).find((r) => r.ruleId === 'sales');
    expect(sueLedger).toMatchObject({
      state: 'denied',
      review: { campaignId: campaign.id, decidedBy: env.salesOwner, reason: 'Moved to Marketing last month' },
    });
    const eveLedger = (await ledgerOf(app, env.eve)).find((r) => r.ruleId === 'engineering');
    expect(eveLedger).toMatchObject({ state: 'denied', review: { decidedBy: 'policy' } });

    // …and its audit: the removal as a group change with the review's reason, the decisions, the close.
    const sueAudit = await auditOf(app, { accountId: env.sue });
    expect(sueAudit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'review-decided',
          actor: env.salesOwner,
          reason: 'Remove: Moved to Marketing last month',
        }),
        expect.objectContaining({
          action: 'group-removed',
          outcome: 'success',
        }),
      ]),
    );
    expect(sueAudit.find((e) => e.action === 'group-removed')?.reason).toMatch(/Q3 access review/);
    expect(await auditOf(app, { action: 'review-closed' })).toHaveLength(1);

    // End notices to both reviewers and the creator.
    const ends = noticesSent(app).filter((n) => /has closed/.test(n.subject));
    expect(ends.map((n) => n.to).sort()).toEqual(
      [env.salesOwner, env.engineeringOwner, app.credentials.siteAdmin.accountId].sort(),
    );

    // The report: every item, decision, decider, time and reason.
    const chunk = await asAdmin(app, 'reviews.exportCsv', { campaignId: campaign.id });
    const lines = chunk.csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^campaign,itemId,accountId,access,/);
    const rowOf = (accountId: string) => lines.find((l) => l.includes(accountId))!;
    expect(rowOf(env.sam)).toMatch(/Keep,.*Still sells our products/);
    expect(rowOf(env.sue)).toMatch(
      new RegExp(`Remove,${env.salesOwner},.*Moved to Marketing last month,Removed`),
    );
    expect(rowOf(env.eve)).toMatch(/Removed: not decided by the end \(campaign removes undecided\),policy,/);

    // The next evaluation of everyone (a backfill) does not grant the removed access again: nothing changed in
    // the IdP…
    await asAdmin(app, 'jobs.startBackfill', {});
    await app.drain();
    expect(app.groupNamesOf(env.sue)).not.toContain('sales-team');
    // …until an admin re-approves it.
    const sueGrantKey = sueLedger!.grantKey;
    await asAdmin(app, 'reviews.reapprove', {
      accountId: env.sue,
      grantKey: sueGrantKey,
      reason: 'Back in Sales',
    });
    await app.drain();
    expect(app.groupNamesOf(env.sue)).toContain('sales-team');
  });
});

describe('who may see and decide review items', () => {
  it('refuses a reviewer reading or deciding another reviewer’s items, and anyone who reviews nothing, changing nothing', async () => {
    await setUp();
    const campaign = await openCampaign(env);
    const eveItem = (await itemsOf(env.engineeringOwner, campaign.id))[0]!;
    const samItem = (await itemsOf(env.salesOwner, campaign.id)).find((i) => i.accountId === env.sam)!;

    // The engineering owner, as attacker: deciding the sales owner's item, alone or hidden among their own.
    for (const decisions of [
      [{ itemId: samItem.id, decision: 'remove', reason: 'Taking over' }],
      [
        { itemId: eveItem.id, decision: 'keep', reason: 'Needed' },
        { itemId: samItem.id, decision: 'remove', reason: 'Taking over' },
      ],
    ]) {
      const reply = await asReviewer(app, env.engineeringOwner, 'reviewer.decide', {
        campaignId: campaign.id,
        decisions,
      });
      failureOf(reply, 'forbidden', /only items assigned to you/);
    }
    failureOf(
      await asReviewer(app, env.engineeringOwner, 'reviewer.evidence', { itemId: samItem.id }),
      'forbidden',
      /not one of your access review items/,
    );
    // An item that does not exist reads exactly like someone else's.
    const ghost = await asReviewer(app, env.engineeringOwner, 'reviewer.evidence', {
      itemId: 'no-such-item',
    });
    const foreign = await asReviewer(app, env.engineeringOwner, 'reviewer.evidence', { itemId: samItem.id });
    expect(ghost).toEqual(foreign);

    // Someone who reviews nothing: no campaigns, no items, no decisions.
    expect(valueOf(await asReviewer(app, env.outsider, 'reviewer.campaigns', {})).campaigns).toEqual([]);
    failureOf(
      await asReviewer(app, env.outsider, 'reviewer.items', { campaignId: campaign.id }),
      'forbidden',
    );
    failureOf(
      await asReviewer(app, env.outsider, 'reviewer.decide', {
        campaignId: campaign.id,
        decisions: [{ itemId: samItem.id, decision: 'remove', reason: 'Because I can' }],
      }),
      'forbidden',
    );
    // A reviewer's own page answers only with their own partition, whatever filter they send.
    for (const decision of ['pending', 'keep', 'remove'] as const) {
      const items = valueOf(
        await asReviewer(app, env.engineeringOwner, 'reviewer.items', { campaignId: campaign.id, decision }),
      ).items;
      expect(items.every((i) => i.reviewer === env.engineeringOwner)).toBe(true);
    }
    // The admin's campaign view is for site admins: a reviewer and a Jira administrator are refused.
    failureOf(await call(app, env.salesOwner, 'reviews.get', { campaignId: campaign.id }), 'forbidden');
    failureOf(
      await call(app, app.credentials.jiraAdmin.accountId, 'reviews.create', {
        definition: { ...closedDefinition(env) },
      }),
      'forbidden',
      /Only a site admin can run access reviews/,
    );

    // Nothing was decided by any of it.
    const detail = await asAdmin(app, 'reviews.get', { campaignId: campaign.id });
    expect(detail.progress.every((p) => p.kept === 0 && p.removed === 0)).toBe(true);
    expect(await auditOf(app, { action: 'review-decided' })).toEqual([]);
  });

  it('lets a site admin decide on a reviewer’s behalf, recorded as the decider, and reassign undecided items', async () => {
    await setUp();
    const campaign = await openCampaign(env);
    const eveItem = (await itemsOf(env.engineeringOwner, campaign.id))[0]!;
    const admin = app.credentials.siteAdmin.accountId;
    await asAdmin(app, 'reviews.reassign', {
      campaignId: campaign.id,
      from: env.salesOwner,
      to: env.outsider,
    });
    await app.drain();
    const moved = await itemsOf(env.outsider, campaign.id);
    expect(moved.map((i) => i.accountId).sort()).toEqual([env.sam, env.sue].sort());
    expect(moved.every((i) => i.reassignedFrom === env.salesOwner)).toBe(true);
    expect(await itemsOf(env.salesOwner, campaign.id)).toEqual([]);
    expect(
      noticesSent(app).filter((n) => n.to === env.outsider && /reassigned/.test(n.subject)),
    ).toHaveLength(1);

    const onBehalf = valueOf(
      await asReviewer(app, admin, 'reviewer.decide', {
        campaignId: campaign.id,
        decisions: [{ itemId: eveItem.id, decision: 'keep', reason: 'Confirmed with her manager' }],
      }),
    );
    expect(onBehalf.decided[0]).toMatchObject({
      decidedBy: admin,
      reviewer: env.engineeringOwner,
      decision: 'keep',
    });
    const audit = await auditOf(app, { action: 'review-decided' });
    expect(audit[0]?.reason).toBe(`Keep (on behalf of ${env.engineeringOwner}): Confirmed with her manager`);
  });

  it('refuses decisions without a reason, and after the campaign closed, naming why', async () => {
    await setUp();
    const campaign = await openCampaign(env, { undecided: 'keep' });
    const eveItem = (await itemsOf(env.engineeringOwner, campaign.id))[0]!;
    const noReason = await asReviewer(app, env.engineeringOwner, 'reviewer.decide', {
      campaignId: campaign.id,
      decisions: [{ itemId: eveItem.id, decision: 'remove', reason: ' ' }],
    });
    expect(failureOf(noReason, 'invalid').fields?.[0]?.field).toBe('decisions[0].reason');
    await asAdmin(app, 'reviews.close', { campaignId: campaign.id });
    await app.drain();
    const late = await asReviewer(app, env.engineeringOwner, 'reviewer.decide', {
      campaignId: campaign.id,
      decisions: [{ itemId: eveItem.id, decision: 'remove', reason: 'Too late now' }],
    });
    failureOf(late, 'conflict', /closed/);
    // Undecided items were kept by this campaign's policy: nobody lost access.
    const closed = await asAdmin(app, 'reviews.get', { campaignId: campaign.id });
    expect(closed.campaign).toMatchObject({
      status: 'closed',
      closedBy: app.credentials.siteAdmin.accountId,
    });
    expect(closed.campaign.outcome).toMatchObject({ kept: 3, removed: 0, undecided: 3 });
    expect(app.groupNamesOf(env.eve)).toContain('jira-developers');
  });
});

function closedDefinition(e: ReviewEnv) {
  return {
    name: 'Not allowed',
    scope: { kind: 'app-granted', ruleIds: [] },
    reviewers: { kind: 'rule-owner' },
    fallbackReviewer: e.app.credentials.siteAdmin.accountId,
    schedule: { kind: 'once' },
    durationDays: 14,
    remindEveryDays: 0,
    undecided: 'keep',
    notifyIssueKey: null,
    removeHandGrants: false,
  };
}
