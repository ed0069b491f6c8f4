// Gathers which groups and project roles are privileged from the site, keeps a snapshot of it in storage, and
// hands callers the current privileged set with the marks and allow-list.
//
// Cost and freshness. Reading the site takes four calls (Jira's site-admin and admin groups, the admin-role group
// names, Confluence's admin groups) plus one per project that rules grant roles in. Provisioning runs on every
// login, where every REST call and storage request counts (see Performance in the README), so it does not read the
// site: it reads the stored snapshot (one storage query, with the allow-list and marks) and reads the site only
// when the snapshot is missing or older than SNAPSHOT_MAX_AGE_MS. The five-minute backstop refreshes a snapshot
// older than SNAPSHOT_REFRESH_AFTER_MS, and the admin page reads the site live whenever it decides (saving a rule,
// the Privileged targets view) and stores what it read. A group that becomes privileged is therefore refused at
// write time within about fifteen minutes; the product admins this guards against cannot make a group a site or
// org admin group at all, and a Jira admin who grants Administer Jira to a group could grant it to any group.
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraGroupName } from '../../clients/jira-types';
import {
  ADMIN_ROLE_GROUP_NAMES,
  privilegedSetFrom,
  withMarks,
  type Allowance,
  type GroupRef,
  type PrivilegeFacts,
  type PrivilegedSet,
  type ProjectSchemeFacts,
  type ProductGroups,
} from '../../domain/privilege';
import type { Rule } from '../../domain/rules';
import {
  loadPrivileges,
  saveSnapshot,
  type PrivilegedSnapshot,
  type StoredPrivileges,
} from '../../storage/privileged-repository';
import type { ApiClients } from '../api-clients';

/** Provisioning trusts a stored snapshot this long; older, it reads the site itself. */
export const SNAPSHOT_MAX_AGE_MS = 30 * 60_000;
/** The backstop refreshes a snapshot older than this (every third five-minute run). */
export const SNAPSHOT_REFRESH_AFTER_MS = 15 * 60_000;
const PAGE = 50;

export interface ProjectRef {
  projectId: string;
  projectKey: string;
}

/** The privileged set (marks included), the allow-list, and when the site was read. */
export interface Privileges {
  set: PrivilegedSet;
  allowances: Allowance[];
  takenAt: number;
}

/** Privileges just read from the site, with the snapshot to store once the caller's change is made. */
export interface LivePrivileges extends Privileges {
  snapshot: PrivilegedSnapshot;
}

function refs(groups: readonly JiraGroupName[]): GroupRef[] {
  return groups.flatMap((g) => (g.groupId ? [{ groupId: g.groupId, name: g.name }] : []));
}

async function jiraGroups(clients: ApiClients, accessType: 'site-admin' | 'admin'): Promise<GroupRef[]> {
  const found: GroupRef[] = [];
  for (let startAt = 0; ;) {
    const page = await clients.jira.groupsByAccessType(accessType, startAt, PAGE);
    found.push(...refs(page.values));
    startAt += page.values.length;
    if (page.isLast || page.values.length === 0 || startAt >= page.total) return found;
  }
}

/** Confluence's groups at a permission level; a site without Confluence (404) has none. */
async function confluenceGroups(clients: ApiClients, accessType: 'admin' | 'user'): Promise<GroupRef[]> {
  const found: GroupRef[] = [];
  try {
    for (let start = 0; ;) {
      const page = await clients.confluence.groupsByAccessType(accessType, start, 200);
      found.push(...page.results.map((g) => ({ groupId: g.id, name: g.name })));
      start += page.results.length;
      if (!page._links?.next || page.results.length === 0) return found;
    }
  } catch (e) {
    if (e instanceof AtlassianApiError && e.kind === 'not-found') return [];
    throw e;
  }
}

/** A project's scheme grants; a project that no longer exists has none (writing its roles fails anyway). */
export async function projectScheme(clients: ApiClients, project: ProjectRef): Promise<ProjectSchemeFacts> {
  try {
    const scheme = await clients.jira.projectPermissionScheme(project.projectId);
    return {
      ...project,
      grants: (scheme.permissions ?? []).flatMap((g) =>
        g.holder ? [{ permission: g.permission, holder: g.holder }] : [],
      ),
    };
  } catch (e) {
    if (e instanceof AtlassianApiError && e.kind === 'not-found') return { ...project, grants: [] };
    throw e;
  }
}

