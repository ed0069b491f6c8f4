// What an admin saves: rules with conditions and grants, exclusive group sets, limits and ledger keys.

import { type Dialect } from './syntax-tree';

/** A site group, by id (names change; ids do not), with its name for display and for `user.groups` rules. */
export interface GroupGrant {
  kind: 'group';
  groupId: string;
  groupName: string;
}

/** A Jira project role, by project and role id, with key and names for display. */
export interface ProjectRoleGrant {
  kind: 'projectRole';
  projectId: string;
  projectKey: string;
  roleId: string;
  roleName: string;
}

export type Grant = GroupGrant | ProjectRoleGrant;

export interface RuleCondition {
  text: string;
  dialect: Dialect;
}

/** What happens to a rule's earlier grants when a user stops matching it. */
export type OnUnmatch = 'keep' | 'revoke';

export interface Rule {
  id: string;
  name: string;
  description: string;
  /** Disabled rules grant nothing, and what they granted earlier is kept (disabling pauses, it does not revoke). */
  enabled: boolean;
  /** Lower number = higher priority (0 is the highest); ties are broken by id. */
  priority: number;
  condition: RuleCondition;
  grants: Grant[];
  onUnmatch: OnUnmatch;
  /**
   * The person answerable for the access this rule grants (an Atlassian account id): the reviewer of its grants
   * in access reviews that ask rule owners. Absent when nobody was named.
   */
  owner?: string;
}

/**
 * Groups of which a user may hold at most one through this app (e.g. licence tiers). Declared once for the rule
 * set, not per rule: when several matching rules grant groups of one set, only the group from the
 * highest-priority rule is granted (the first such grant in that rule), and any other group of the set the app
 * granted earlier is removed whatever its rule's onUnmatch says. A group belongs to at most one set.
 */
export interface ExclusiveSet {
  id: string;
  name: string;
  groupIds: string[];
}

export const RULE_LIMITS = {
  maxRules: 500,
  maxGrantsPerRule: 50,
  maxIdLength: 64,
  maxNameLength: 100,
  maxDescriptionLength: 1000,
  maxGroupNameLength: 255,
  minPriority: 0,
  maxPriority: 1_000_000,
  maxExclusiveSets: 50,
  maxGroupsPerExclusiveSet: 50,
} as const;

/** An Atlassian account id (a rule's owner). */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9:_-]{1,128}$/;

/** Ids of rules, sets, groups, projects and roles: no ":" so grant keys stay unambiguous. */
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

/** The stable key of a grant, used as the ledger key: `group:<groupId>` or `role:<projectId>:<roleId>`. */
export function grantKey(grant: Grant): string {
  return grant.kind === 'group' ? `group:${grant.groupId}` : `role:${grant.projectId}:${grant.roleId}`;
}

export type GrantRef =
  { kind: 'group'; groupId: string } | { kind: 'projectRole'; projectId: string; roleId: string };

/** The ids inside a grant key, or null if it is not one. */
export function parseGrantKey(key: string): GrantRef | null {
  const parts = key.split(':');
  if (parts[0] === 'group' && parts.length === 2 && parts[1]) return { kind: 'group', groupId: parts[1] };
  if (parts[0] === 'role' && parts.length === 3 && parts[1] && parts[2]) {
    return { kind: 'projectRole', projectId: parts[1], roleId: parts[2] };
  }
  return null;
}

/** Priority order: lower priority number first, then id (by code unit, so it never depends on locale). */
export function compareRules(a: Pick<Rule, 'priority' | 'id'>, b: Pick<Rule, 'priority' | 'id'>): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A human description of a grant for reasons and audit lines. */
export function describeGrant(grant: Grant): string {
  return grant.kind === 'group'
    ? `group "${grant.groupName}"`
    : `role "${grant.roleName}" in project ${grant.projectKey || grant.projectId}`;
}
