// Jira projects and project roles: /project/search, /project/{key}/role(/{id}) GET/POST/DELETE, /role(/{id}),
// /project/{key}/permissionscheme,
// plus the few issue endpoints the app uses (/issue/{key}, /issue/{key}/notify).
import { projectRolesChangedRecord } from '../actions/audit-records';
import { isRecord, jsonBody, listParam } from '../http/parsed-request';
import { empty, jiraError, json } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { SiteState } from '../state/site-state';
import type { Project, ProjectRoleDefinition } from '../state/types';
import {
  actor,
  adminRefusal,
  holdsProjectPermission,
  isJiraAdmin,
  NOT_FOUND_USER,
  pageLinks,
  readPaging,
} from './jira-common';
import { globalRoleJson, projectJson, projectRoleJson, projectRoleSelf } from './representations';

function canBrowse(state: SiteState, accountId: string, project: Project): boolean {
  if (isJiraAdmin(state, accountId)) return true;
  const groups = state.groups.groupsOf(accountId);
  for (const actors of project.actors.values()) {
    if (actors.users.has(accountId)) return true;
    for (const groupId of actors.groups.keys()) if (groups.has(groupId)) return true;
  }
  return false;
}

function canAdminister(state: SiteState, accountId: string, project: Project): boolean {
  return (
    isJiraAdmin(state, accountId) || holdsProjectPermission(state, accountId, project, 'ADMINISTER_PROJECTS')
  );
}

function searchProjects(hc: HandlerContext) {
  const { state } = hc.site;
  const paging = readPaging(hc, { maxResults: 50, cap: 100 });
  if ('error' in paging) return paging.error;
  const accountId = actor(hc).accountId;
  const keys = new Set(listParam(hc.request.query, 'keys'));
  const ids = new Set(listParam(hc.request.query, 'id'));
  const query = (hc.request.query.get('query') ?? '').toLowerCase();
  const typeKeys = new Set(listParam(hc.request.query, 'typeKey'));
  const orderBy = hc.request.query.get('orderBy') ?? 'key';
  const expandLead = (hc.request.query.get('expand') ?? '').split(',').includes('lead');
  let projects = state.projects
    .list()
    .filter((p) => canBrowse(state, accountId, p))
    .filter((p) => (keys.size === 0 && ids.size === 0) || keys.has(p.key) || ids.has(p.id))
    .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
    .filter((p) => typeKeys.size === 0 || typeKeys.has(p.projectTypeKey));
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[+-]/, '');
  if (field === 'name')
    projects = projects.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  if (descending) projects = projects.reverse();
  const page = projects.slice(paging.startAt, paging.startAt + paging.maxResults);
  return json(200, {
    ...pageLinks(state, hc, paging, projects.length),
    maxResults: paging.maxResults,
    startAt: paging.startAt,
    total: projects.length,
    isLast: paging.startAt + page.length >= projects.length,
    values: page.map((p) => projectJson(state, p, { expandLead })),
  });
}

function projectNotFound(idOrKey: string) {
  return jiraError(404, [`No project could be found with key '${idOrKey}'.`]);
}

function projectRoles(hc: HandlerContext) {
  const { state } = hc.site;
  const idOrKey = hc.params['projectIdOrKey'] ?? '';
  const project = state.projects.find(idOrKey);
  if (!project) return projectNotFound(idOrKey);
  const accountId = actor(hc).accountId;
  // Documented: Administer Projects for any project, or Administer Jira; otherwise 404 as if absent.
  if (!state.projects.list().some((p) => canAdminister(state, accountId, p))) return projectNotFound(idOrKey);
  const out: Record<string, string> = {};
  for (const role of state.projects.roleDefinitions())
    out[role.name] = projectRoleSelf(state, project, role.id);
  return json(200, out);
}

type RoleTarget = { project: Project; role: ProjectRoleDefinition } | { error: ReturnType<typeof jiraError> };

function roleTarget(hc: HandlerContext, refusalStatus: 401 | 404): RoleTarget {
  const { state } = hc.site;
  const idOrKey = hc.params['projectIdOrKey'] ?? '';
  const rawId = hc.params['id'] ?? '';
  if (!/^\d+$/.test(rawId))
    return { error: jiraError(400, [`The project role id '${rawId}' is not a number.`]) };
  const project = state.projects.find(idOrKey);
  if (!project) return { error: projectNotFound(idOrKey) };
  if (!canAdminister(state, actor(hc).accountId, project))
    return refusalStatus === 401
      ? { error: jiraError(401, ['You cannot edit the configuration of this project.']) }
      : { error: projectNotFound(idOrKey) };
  const role = state.projects.role(Number(rawId));
  if (!role) return { error: jiraError(404, [`Could not find project role with id '${rawId}'.`]) };
  return { project, role };
}

function getProjectRole(hc: HandlerContext) {
  const target = roleTarget(hc, 404);
  if ('error' in target) return target.error;
  const excludeInactiveUsers = hc.request.query.get('excludeInactiveUsers') === 'true';
  return json(200, projectRoleJson(hc.site.state, target.project, target.role, { excludeInactiveUsers }));
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((v): v is string => typeof v === 'string');
  return strings.length === value.length ? strings : undefined;
}

