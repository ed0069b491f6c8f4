// Access reviews, pure: cross-field rules, reviewer assignment (never oneself), decisions and counts, time.
import {
  assignReviewer,
  campaignProblems,
  countsAfter,
  describeCampaign,
  dueAtOf,
  DAY_MS,
  nextStartAt,
  pendingOf,
  reasonProblem,
  reminderRoundsDue,
  reportDecision,
  stageFor,
  type AssignmentContext,
  type CampaignDefinition,
} from './index';

const base: CampaignDefinition = {
  name: 'Quarterly',
  scope: { kind: 'app-granted', ruleIds: [] },
  reviewers: { kind: 'rule-owner' },
  fallbackReviewer: 'fallback',
  schedule: { kind: 'once' },
  durationDays: 14,
  remindEveryDays: 3,
  undecided: 'keep',
  notifyIssueKey: 'OPS-1',
  removeHandGrants: false,
};
const ctx: AssignmentContext = {
  ruleOwners: new Map([
    ['r1', 'owner-1'],
    ['r2', 'subject'],
  ]),
  projectLeads: new Map([
    ['10000', 'lead'],
    ['10001', null],
  ]),
  createdBy: 'creator',
};

describe('campaign definitions', () => {
  it('accepts reviewer policies that fit the scope and names the field of one that does not', () => {
    expect(campaignProblems(base)).toEqual([]);
    expect(campaignProblems({ ...base, reviewers: { kind: 'project-lead' } })).toEqual([
      {
        field: 'reviewers.kind',
        message:
          "The project lead cannot review access this app granted; choose the rule's owner or named people",
      },
    ]);
  });

  it('names groups listed twice or without owners, reminders that never come, and repeats that overlap', () => {
    const problems = campaignProblems({
      ...base,
      scope: {
        kind: 'group-members',
        groups: [
          { groupId: 'g1', groupName: 'sales', owners: ['o'] },
          { groupId: 'g1', groupName: 'sales', owners: [] },
        ],
      },
      reviewers: { kind: 'group-owners' },
      remindEveryDays: 30,
      schedule: { kind: 'every', days: 30 },
      durationDays: 30,
    });
    expect(problems.map((p) => p.field)).toEqual([
      'scope.groups[1]',
      'scope.groups[1].owners',
      'remindEveryDays',
      'durationDays',
    ]);
  });

  it('describes itself in one line for the audit log', () => {
    expect(describeCampaign(base)).toBe(
      "Access this app granted (every rule); reviewed by the rule's owner, once, open 14 days, undecided items kept",
    );
  });
});

describe('who reviews an item', () => {
  const item = { accountId: 'someone', grantKey: 'group:g', ruleId: 'r1', groupId: 'g' };

  it('gives app grants to the rule owner, and to the fallback when the rule has none or the app did not grant it', () => {
    expect(assignReviewer(base, item, ctx)).toMatchObject({ reviewer: 'owner-1', basis: 'rule-owner' });
    expect(assignReviewer(base, { ...item, ruleId: 'r9' }, ctx)).toMatchObject({
      reviewer: 'fallback',
      why: 'Fallback reviewer: rule r9 has no owner',
    });
    expect(assignReviewer(base, { ...item, ruleId: null }, ctx).basis).toBe('fallback-no-owner');
  });

  it('never lets anyone review their own access: the fallback, then the creator, take it', () => {
    expect(assignReviewer(base, { ...item, accountId: 'subject', ruleId: 'r2' }, ctx)).toMatchObject({
      reviewer: 'fallback',
      basis: 'fallback-self-review',
    });
    expect(assignReviewer(base, { ...item, accountId: 'fallback', ruleId: 'r9' }, ctx)).toMatchObject({
      reviewer: 'creator',
      basis: 'creator-self-review',
    });
  });

  it('spreads a user’s items over named people or group owners, the same person for every item of one user', () => {
    const named: CampaignDefinition = { ...base, reviewers: { kind: 'named', accountIds: ['a', 'b', 'c'] } };
    const byUser = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      const first = assignReviewer(named, { ...item, accountId: `u${i}` }, ctx).reviewer;
      const second = assignReviewer(
        named,
        { ...item, accountId: `u${i}`, grantKey: 'group:h' },
        ctx,
      ).reviewer;
      expect(second).toBe(first);
      byUser.set(`u${i}`, first);
    }
    expect(new Set(byUser.values())).toEqual(new Set(['a', 'b', 'c']));
    // A named reviewer's own items go to another named reviewer.
    expect(assignReviewer(named, { ...item, accountId: 'a' }, ctx).reviewer).not.toBe('a');
  });

  it('gives project roles to the project lead, and a project without one to the fallback', () => {
    const roles: CampaignDefinition = {
      ...base,
      scope: { kind: 'project-roles', projects: [{ projectId: '10000', projectKey: 'ENG' }] },
      reviewers: { kind: 'project-lead' },
    };
    expect(assignReviewer(roles, { ...item, projectId: '10000' }, ctx).reviewer).toBe('lead');
    expect(assignReviewer(roles, { ...item, projectId: '10001' }, ctx).reviewer).toBe('fallback');
  });
});

describe('decisions', () => {
  it('needs a reason of a few words at most 500 characters', () => {
    expect(reasonProblem('  ok ')).toBe('Give a reason of at least 3 characters');
    expect(reasonProblem('x'.repeat(501))).toBe('A reason is at most 500 characters');
    expect(reasonProblem('Still on the team')).toBeNull();
  });

  it('moves removals to be acted on, and reads undecided items by the policy only once closed', () => {
    expect([stageFor('remove'), stageFor('keep'), stageFor('pending')]).toEqual(['act', 'review', 'review']);
    expect(reportDecision('pending', 'remove', false)).toBeNull();
    expect(reportDecision('pending', 'remove', true)).toMatchObject({ decision: 'remove', byPolicy: true });
    expect(reportDecision('pending', 'keep', true)).toMatchObject({ decision: 'keep', byPolicy: true });
    expect(reportDecision('keep', 'remove', true)).toMatchObject({ decision: 'keep', byPolicy: false });
  });

  it('keeps per-reviewer counts that add up when decisions change', () => {
    let counts = { total: 3, kept: 0, removed: 0 };
    counts = countsAfter(counts, 'pending', 'keep');
    counts = countsAfter(counts, 'pending', 'remove');
    counts = countsAfter(counts, 'keep', 'remove');
    expect(counts).toEqual({ total: 3, kept: 0, removed: 2 });
    expect(pendingOf(counts)).toBe(1);
  });
});

describe('campaign time', () => {
  const opened = 1_000 * DAY_MS;
  const due = dueAtOf(opened, 14);

  it('is due after its duration, with reminder rounds every few days but none at or after the end', () => {
    expect(due - opened).toBe(14 * DAY_MS);
    expect(reminderRoundsDue(opened + DAY_MS, opened, due, 3)).toBe(0);
    expect(reminderRoundsDue(opened + 3 * DAY_MS, opened, due, 3)).toBe(1);
    expect(reminderRoundsDue(opened + 13 * DAY_MS, opened, due, 3)).toBe(4);
    expect(reminderRoundsDue(due + DAY_MS, opened, due, 7)).toBe(1);
    expect(reminderRoundsDue(opened + 10 * DAY_MS, opened, due, 0)).toBe(0);
  });

  it('starts a repeated campaign again after its interval, a one-off never', () => {
    expect(nextStartAt(opened, { kind: 'every', days: 90 })).toBe(opened + 90 * DAY_MS);
    expect(nextStartAt(opened, { kind: 'once' })).toBeNull();
  });
});
