// The parts of Jira Cloud REST v3 responses the app reads (shapes from the official OpenAPI spec).

export interface JiraGroupName {
  name: string;
  groupId: string | null;
}

export interface JiraApplicationRoleRef {
  key: string;
  name?: string;
}

export interface JiraUser {
  accountId: string;
  accountType?: 'atlassian' | 'app' | 'customer' | 'unknown';
  active: boolean;
  displayName?: string;
  emailAddress?: string;
  timeZone?: string;
  locale?: string;
  groups?: { size: number; items: JiraGroupName[] };
  applicationRoles?: { size: number; items: JiraApplicationRoleRef[] };
}

export interface JiraApplicationRole {
  key: string;
  name: string;
  groups: string[];
  groupDetails?: JiraGroupName[];
  defaultGroups: string[];
  defaultGroupsDetails?: JiraGroupName[];
  numberOfSeats: number;
  remainingSeats: number;
  userCount: number;
  hasUnlimitedSeats: boolean;
  platform: boolean;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  /** With `expand=lead`: the project lead. */
  lead?: { accountId: string; displayName?: string };
}

export interface JiraProjectRoleActor {
  id: number;
  /** 'atlassian-user-role-actor' or 'atlassian-group-role-actor'. */
  type: string;
  displayName?: string;
  actorUser?: { accountId: string };
  actorGroup?: { name?: string; groupId?: string; displayName?: string };
}

export interface JiraProjectRole {
  id: number;
  name: string;
  self?: string;
  actors?: JiraProjectRoleActor[];
}

export interface JiraAuditRecord {
  id: number;
  summary: string;
  created: string;
  category?: string;
  eventSource?: string;
  objectItem?: { id?: string; name?: string; typeName?: string; parentId?: string; parentName?: string };
  associatedItems?: Array<{
    id?: string;
    name?: string;
    typeName?: string;
    parentId?: string;
    parentName?: string;
  }>;
}

export interface JiraPage<T> {
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  values: T[];
}

/** Global permissions the app asks about for the caller. */
export type JiraGlobalPermission = 'ADMINISTER' | 'SYSTEM_ADMIN';

/** A permission scheme grant's holder: `projectRole` (parameter = role id), `group` (value = group id), … */
export interface JiraPermissionHolder {
  type: string;
  parameter?: string;
  value?: string;
}

export interface JiraPermissionScheme {
  id: number;
  name: string;
  /** Present when asked for with `expand`. */
  permissions?: Array<{ id?: number; permission: string; holder?: JiraPermissionHolder }>;
}
