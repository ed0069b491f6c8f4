// Pickers for grants: site groups (search or by id), Jira projects, and a project's roles.
import type {
  CatalogueGroupsPayload,
  CatalogueGroupsView,
  CatalogueProjectRolesView,
  CatalogueProjectsPayload,
  CatalogueProjectsView,
  ProjectOption,
  Reply,
} from '../../shared/contract';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import type { AdminContext } from './admin-context';
import { apiFailure, fail, ok } from './reply';

/** Projects scanned to filter by name or to find one by id (Jira's project search is paged by 50). */
const MAX_PROJECT_PAGES = 20;

async function clientsFor(ctx: AdminContext): Promise<ApiClients> {
  const { settings } = await loadSettings();
  return buildApiClients(ctx.deps, settings);
}

export async function searchGroups(
  ctx: AdminContext,
  payload: CatalogueGroupsPayload,
): Promise<Reply<CatalogueGroupsView>> {
  const clients = await clientsFor(ctx);
  try {
    if (payload.ids && payload.ids.length > 0) {
      const groups = await clients.jira.groupsById(payload.ids);
      return ok({
        groups: groups.flatMap((g) => (g.groupId ? [{ groupId: g.groupId, name: g.name }] : [])),
        total: groups.length,
      });
    }
    const limit = payload.limit ?? 20;
    const found = await clients.jira.searchGroups(
      payload.query ?? '',
      Math.min(50, (payload.startAt ?? 0) + limit),
    );
    const groups = found.groups
      .flatMap((g) => (g.groupId ? [{ groupId: g.groupId, name: g.name }] : []))
      .slice(payload.startAt ?? 0, (payload.startAt ?? 0) + limit);
    return ok({ groups, total: null });
  } catch (e) {
    const failure = apiFailure<CatalogueGroupsView>(e, 'Listing groups');
    if (failure) return failure;
    throw e;
  }
}

/** Pages through projects until `want` says stop; Jira's /project/search has no name filter in our client. */
async function scanProjects(
  clients: ApiClients,
  keep: (p: ProjectOption) => boolean,
  enough: (found: ProjectOption[]) => boolean,
): Promise<{ found: ProjectOption[]; total: number; complete: boolean }> {
  const found: ProjectOption[] = [];
  let total = 0;
  for (let page = 0, startAt = 0; page < MAX_PROJECT_PAGES; page++) {
    const result = await clients.jira.projects(startAt, 50);
    total = result.total;
    for (const p of result.values) {
      const option = { id: p.id, key: p.key, name: p.name };
      if (keep(option)) found.push(option);
    }
    startAt += result.values.length;
    if (result.isLast || result.values.length === 0 || startAt >= result.total)
      return { found, total, complete: true };
    if (enough(found)) return { found, total, complete: false };
  }
  return { found, total, complete: false };
}

export async function searchProjects(
  ctx: AdminContext,
  payload: CatalogueProjectsPayload,
): Promise<Reply<CatalogueProjectsView>> {
  const clients = await clientsFor(ctx);
  const query = (payload.query ?? '').trim().toLowerCase();
  const startAt = payload.startAt ?? 0;
  const limit = payload.limit ?? 20;
  try {
    const scan = await scanProjects(
      clients,
      (p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query),
      (found) => found.length > startAt + limit,
    );
    const projects = scan.found.slice(startAt, startAt + limit);
    return ok({
      projects,
      total: query ? scan.found.length : scan.total,
      isLast: scan.complete && startAt + limit >= scan.found.length,
    });
  } catch (e) {
    const failure = apiFailure<CatalogueProjectsView>(e, 'Listing projects');
    if (failure) return failure;
    throw e;
  }
}

export async function projectRoles(
  ctx: AdminContext,
  projectId: string,
): Promise<Reply<CatalogueProjectRolesView>> {
  const clients = await clientsFor(ctx);
  try {
    const [roles, scan] = await Promise.all([
      clients.jira.projectRoles(projectId),
      scanProjects(
        clients,
        (p) => p.id === projectId || p.key === projectId,
        (found) => found.length > 0,
      ),
    ]);
    const project = scan.found[0];
    if (!project) return fail('not-found', `There is no project ${projectId} (or the app cannot see it).`);
    return ok({
      project,
      roles: Object.entries(roles)
        .map(([name, url]) => ({ id: url.slice(url.lastIndexOf('/') + 1), name }))
        .filter((r) => /^\d+$/.test(r.id))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  } catch (e) {
    const failure = apiFailure<CatalogueProjectRolesView>(e, `Reading the roles of project ${projectId}`);
    if (failure) return failure;
    throw e;
  }
}