function auditAuthor(hc: HandlerContext) {
  const account = actor(hc);
  return {
    accountId: account.accountId,
    ...(account.accountType === 'app' ? { eventSource: account.displayName } : {}),
  };
}

function addActors(hc: HandlerContext) {
  const { state, clock } = hc.site;
  const target = roleTarget(hc, 401);
  if ('error' in target) return target.error;
  const body = jsonBody(hc.request);
  if (!body.ok || !isRecord(body.value)) return jiraError(400, ['The request body must be a JSON object.']);
  const users = stringList(body.value['user']);
  const groupNames = stringList(body.value['group']);
  const groupIds = stringList(body.value['groupId']);
  if (!users || !groupNames || !groupIds)
    return jiraError(400, ['user, group and groupId must be arrays of strings.']);
  if (users.length + groupNames.length + groupIds.length === 0)
    return jiraError(400, ['You must specify at least one user or group to add.']);
  if (groupNames.length > 0 && groupIds.length > 0)
    return jiraError(400, ['You cannot specify both group and groupId.']);
  const actors = state.projects.actors(target.project, target.role.id);
  // Validate everything first: Jira adds nothing when one actor is wrong.
  for (const accountId of users) {
    const account = state.accounts.get(accountId);
    if (!account) return jiraError(404, [`${NOT_FOUND_USER}: ${accountId}`]);
    if (!state.isActiveInJira(accountId)) return jiraError(404, [`The user '${accountId}' is not active.`]);
    if (actors.users.has(accountId))
      return jiraError(400, [`User '${accountId}' is already a member of the project role.`]);
  }
  const groups = [
    ...groupIds.map((id) => ({ ref: id, group: state.groups.get(id) })),
    ...groupNames.map((name) => ({ ref: name, group: state.groups.byName(name) })),
  ];
  for (const { ref, group } of groups) {
    if (!group) return jiraError(404, [`The group '${ref}' does not exist.`]);
    if (actors.groups.has(group.groupId))
      return jiraError(400, [`Group '${group.name}' is already a member of the project role.`]);
  }
  for (const accountId of users) {
    const before = [...actors.users.keys()].join(', ');
    actors.users.set(accountId, state.projects.newActorId());
    state.audit.append(
      projectRolesChangedRecord(
        target.project,
        target.role,
        { fieldName: 'Users', changedFrom: before, changedTo: [...actors.users.keys()].join(', ') },
        auditAuthor(hc),
      ),
      clock.now(),
    );
  }
  for (const { group } of groups) {
    if (!group) continue;
    const before = [...actors.groups.keys()].map((id) => state.groups.get(id)?.name ?? id).join(', ');
    actors.groups.set(group.groupId, state.projects.newActorId());
    state.audit.append(
      projectRolesChangedRecord(
        target.project,
        target.role,
        {
          fieldName: 'Groups',
          changedFrom: before,
          changedTo: [...actors.groups.keys()].map((id) => state.groups.get(id)?.name ?? id).join(', '),
        },
        auditAuthor(hc),
      ),
      clock.now(),
    );
  }
  return json(200, projectRoleJson(state, target.project, target.role));
}

function deleteActor(hc: HandlerContext) {
  const { state, clock } = hc.site;
  const target = roleTarget(hc, 404);
  if ('error' in target) return target.error;
  const user = hc.request.query.get('user');
  const groupName = hc.request.query.get('group');
  const groupId = hc.request.query.get('groupId');
  const given = [user, groupName, groupId].filter((v) => v !== null && v !== '').length;
  if (given !== 1) return jiraError(400, ['Specify exactly one of user, group or groupId.']);
  const actors = state.projects.actors(target.project, target.role.id);
  if (user) {
    if (!actors.users.has(user))
      return jiraError(404, [`User '${user}' is not a member of the project role '${target.role.name}'.`]);
    const before = [...actors.users.keys()].join(', ');
    actors.users.delete(user);
    state.audit.append(
      projectRolesChangedRecord(
        target.project,
        target.role,
        { fieldName: 'Users', changedFrom: before, changedTo: [...actors.users.keys()].join(', ') },
        auditAuthor(hc),
      ),
      clock.now(),
    );
    return empty(204);
  }
  const group = groupId ? state.groups.get(groupId) : state.groups.byName(groupName ?? '');
  if (!group || !actors.groups.has(group.groupId))
    return jiraError(404, [
      `Group '${groupId ?? groupName ?? ''}' is not a member of the project role '${target.role.name}'.`,
    ]);
  const before = [...actors.groups.keys()].map((id) => state.groups.get(id)?.name ?? id).join(', ');
  actors.groups.delete(group.groupId);
  state.audit.append(
    projectRolesChangedRecord(
      target.project,
      target.role,
      {
        fieldName: 'Groups',
        changedFrom: before,
        changedTo: [...actors.groups.keys()].map((id) => state.groups.get(id)?.name ?? id).join(', '),
      },
      auditAuthor(hc),
    ),
    clock.now(),
  );
  return empty(204);
}

