// What a site admin defines for an access review: what is reviewed (scope), by whom, how often, for how long,
// the reminders, and what happens to items nobody decided. Cross-field rules live in `campaignProblems`.
import type { TextKey } from '../../shared/i18n/text';

/**
 * Which memberships a campaign puts in front of reviewers:
 * - `app-granted`: groups and project roles this app granted (its ledger), all or those of chosen rules;
 * - `group-members`: every member of chosen groups, each group with the people who own it;
 * - `project-roles`: every user holding a role in chosen Jira projects;
 * - `inactive-users`: product access (licence groups) of users not active in that product for N days.
 */
export type CampaignScope =
  | { readonly kind: 'app-granted'; readonly ruleIds: readonly string[] }
  | {
      readonly kind: 'group-members';
      readonly groups: ReadonlyArray<{
        readonly groupId: string;
        readonly groupName: string;
        readonly owners: readonly string[];
      }>;
    }
  | {
      readonly kind: 'project-roles';
      readonly projects: ReadonlyArray<{ readonly projectId: string; readonly projectKey: string }>;
    }
  | { readonly kind: 'inactive-users'; readonly inactiveDays: number };

export type ScopeKind = CampaignScope['kind'];

/**
 * Who reviews an item: the owner of the rule that granted it, the owners listed for its group, the lead of its
 * project, or named people (a user's items all go to one of them). Anyone it cannot name gets the fallback.
 */
export type ReviewerPolicy =
  | { readonly kind: 'rule-owner' }
  | { readonly kind: 'group-owners' }
  | { readonly kind: 'project-lead' }
  | { readonly kind: 'named'; readonly accountIds: readonly string[] };

export type ReviewerKind = ReviewerPolicy['kind'];

export const SCHEDULE_DAYS = [30, 90, 180] as const;
export type CampaignSchedule =
  { readonly kind: 'once' } | { readonly kind: 'every'; readonly days: (typeof SCHEDULE_DAYS)[number] };

/** What happens at the end to items nobody decided. */
export type UndecidedPolicy = 'keep' | 'remove';

export interface CampaignDefinition {
  readonly name: string;
  readonly scope: CampaignScope;
  readonly reviewers: ReviewerPolicy;
  /** Reviews what the policy names nobody for, and what would otherwise be someone's own access. */
  readonly fallbackReviewer: string;
  readonly schedule: CampaignSchedule;
  /** Days from the start until the campaign closes. */
  readonly durationDays: number;
  /** Days between reminders to reviewers with undecided items; 0 for none. */
  readonly remindEveryDays: number;
  readonly undecided: UndecidedPolicy;
  /**
   * The Jira issue notifications are sent about: Jira's notify API sends mail about an issue, so notices need
   * one every reviewer can see (e.g. an "Access review" ticket). Null: reviewers are not notified.
   */
  readonly notifyIssueKey: string | null;
  /**
   * Memberships this app did not grant (someone's hand grant): removed when a reviewer decides so (true), or
   * left for an admin to remove, listed in the report (false). The app never removes them unless told here.
   */
  readonly removeHandGrants: boolean;
}

export const CAMPAIGN_LIMITS = {
  maxNameLength: 100,
  minDurationDays: 1,
  maxDurationDays: 90,
  maxRemindEveryDays: 30,
  maxRules: 500,
  maxGroups: 50,
  maxOwnersPerGroup: 20,
  maxProjects: 50,
  maxNamedReviewers: 50,
  minInactiveDays: 1,
  maxInactiveDays: 3650,
  minReasonLength: 3,
  maxReasonLength: 500,
} as const;

/** Which reviewer policies make sense for each scope. */
export const REVIEWERS_FOR_SCOPE: Readonly<Record<ScopeKind, readonly ReviewerKind[]>> = {
  'app-granted': ['rule-owner', 'named'],
  'group-members': ['group-owners', 'named'],
  'project-roles': ['project-lead', 'named'],
  'inactive-users': ['rule-owner', 'named'],
};

export const SCOPE_LABELS: Readonly<Record<ScopeKind, string>> = {
  'app-granted': 'Access this app granted',
  'group-members': 'Members of groups',
  'project-roles': 'Project roles',
  'inactive-users': 'Access of inactive users',
};

