// Jira projects, the site-wide project roles, each project's role actors, permission schemes, and a few issues.
import type {
  Issue,
  PermissionHolder,
  PermissionScheme,
  Project,
  ProjectRoleDefinition,
  RoleActors,
} from './types';

/** Jira Cloud's default permission scheme, which new projects use unless given another. */
export const DEFAULT_PERMISSION_SCHEME_ID = 0;

export class ProjectStore {
  private readonly byId = new Map<string, Project>();
  private readonly idByKey = new Map<string, string>();
  private readonly roles = new Map<number, ProjectRoleDefinition>();
  private readonly issues = new Map<string, Issue>();
  private readonly issueIdByKey = new Map<string, string>();
  private nextActorId = 10100;
  private readonly schemes = new Map<number, PermissionScheme>();
  private nextGrantId = 10200;

  defineRole(role: ProjectRoleDefinition): void {
    this.roles.set(role.id, role);
    for (const project of this.byId.values())
      if (!project.actors.has(role.id)) project.actors.set(role.id, emptyActors());
  }

  roleDefinitions(): ProjectRoleDefinition[] {
    return [...this.roles.values()].sort((a, b) => a.id - b.id);
  }

  role(id: number): ProjectRoleDefinition | undefined {
    return this.roles.get(id);
  }

  add(project: Omit<Project, 'actors' | 'permissionSchemeId'> & { permissionSchemeId?: number }): Project {
    if (this.byId.has(project.id) || this.idByKey.has(project.key))
      throw new Error(`project ${project.key} already exists`);
    const full: Project = {
      ...project,
      actors: new Map(),
      permissionSchemeId: project.permissionSchemeId ?? DEFAULT_PERMISSION_SCHEME_ID,
    };
    for (const role of this.roles.values()) full.actors.set(role.id, emptyActors());
    this.byId.set(full.id, full);
    this.idByKey.set(full.key, full.id);
    return full;
  }

  /** Jira accepts a project id or a (case-sensitive) key. */
  find(idOrKey: string): Project | undefined {
    return this.byId.get(idOrKey) ?? this.byId.get(this.idByKey.get(idOrKey) ?? '');
  }

  /** Ordered by key, Jira's default for project search. */
  list(): Project[] {
    return [...this.byId.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  actors(project: Project, roleId: number): RoleActors {
    let actors = project.actors.get(roleId);
    if (!actors) {
      actors = emptyActors();
      project.actors.set(roleId, actors);
    }
    return actors;
  }

  newActorId(): number {
    return this.nextActorId++;
  }

  defineScheme(scheme: Omit<PermissionScheme, 'grants'>): PermissionScheme {
    const full: PermissionScheme = { ...scheme, grants: [] };
    this.schemes.set(scheme.id, full);
    return full;
  }

  schemeOf(project: Project): PermissionScheme | undefined {
    return this.schemes.get(project.permissionSchemeId);
  }

  /** Adds a grant to a scheme (every project on the scheme gets it); an identical grant is not repeated. */
  grant(scheme: PermissionScheme, permission: string, holder: PermissionHolder): void {
    const same = scheme.grants.some(
      (g) => g.permission === permission && JSON.stringify(g.holder) === JSON.stringify(holder),
    );
    if (!same) scheme.grants.push({ id: this.nextGrantId++, permission, holder });
  }

  /** Removes a grant from a scheme. */
  revoke(scheme: PermissionScheme, permission: string, holder: PermissionHolder): void {
    const key = JSON.stringify(holder);
    scheme.grants = scheme.grants.filter(
      (g) => g.permission !== permission || JSON.stringify(g.holder) !== key,
    );
  }

  addIssue(issue: Issue): void {
    this.issues.set(issue.id, issue);
    this.issueIdByKey.set(issue.key, issue.id);
  }

  findIssue(idOrKey: string): Issue | undefined {
    return this.issues.get(idOrKey) ?? this.issues.get(this.issueIdByKey.get(idOrKey) ?? '');
  }

  /** Every project where a group is an actor, for cleaning up after a group is deleted. */
  removeGroupEverywhere(groupId: string): void {
    for (const project of this.byId.values())
      for (const actors of project.actors.values()) actors.groups.delete(groupId);
  }
}

function emptyActors(): RoleActors {
  return { users: new Map(), groups: new Map() };
}
