// Shared by the Jira handlers: the acting account, Jira's global permission checks and page envelopes.
import type { SiteResponse } from '../../contracts';
import { actingAccount } from '../auth';
import { intParam } from '../http/parsed-request';
import { jiraError } from '../http/responses';
import type { HandlerContext } from '../router';
import type { SiteState } from '../state/site-state';
import type { Account, Project } from '../state/types';

export function actor(hc: HandlerContext): Account {
  const account = actingAccount(hc.caller);
  // The pipeline only lets app and user callers reach Jira handlers.
  if (!account) throw new Error('Jira handler reached without an acting account');
  return account;
}

/** "Administer Jira": jira-administrators, site-admins or the apps group (atlassian-addons-admin). */
export function isJiraAdmin(state: SiteState, accountId: string): boolean {
  return state.hasGlobalPermission(accountId, 'ADMINISTER') || state.isSiteAdmin(accountId);
}

/**
 * A project permission as the project's permission scheme grants it: to a project role (its user and group
 * actors) or to a group. ADMINISTER_PROJECTS through the Administrators role is the default scheme's grant.
 */
export function holdsProjectPermission(
  state: SiteState,
  accountId: string,
  project: Project,
  permission: string,
): boolean {
  const scheme = state.projects.schemeOf(project);
  if (!scheme) return false;
  const groups = state.groups.groupsOf(accountId);
  return scheme.grants.some((grant) => {
    if (grant.permission !== permission) return false;
    if (grant.holder.type === 'group') return groups.has(grant.holder.groupId);
    const actors = project.actors.get(grant.holder.roleId);
    if (!actors) return false;
    if (actors.users.has(accountId)) return true;
    for (const groupId of actors.groups.keys()) if (groups.has(groupId)) return true;
    return false;
  });
}

/** "Browse users and groups". */
export function canBrowseUsers(state: SiteState, accountId: string): boolean {
  return state.hasGlobalPermission(accountId, 'USER_PICKER') || isJiraAdmin(state, accountId);
}

export const NOT_FOUND_USER = 'Specified user does not exist or you do not have required permissions';

export function browseUsersRefusal(): SiteResponse {
  return jiraError(403, ['Browse users and groups permission is required to view users and groups.']);
}

export function adminRefusal(): SiteResponse {
  return jiraError(403, [
    'You are not authorized to perform this action. Administrator privileges are required.',
  ]);
}

export interface Paging {
  startAt: number;
  maxResults: number;
}

/** Reads startAt/maxResults; maxResults above `cap` is lowered to it as Jira does, never an error. */
export function readPaging(
  hc: HandlerContext,
  defaults: { maxResults: number; cap: number },
): Paging | { error: SiteResponse } {
  const startAt = intParam(hc.request.query, 'startAt') ?? 0;
  const maxResults = intParam(hc.request.query, 'maxResults') ?? defaults.maxResults;
  if (Number.isNaN(startAt) || startAt < 0)
    return { error: jiraError(400, ["The value of 'startAt' must be a non-negative integer."]) };
  if (Number.isNaN(maxResults) || maxResults < 0)
    return { error: jiraError(400, ["The value of 'maxResults' must be a non-negative integer."]) };
  return { startAt, maxResults: Math.min(maxResults, defaults.cap) };
}

/** `self`/`nextPage` links for a startAt page, keeping the request's other parameters. */
export function pageLinks(
  state: SiteState,
  hc: HandlerContext,
  paging: Paging,
  total: number,
): { self: string; nextPage?: string } {
  const base = `${state.site.url}${hc.request.pathname}`;
  const withStart = (startAt: number): string => {
    const params = new URLSearchParams(hc.request.query);
    params.set('startAt', String(startAt));
    params.set('maxResults', String(paging.maxResults));
    return `${base}?${params.toString()}`;
  };
  const next = paging.startAt + paging.maxResults;
  return {
    self: withStart(paging.startAt),
    ...(next < total && paging.maxResults > 0 ? { nextPage: withStart(next) } : {}),
  };
}
