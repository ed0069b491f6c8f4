// Jira admin reads: /applicationrole(/{key}), /auditing/record, /mypermissions, /serverInfo.
import { intParam } from '../http/parsed-request';
import { jiraError, json } from '../http/responses';
import { refuseRequest, type HandlerContext, type RouteDefinition } from '../router';
import { actor, adminRefusal, canBrowseUsers, holdsProjectPermission, isJiraAdmin } from './jira-common';
import { applicationRoleJson, auditRecordJson, isJiraRole, jiraTimestamp } from './representations';

function applicationRoles(hc: HandlerContext) {
  const { state } = hc.site;
  if (!isJiraAdmin(state, actor(hc).accountId)) return adminRefusal();
  return json(
    200,
    state.productRoles.filter(isJiraRole).map((role) => applicationRoleJson(state, role)),
  );
}

function applicationRole(hc: HandlerContext) {
  const { state } = hc.site;
  if (!isJiraAdmin(state, actor(hc).accountId)) return adminRefusal();
  const role = state.productRole(hc.params['key'] ?? '');
  if (!role || !isJiraRole(role))
    return jiraError(404, [`The application role '${hc.params['key'] ?? ''}' does not exist.`]);
  return json(200, applicationRoleJson(state, role));
}

/** Accepts ISO dates and date-times, and epoch milliseconds. */
function parseInstant(raw: string | null): number | undefined | 'invalid' {
  if (raw === null || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? 'invalid' : parsed;
}

function auditRecords(hc: HandlerContext) {
  const { state } = hc.site;
  if (!isJiraAdmin(state, actor(hc).accountId))
    return jiraError(403, [
      'You do not have permission to view the audit log. Administer Jira permission is required.',
    ]);
  const offset = intParam(hc.request.query, 'offset') ?? 0;
  const limit = intParam(hc.request.query, 'limit') ?? 1000;
  if (Number.isNaN(offset) || offset < 0 || Number.isNaN(limit) || limit < 0)
    return refuseRequest(
      jiraError(400, ['offset and limit must be non-negative integers.']),
      'query.range',
      'GET /rest/api/3/auditing/record: offset and limit must be non-negative integers',
    );
  const from = parseInstant(hc.request.query.get('from'));
  const to = parseInstant(hc.request.query.get('to'));
  if (from === 'invalid' || to === 'invalid')
    return refuseRequest(
      jiraError(400, ['The from and to parameters must be ISO 8601 dates.']),
      'query.format',
      'GET /rest/api/3/auditing/record: from and to must be ISO 8601 date-times',
    );
  const filter = hc.request.query.get('filter') ?? undefined;
  // A record is listed only once the audit log has indexed it (the lag dial; 0 by default).
  const visibleUntil = hc.site.clock.now() - state.settings.auditLagMs;
  const until = to === undefined ? visibleUntil : Math.min(to, visibleUntil);
  // Documented: if `from` is not before `to`, no records are returned.
  const matching =
    from !== undefined && to !== undefined && from >= to
      ? []
      : state.audit.query({
          ...(from !== undefined ? { from } : {}),
          to: until,
          ...(filter !== undefined ? { filter } : {}),
        });
  const cappedLimit = Math.min(limit, 1000);
  return json(200, {
    offset,
    limit: cappedLimit,
    total: matching.length,
    records: matching.slice(offset, offset + cappedLimit).map(auditRecordJson),
  });
}

interface PermissionInfo {
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const PERMISSIONS: Record<string, PermissionInfo> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description: 'Ability to perform all administration functions.',
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker, and share issues.',
  },
  CREATE_SHARED_OBJECTS: {
    id: '22',
    name: 'Share dashboards and filters',
    type: 'GLOBAL',
    description: 'Share dashboards and filters with other users.',
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  CREATE_ISSUES: {
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGNABLE_USER: {
    id: '17',
    name: 'Assignable User',
    type: 'PROJECT',
    description: 'Users with this permission may be assigned to issues.',
  },
};

/** Any role in the project(s) (a project permission the default scheme gives every role, e.g. Browse). */
function projectRoleMember(
  hc: HandlerContext,
  accountId: string,
  projectIdOrKey: string | undefined,
): boolean {
  const { state } = hc.site;
  const groups = state.groups.groupsOf(accountId);
  for (const project of projectsOf(hc, projectIdOrKey)) {
    for (const actors of project.actors.values()) {
      if (actors.users.has(accountId)) return true;
      for (const groupId of actors.groups.keys()) if (groups.has(groupId)) return true;
    }
  }
  return false;
}

/** The project asked about, or (global context) every project: "has it in any project". */
function projectsOf(hc: HandlerContext, projectIdOrKey: string | undefined) {
  const { state } = hc.site;
  return projectIdOrKey
    ? [state.projects.find(projectIdOrKey)].filter((p) => p !== undefined)
    : state.projects.list();
}

function myPermissions(hc: HandlerContext) {
  const { state } = hc.site;
  const raw = hc.request.query.get('permissions');
  if (!raw) return jiraError(400, ['The permissions parameter is required.']);
  const keys = raw
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  const unknown = keys.filter((k) => PERMISSIONS[k] === undefined);
  if (keys.length === 0 || unknown.length > 0)
    return jiraError(400, [`Invalid permission key(s): ${unknown.join(', ') || '(none given)'}.`]);
  const projectRef = hc.request.query.get('projectId') ?? hc.request.query.get('projectKey') ?? undefined;
  if (projectRef !== undefined && !state.projects.find(projectRef))
    return jiraError(404, [`No project could be found with key or id '${projectRef}'.`]);
  const accountId = actor(hc).accountId;
  const admin = isJiraAdmin(state, accountId);
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const info = PERMISSIONS[key] as PermissionInfo;
    let have: boolean;
    switch (key) {
      case 'ADMINISTER':
        have = admin;
        break;
      case 'SYSTEM_ADMIN':
        // Site admins (and org admins) only: Jira admins hold ADMINISTER without it.
        have = state.isSiteAdmin(accountId);
        break;
      case 'USER_PICKER':
        have = canBrowseUsers(state, accountId);
        break;
      case 'CREATE_SHARED_OBJECTS':
        have = state.hasGlobalPermission(accountId, 'CREATE_SHARED_OBJECTS') || admin;
        break;
      case 'ADMINISTER_PROJECTS':
        have =
          admin || projectsOf(hc, projectRef).some((p) => holdsProjectPermission(state, accountId, p, key));
        break;
      default:
        have = admin || projectRoleMember(hc, accountId, projectRef);
    }
    permissions[key] = {
      id: info.id,
      key,
      name: info.name,
      type: info.type,
      description: info.description,
      havePermission: have,
    };
  }
  return json(200, { permissions });
}

function serverInfo(hc: HandlerContext) {
  const { state, clock } = hc.site;
  return json(200, {
    baseUrl: state.site.url,
    displayUrl: state.site.url,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100289,
    buildDate: '2026-01-02T00:00:00.000+0000',
    serverTime: jiraTimestamp(clock.now()),
    scmInfo: 'emulated',
    serverTitle: state.site.name,
  });
}

export const jiraAdminRoutes: RouteDefinition[] = [
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/applicationrole',
    handler: applicationRoles,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/applicationrole/{key}',
    handler: applicationRole,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/auditing/record',
    handler: auditRecords,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/mypermissions',
    handler: myPermissions,
  },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/serverInfo', handler: serverInfo },
];