/** The projects whose roles these rules grant. */
export function projectsOfRules(rules: readonly Rule[]): ProjectRef[] {
  const projects = new Map<string, ProjectRef>();
  for (const rule of rules)
    for (const grant of rule.grants)
      if (grant.kind === 'projectRole' && !projects.has(grant.projectId))
        projects.set(grant.projectId, { projectId: grant.projectId, projectKey: grant.projectKey });
  return [...projects.values()];
}

/**
 * Reads the site: three or four calls, plus one per project. One after another, never at once: the Jira ones share
 * the `/group/bulk` endpoint, whose per-endpoint burst limit would refuse them together.
 */
export async function gatherFacts(
  clients: ApiClients,
  projects: readonly ProjectRef[],
): Promise<PrivilegeFacts> {
  const siteAdminGroups = await jiraGroups(clients, 'site-admin');
  const jiraAdminGroups = await jiraGroups(clients, 'admin');
  // The admin-role groups are usually among those already read; only the missing ones are looked up by name.
  const known = [...siteAdminGroups, ...jiraAdminGroups].filter((g) =>
    (ADMIN_ROLE_GROUP_NAMES as readonly string[]).includes(g.name),
  );
  const missing = ADMIN_ROLE_GROUP_NAMES.filter((name) => !known.some((g) => g.name === name));
  const adminRoleGroups = [...known, ...refs(await clients.jira.groupsByName(missing))];
  const confluenceAdminGroups = await confluenceGroups(clients, 'admin');
  const schemes: ProjectSchemeFacts[] = [];
  for (const project of projects) schemes.push(await projectScheme(clients, project));
  return { siteAdminGroups, jiraAdminGroups, adminRoleGroups, confluenceAdminGroups, projects: schemes };
}

/**
 * Reads the site now and returns it with the stored marks and allow-list. Stores the snapshot unless told not to
 * (a refused admin change writes nothing: the caller stores `snapshot` once its change is made).
 */
export async function livePrivileges(
  clients: ApiClients,
  now: number,
  rules: readonly Rule[],
  options: { store?: boolean; stored?: StoredPrivileges } = {},
): Promise<LivePrivileges> {
  const [facts, stored] = await Promise.all([
    gatherFacts(clients, projectsOfRules(rules)),
    options.stored ?? loadPrivileges(),
  ]);
  const snapshot: PrivilegedSnapshot = { takenAt: now, set: privilegedSetFrom(facts) };
  if (options.store !== false) await saveSnapshot(snapshot);
  return {
    set: withMarks(snapshot.set, stored.marks),
    allowances: stored.allowances,
    takenAt: now,
    snapshot,
  };
}

/** The stored snapshot while it is fresh enough, else the site read now. */
export async function currentPrivileges(
  clients: ApiClients,
  now: number,
  rules: readonly Rule[],
): Promise<Privileges> {
  const stored = await loadPrivileges();
  const snapshot = stored.snapshot;
  if (snapshot && now - snapshot.takenAt < SNAPSHOT_MAX_AGE_MS)
    return {
      set: withMarks(snapshot.set, stored.marks),
      allowances: stored.allowances,
      takenAt: snapshot.takenAt,
    };
  return livePrivileges(clients, now, rules, { stored });
}

/** The groups that grant Jira and Confluence access, for what product admins may grant (admin page only). */
export async function productGroups(clients: ApiClients): Promise<ProductGroups> {
  const [roles, confluence] = await Promise.all([
    clients.jira.applicationRoles(),
    confluenceGroups(clients, 'user'),
  ]);
  const jira = new Set<string>();
  for (const role of roles)
    for (const g of [...(role.groupDetails ?? []), ...(role.defaultGroupsDetails ?? [])])
      if (g.groupId) jira.add(g.groupId);
  return { jira: [...jira], confluence: confluence.map((g) => g.groupId) };
}
