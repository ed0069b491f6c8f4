// The emulated site's data model: accounts, groups, products, projects, spaces, the org and its SCIM directory.

export type AccountType = 'atlassian' | 'app';
/** The account's lifecycle (user-management disable/enable), independent of org membership. */
export type AccountStatus = 'active' | 'inactive' | 'closed';
/** Org directory membership: suspended users keep their groups but lose all product access (org-wide). */
export type MembershipStatus = 'active' | 'suspended';

export interface ApiToken {
  id: string;
  label: string;
  token: string;
  createdAt: number;
}

export interface Account {
  accountId: string;
  accountType: AccountType;
  /** Empty for app accounts (Jira shows no email for them). */
  email: string;
  displayName: string;
  nickname: string;
  accountStatus: AccountStatus;
  timeZone: string;
  locale: string;
  jobTitle?: string;
  department?: string;
  organization?: string;
  location?: string;
  createdAt: number;
  /** For app accounts: the Forge app id that owns the account. */
  appId?: string;
  apiTokens: ApiToken[];
}

export interface DirectoryMembership {
  directoryId: string;
  status: MembershipStatus;
  addedAt: number;
  /** How the account came into the directory (the Admin API's `managementSource`). */
  managementSource: 'invited' | 'synced' | null;
}

export type GroupSource = { kind: 'site' } | { kind: 'scim'; directoryId: string; scimGroupId: string };

export interface Group {
  groupId: string;
  name: string;
  description: string;
  source: GroupSource;
  createdAt: number;
}

/** A Jira application role (or Confluence's product role): access = membership of one of `groupIds`. */
export interface ProductRole {
  key: string;
  name: string;
  /** The product key the Admin API reports activity under (`jira-software`, `confluence`). */
  activityKey: string;
  groupIds: string[];
  defaultGroupIds: string[];
  numberOfSeats: number;
  platform: boolean;
  /** Shown by Jira as `userCountDescription`, e.g. "users". */
  seatNoun: string;
}

export interface ProjectRoleDefinition {
  id: number;
  name: string;
  description: string;
}

export interface RoleActors {
  /** accountId → actor id */
  users: Map<string, number>;
  /** groupId → actor id */
  groups: Map<string, number>;
}

export interface Project {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  leadAccountId?: string;
  /** role id → actors */
  actors: Map<number, RoleActors>;
  /** The permission scheme deciding who may do what in the project (shared by projects, as in Jira). */
  permissionSchemeId: number;
}

/** Who a permission scheme grant is for: a project role (its actors) or a group. */
export type PermissionHolder = { type: 'projectRole'; roleId: number } | { type: 'group'; groupId: string };

export interface PermissionSchemeGrant {
  id: number;
  /** A project permission key, e.g. ADMINISTER_PROJECTS, BROWSE_PROJECTS. */
  permission: string;
  holder: PermissionHolder;
}

export interface PermissionScheme {
  id: number;
  name: string;
  description: string;
  grants: PermissionSchemeGrant[];
}

export interface Issue {
  id: string;
  key: string;
  projectId: string;
  summary: string;
  reporterAccountId?: string;
  created: number;
}

export type SpacePermissionOperation =
  'read' | 'create' | 'delete' | 'export' | 'administer' | 'restrict_content' | 'archive';

export interface SpacePermission {
  id: string;
  principal: { type: 'user' | 'group'; id: string };
  operation: {
    key: SpacePermissionOperation;
    targetType: 'space' | 'page' | 'blogpost' | 'comment' | 'attachment';
  };
}

export interface Space {
  id: string;
  key: string;
  name: string;
  type: 'global' | 'personal';
  status: 'current' | 'archived';
  authorId: string;
  createdAt: number;
  homepageId: string;
  description: string;
  permissions: SpacePermission[];
}

export interface OrgSite {
  cloudId: string;
  /** `https://name.atlassian.net` */
  url: string;
  name: string;
  /** Product keys reported by last-active-dates for this site. */
  products: string[];
}

export interface Directory {
  directoryId: string;
  name: string;
  /** The SCIM directory's bearer key (what the IdP holds). */
  scimKey: string;
}

export interface Org {
  orgId: string;
  name: string;
  verifiedDomains: string[];
  /** Org admin API keys (Bearer). */
  apiKeys: string[];
  /** Account ids holding the org-admin role (Admin API only; no effect in Jira/Confluence). */
  orgAdmins: Set<string>;
}

export interface ScimEmail {
  value: string;
  type?: string;
  primary?: boolean;
}

export interface ScimUserRecord {
  id: string;
  directoryId: string;
  accountId: string;
  userName: string;
  externalId?: string;
  active: boolean;
  /** Set by SCIM DELETE: further operations on this user answer 404. */
  deleted: boolean;
  displayName?: string;
  nickName?: string;
  givenName?: string;
  familyName?: string;
  formattedName?: string;
  title?: string;
  preferredLanguage?: string;
  timezone?: string;
  department?: string;
  organization?: string;
  emails: ScimEmail[];
  phoneNumbers: Array<{ value: string; type?: string; primary?: boolean }>;
  created: number;
  lastModified: number;
}

export interface ScimGroupRecord {
  id: string;
  directoryId: string;
  displayName: string;
  externalId?: string;
  /** The site group this SCIM group is synced to. */
  groupId: string;
  /** SCIM user ids, in the order they were added. */
  members: Set<string>;
  created: number;
  lastModified: number;
}

export interface AuditItem {
  id?: string;
  name?: string;
  typeName?: string;
  parentId?: string;
  parentName?: string;
}

export interface AuditRecord {
  id: number;
  summary: string;
  category: string;
  eventSource: string;
  created: number;
  remoteAddress?: string;
  authorAccountId?: string;
  objectItem: AuditItem;
  associatedItems: AuditItem[];
  changedValues: Array<{ fieldName: string; changedFrom?: string; changedTo?: string }>;
}

export interface InstalledApp {
  appId: string;
  name: string;
  accountId: string;
}

export interface IssueNotification {
  issueKey: string;
  subject?: string;
  textBody?: string;
  to: unknown;
  sentAt: number;
  byAccountId?: string;
}
