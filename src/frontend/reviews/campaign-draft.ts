// The campaign form's draft: what the admin chose, turned into the definition the backend checks, and the
// problems the form can see before asking (the backend checks everything again, naming the same fields).
import {
  REVIEWERS_FOR_SCOPE,
  type CampaignDefinition,
  type ReviewerKind,
  type ScopeKind,
} from '../../domain/reviews';
import type { ReplyFieldError } from '../../shared/contract';
import type { Text } from '../../shared/i18n/text';

export type ScheduleChoice = 'once' | '30' | '90' | '180';

export interface DraftGroup {
  groupId: string;
  groupName: string;
  owners: string[];
}

export interface DraftProject {
  projectId: string;
  projectKey: string;
  projectName: string;
}

export interface CampaignDraft {
  name: string;
  scope: ScopeKind;
  inactiveDays: string;
  groups: DraftGroup[];
  projects: DraftProject[];
  reviewers: ReviewerKind;
  namedReviewers: string[];
  fallbackReviewer: string;
  schedule: ScheduleChoice;
  durationDays: string;
  remindEveryDays: string;
  undecided: 'keep' | 'remove';
  notifyIssueKey: string;
  removeHandGrants: boolean;
}

export function newCampaignDraft(me: string): CampaignDraft {
  return {
    name: '',
    scope: 'app-granted',
    inactiveDays: '90',
    groups: [],
    projects: [],
    reviewers: 'rule-owner',
    namedReviewers: [],
    fallbackReviewer: me,
    schedule: 'once',
    durationDays: '14',
    remindEveryDays: '5',
    undecided: 'keep',
    notifyIssueKey: '',
    removeHandGrants: false,
  };
}

/** A new scope keeps the reviewers when they fit it, else takes the first policy that does. */
export function withScope(draft: CampaignDraft, scope: ScopeKind): CampaignDraft {
  const allowed = REVIEWERS_FOR_SCOPE[scope];
  return { ...draft, scope, reviewers: allowed.includes(draft.reviewers) ? draft.reviewers : allowed[0]! };
}

export function withGroup(
  draft: CampaignDraft,
  group: { groupId: string; groupName: string },
): CampaignDraft {
  if (draft.groups.some((g) => g.groupId === group.groupId)) return draft;
  return { ...draft, groups: [...draft.groups, { ...group, owners: [] }] };
}

export function withoutGroup(draft: CampaignDraft, groupId: string): CampaignDraft {
  return { ...draft, groups: draft.groups.filter((g) => g.groupId !== groupId) };
}

export function withGroupOwners(draft: CampaignDraft, groupId: string, owners: string[]): CampaignDraft {
  return { ...draft, groups: draft.groups.map((g) => (g.groupId === groupId ? { ...g, owners } : g)) };
}

export function withProject(draft: CampaignDraft, project: DraftProject): CampaignDraft {
  if (draft.projects.some((p) => p.projectId === project.projectId)) return draft;
  return { ...draft, projects: [...draft.projects, project] };
}

export function withoutProject(draft: CampaignDraft, projectId: string): CampaignDraft {
  return { ...draft, projects: draft.projects.filter((p) => p.projectId !== projectId) };
}

function scopeOf(draft: CampaignDraft): CampaignDefinition['scope'] {
  switch (draft.scope) {
    case 'app-granted':
      return { kind: 'app-granted', ruleIds: [] };
    case 'group-members':
      return {
        kind: 'group-members',
        groups: draft.groups.map((g) => ({
          groupId: g.groupId,
          groupName: g.groupName,
          // Owners review only under the group-owners policy; other policies send none.
          owners: draft.reviewers === 'group-owners' ? g.owners : [],
        })),
      };
    case 'project-roles':
      return {
        kind: 'project-roles',
        projects: draft.projects.map((p) => ({ projectId: p.projectId, projectKey: p.projectKey })),
      };
    case 'inactive-users':
      return { kind: 'inactive-users', inactiveDays: Number(draft.inactiveDays) };
  }
}

function reviewersOf(draft: CampaignDraft): CampaignDefinition['reviewers'] {
  return draft.reviewers === 'named'
    ? { kind: 'named', accountIds: draft.namedReviewers }
    : { kind: draft.reviewers };
}

export function definitionOf(draft: CampaignDraft): CampaignDefinition {
  return {
    name: draft.name,
    scope: scopeOf(draft),
    reviewers: reviewersOf(draft),
    fallbackReviewer: draft.fallbackReviewer,
    schedule:
      draft.schedule === 'once'
        ? { kind: 'once' }
        : { kind: 'every', days: Number(draft.schedule) as 30 | 90 | 180 },
    durationDays: Number(draft.durationDays),
    remindEveryDays: Number(draft.remindEveryDays),
    undecided: draft.undecided,
    notifyIssueKey: draft.notifyIssueKey.trim() || null,
    removeHandGrants: draft.removeHandGrants,
  };
}

/**
 * What the form can tell before sending: the choices a scope or policy needs, with the backend's field paths
 * (in the viewer's words, as the backend says them in English), so an answer from either place lands under the
 * same field.
 */
export function draftProblems(draft: CampaignDraft, text: Text): ReplyFieldError[] {
  const problems: ReplyFieldError[] = [];
  if (draft.scope === 'group-members' && draft.groups.length === 0)
    problems.push({ field: 'scope.groups', message: text.t('reviews.form.problems.chooseGroup') });
  if (draft.scope === 'project-roles' && draft.projects.length === 0)
    problems.push({ field: 'scope.projects', message: text.t('reviews.form.problems.chooseProject') });
  if (draft.reviewers === 'named' && draft.namedReviewers.length === 0)
    problems.push({ field: 'reviewers.accountIds', message: text.t('reviews.form.problems.nameReviewer') });
  return problems;
}
