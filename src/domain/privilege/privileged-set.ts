// Which groups and project roles are privileged, and why: decided from what the site reports (groups by access
// level, admin groups, permission schemes) plus the groups a site admin marked. Pure: the service gathers facts.
import { grantKey, type Grant } from '../rules';

/** Why a target is privileged; one target can have several reasons. */
export type PrivilegeReason =
  /** Jira lists the group with the site-admin access level: its members are site administrators. */
  | { kind: 'site-admin-group' }
  /** The group holds Jira's Administer Jira global permission (or more). */
  | { kind: 'jira-admin-group' }
  /** Confluence lists the group with the admin access level: its members administer Confluence. */
  | { kind: 'confluence-admin-group' }
  /** `site-admins` and `org-admins` carry the site and organization administrator roles, whatever Jira reports. */
  | { kind: 'admin-role-group'; name: string }
  /** A site admin marked the group privileged. */
  | { kind: 'marked'; by: string; at: number }
  /** The group or role holds Administer Projects in a project's permission scheme. */
  | { kind: 'administers-project'; projectKey: string };

export interface PrivilegedTarget {
  /** The grant key: `group:<groupId>` or `role:<projectId>:<roleId>`. */
  key: string;
  /** The group's name, or `role <id> in <project key>`. */
  name: string;
  reasons: PrivilegeReason[];
}

export interface GroupRef {
  groupId: string;
  name: string;
}

/** A group a site admin marked privileged. */
export interface PrivilegeMark extends GroupRef {
  by: string;
  at: number;
}

/** One project's permission scheme grants, as Jira lists them. */
export interface ProjectSchemeFacts {
  projectId: string;
  projectKey: string;
  grants: ReadonlyArray<{ permission: string; holder: { type: string; parameter?: string; value?: string } }>;
}

/** What the site reported, gathered by the service. */
export interface PrivilegeFacts {
  siteAdminGroups: readonly GroupRef[];
  jiraAdminGroups: readonly GroupRef[];
  confluenceAdminGroups: readonly GroupRef[];
  /** The groups named like the admin-role groups (`site-admins`, `org-admins`), resolved to ids. */
  adminRoleGroups: readonly GroupRef[];
  projects: readonly ProjectSchemeFacts[];
}

/** Group names that carry an Atlassian admin role on every site. */
export const ADMIN_ROLE_GROUP_NAMES = ['site-admins', 'org-admins'] as const;

/** The project permission that makes its holders project administrators. */
export const ADMINISTER_PROJECTS = 'ADMINISTER_PROJECTS';

/** The privileged targets, and which projects' schemes were read (role grants elsewhere are not yet known). */
export interface PrivilegedSet {
  targets: PrivilegedTarget[];
  scannedProjectIds: string[];
}

export function privilegedSetFrom(
  facts: PrivilegeFacts,
  marks: readonly PrivilegeMark[] = [],
): PrivilegedSet {
  const targets = new Map<string, PrivilegedTarget>();
  const add = (key: string, name: string, reason: PrivilegeReason) => {
    const target = targets.get(key) ?? { key, name, reasons: [] };
    if (!target.reasons.some((r) => JSON.stringify(r) === JSON.stringify(reason)))
      target.reasons.push(reason);
    targets.set(key, target);
  };
  for (const g of facts.siteAdminGroups) add(`group:${g.groupId}`, g.name, { kind: 'site-admin-group' });
  for (const g of facts.adminRoleGroups)
    if ((ADMIN_ROLE_GROUP_NAMES as readonly string[]).includes(g.name))
      add(`group:${g.groupId}`, g.name, { kind: 'admin-role-group', name: g.name });
  for (const g of facts.jiraAdminGroups) add(`group:${g.groupId}`, g.name, { kind: 'jira-admin-group' });
  for (const g of facts.confluenceAdminGroups)
    add(`group:${g.groupId}`, g.name, { kind: 'confluence-admin-group' });
  for (const project of facts.projects)
    for (const grant of project.grants) {
      if (grant.permission !== ADMINISTER_PROJECTS) continue;
      const reason: PrivilegeReason = { kind: 'administers-project', projectKey: project.projectKey };
      const { type, parameter, value } = grant.holder;
      if (type === 'projectRole' && (value ?? parameter))
        add(
          `role:${project.projectId}:${value ?? parameter}`,
          `role ${value ?? parameter} in ${project.projectKey}`,
          reason,
        );
      else if (type === 'group' && value) add(`group:${value}`, parameter ?? value, reason);
    }
  for (const m of marks) add(`group:${m.groupId}`, m.name, { kind: 'marked', by: m.by, at: m.at });
  return {
    targets: [...targets.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    scannedProjectIds: [...new Set(facts.projects.map((p) => p.projectId))].sort(),
  };
}

/** Adds marks to a set built earlier (a stored snapshot), without duplicating reasons. */
export function withMarks(set: PrivilegedSet, marks: readonly PrivilegeMark[]): PrivilegedSet {
  if (marks.length === 0) return set;
  const targets = new Map(set.targets.map((t) => [t.key, { ...t, reasons: [...t.reasons] }]));
  for (const m of marks) {
    const key = `group:${m.groupId}`;
    const target = targets.get(key) ?? { key, name: m.name, reasons: [] };
    target.reasons.push({ kind: 'marked', by: m.by, at: m.at });
    targets.set(key, target);
  }
  return {
    ...set,
    targets: [...targets.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The privileged target a grant would give, if any. */
export function privilegeOf(grant: Grant, set: PrivilegedSet): PrivilegedTarget | undefined {
  const key = grantKey(grant);
  return set.targets.find((t) => t.key === key);
}

/** A role grant in a project whose scheme the set has not read: it cannot be judged until it is. */
export function isUnscanned(grant: Grant, set: PrivilegedSet): boolean {
  return grant.kind === 'projectRole' && !set.scannedProjectIds.includes(grant.projectId);
}

export function describeReason(reason: PrivilegeReason): string {
  switch (reason.kind) {
    case 'site-admin-group':
      return 'Jira lists it among the site-admin groups, so its members are site administrators';
    case 'jira-admin-group':
      return "it holds Jira's Administer Jira global permission, so its members are Jira administrators";
    case 'confluence-admin-group':
      return 'Confluence lists it among its admin groups, so its members administer Confluence';
    case 'admin-role-group':
      return `"${reason.name}" carries the ${reason.name === 'org-admins' ? 'organization' : 'site'} administrator role`;
    case 'marked':
      return `a site admin (${reason.by}) marked it privileged`;
    case 'administers-project':
      return `it holds Administer Projects in project ${reason.projectKey}'s permission scheme, so its members administer that project`;
  }
}

/** `group "site-admins" is privileged: …; …` */
export function describePrivilege(subject: string, target: PrivilegedTarget): string {
  return `${subject} is privileged: ${target.reasons.map(describeReason).join('; ')}`;
}