export const REVIEWER_LABELS: Readonly<Record<ReviewerKind, string>> = {
  'rule-owner': "The rule's owner",
  'group-owners': "The group's owners",
  'project-lead': 'The project lead',
  named: 'Named people',
};

export interface CampaignProblem {
  /** Dotted path into the definition, e.g. `reviewers.kind`. */
  readonly field: string;
  /** In English, for logs and the API. */
  readonly message: string;
  /** The same sentence as a translation key with its values, for the page; absent where the page never asks. */
  readonly key?: TextKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** Rules that span fields (each field's own shape is the schema's job). */
export function campaignProblems(definition: CampaignDefinition): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const { scope, reviewers } = definition;
  if (!REVIEWERS_FOR_SCOPE[scope.kind].includes(reviewers.kind))
    problems.push({
      field: 'reviewers.kind',
      message: `${REVIEWER_LABELS[reviewers.kind]} cannot review ${SCOPE_LABELS[scope.kind].toLowerCase()}; choose ${REVIEWERS_FOR_SCOPE[
        scope.kind
      ]
        .map((k) => REVIEWER_LABELS[k].toLowerCase())
        .join(' or ')}`,
    });
  if (scope.kind === 'group-members') {
    const seen = new Set<string>();
    scope.groups.forEach((group, i) => {
      if (seen.has(group.groupId))
        problems.push({
          field: `scope.groups[${i}]`,
          message: 'This group is listed twice',
          key: 'fields.campaign.groupTwice',
        });
      seen.add(group.groupId);
      if (reviewers.kind === 'group-owners' && group.owners.length === 0)
        problems.push({
          field: `scope.groups[${i}].owners`,
          message: `Name at least one owner of ${group.groupName}, or its members go to the fallback reviewer`,
          key: 'fields.campaign.nameOwner',
          values: { group: group.groupName },
        });
    });
  }
  if (scope.kind === 'project-roles') {
    const seen = new Set<string>();
    scope.projects.forEach((project, i) => {
      if (seen.has(project.projectId))
        problems.push({
          field: `scope.projects[${i}]`,
          message: 'This project is listed twice',
          key: 'fields.campaign.projectTwice',
        });
      seen.add(project.projectId);
    });
  }
  if (definition.remindEveryDays >= definition.durationDays && definition.remindEveryDays > 0)
    problems.push({
      field: 'remindEveryDays',
      message: `Reminders every ${definition.remindEveryDays} days would never be sent in a campaign of ${definition.durationDays} days`,
      key: 'fields.campaign.remindersNeverSent',
      values: { remindEvery: definition.remindEveryDays, duration: definition.durationDays },
    });
  if (definition.schedule.kind === 'every' && definition.schedule.days <= definition.durationDays)
    problems.push({
      field: 'durationDays',
      message: `A campaign repeated every ${definition.schedule.days} days must end before the next starts`,
      key: 'fields.campaign.endBeforeNext',
      values: { days: definition.schedule.days },
    });
  return problems;
}

/** A short account of the definition for audit lines: `Access this app granted (2 rules), reviewed by ...`. */
export function describeCampaign(definition: CampaignDefinition): string {
  const scope = definition.scope;
  const what =
    scope.kind === 'app-granted'
      ? scope.ruleIds.length
        ? `${SCOPE_LABELS[scope.kind]} (${scope.ruleIds.length} rule${scope.ruleIds.length === 1 ? '' : 's'})`
        : `${SCOPE_LABELS[scope.kind]} (every rule)`
      : scope.kind === 'group-members'
        ? `${SCOPE_LABELS[scope.kind]}: ${scope.groups.map((g) => g.groupName).join(', ')}`
        : scope.kind === 'project-roles'
          ? `${SCOPE_LABELS[scope.kind]}: ${scope.projects.map((p) => p.projectKey).join(', ')}`
          : `${SCOPE_LABELS[scope.kind]} (${scope.inactiveDays} days)`;
  const when = definition.schedule.kind === 'once' ? 'once' : `every ${definition.schedule.days} days`;
  return `${what}; reviewed by ${REVIEWER_LABELS[definition.reviewers.kind].toLowerCase()}, ${when}, open ${definition.durationDays} days, undecided items ${definition.undecided === 'keep' ? 'kept' : 'removed'}`;
}