function allRoles(hc: HandlerContext) {
  const { state } = hc.site;
  if (!isJiraAdmin(state, actor(hc).accountId)) return adminRefusal();
  return json(
    200,
    state.projects.roleDefinitions().map((r) => globalRoleJson(state, r)),
  );
}

function oneRole(hc: HandlerContext) {
  const { state } = hc.site;
  if (!isJiraAdmin(state, actor(hc).accountId)) return adminRefusal();
  const rawId = hc.params['id'] ?? '';
  const role = /^\d+$/.test(rawId) ? state.projects.role(Number(rawId)) : undefined;
  if (!role) return jiraError(404, [`Could not find project role with id '${rawId}'.`]);
  return json(200, globalRoleJson(state, role));
}

function issueNotFound() {
  return jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
}

function getIssue(hc: HandlerContext) {
  const { state } = hc.site;
  const issue = state.projects.findIssue(hc.params['issueIdOrKey'] ?? '');
  const project = issue ? state.projects.find(issue.projectId) : undefined;
  if (!issue || !project || !canBrowse(state, actor(hc).accountId, project)) return issueNotFound();
  return json(200, {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    key: issue.key,
    self: `${state.site.url}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      project: { id: project.id, key: project.key, name: project.name },
      created: new Date(issue.created).toISOString().replace('Z', '+0000'),
    },
  });
}

function notifyIssue(hc: HandlerContext) {
  const { state, clock } = hc.site;
  const issue = state.projects.findIssue(hc.params['issueIdOrKey'] ?? '');
  const project = issue ? state.projects.find(issue.projectId) : undefined;
  if (!issue || !project || !canBrowse(state, actor(hc).accountId, project)) return issueNotFound();
  const body = jsonBody(hc.request);
  if (!body.ok || !isRecord(body.value)) return jiraError(400, ['The request body must be a JSON object.']);
  const to = body.value['to'];
  if (!isRecord(to)) return jiraError(400, ['At least one recipient must be given in "to".']);
  state.notifications.push({
    issueKey: issue.key,
    ...(typeof body.value['subject'] === 'string' ? { subject: body.value['subject'] } : {}),
    ...(typeof body.value['textBody'] === 'string' ? { textBody: body.value['textBody'] } : {}),
    to,
    sentAt: clock.now(),
    byAccountId: actor(hc).accountId,
  });
  return empty(204);
}

/**
 * `GET /project/{projectKeyOrId}/permissionscheme`: the scheme a project uses; with any `expand` value its grants
 * too (documented: "permissions are included when you specify any value"). Administer Jira or Administer Projects
 * in that project is required (403 otherwise); an unknown project is 404.
 */
function projectPermissionScheme(hc: HandlerContext) {
  const { state } = hc.site;
  const idOrKey = hc.params['projectKeyOrId'] ?? '';
  const project = state.projects.find(idOrKey);
  if (!project) return projectNotFound(idOrKey);
  if (!canAdminister(state, actor(hc).accountId, project))
    return jiraError(403, ["You don't have permission to view this project's configuration."]);
  const scheme = state.projects.schemeOf(project);
  if (!scheme) return projectNotFound(idOrKey);
  const self = `${state.site.url}/rest/api/3/permissionscheme/${scheme.id}`;
  const expand = hc.request.query.get('expand');
  return json(200, {
    expand: 'permissions,user,group,projectRole,field,all',
    id: scheme.id,
    self,
    name: scheme.name,
    description: scheme.description,
    ...(expand
      ? {
          permissions: scheme.grants.map((grant) => ({
            id: grant.id,
            self: `${self}/permission/${grant.id}`,
            holder:
              grant.holder.type === 'projectRole'
                ? {
                    type: 'projectRole',
                    parameter: String(grant.holder.roleId),
                    value: String(grant.holder.roleId),
                    expand: 'projectRole',
                  }
                : {
                    type: 'group',
                    parameter: state.groups.get(grant.holder.groupId)?.name ?? grant.holder.groupId,
                    value: grant.holder.groupId,
                    expand: 'group',
                  },
            permission: grant.permission,
          })),
        }
      : {}),
  });
}

export const jiraProjectRoutes: RouteDefinition[] = [
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/project/search',
    handler: searchProjects,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/project/{projectIdOrKey}/role',
    handler: projectRoles,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/project/{projectIdOrKey}/role/{id}',
    handler: getProjectRole,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'POST',
    template: '/rest/api/3/project/{projectIdOrKey}/role/{id}',
    handler: addActors,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'DELETE',
    template: '/rest/api/3/project/{projectIdOrKey}/role/{id}',
    handler: deleteActor,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/project/{projectKeyOrId}/permissionscheme',
    handler: projectPermissionScheme,
  },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/role', handler: allRoles },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/role/{id}', handler: oneRole },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}',
    handler: getIssue,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'POST',
    template: '/rest/api/3/issue/{issueIdOrKey}/notify',
    handler: notifyIssue,
  },
];
