// Everything the emulated site knows, in one object: the stores plus the org, its sites and its directory.
import { AccountStore } from './account-store';
import { ActivityStore } from './activity-store';
import { AuditLog } from './audit-log';
import { DirectoryStore } from './directory-store';
import { GroupStore } from './group-store';
import { LicenceIndex } from './licence-index';
import { ProjectStore } from './project-store';
import { ScimStore } from './scim-store';
import { SpaceStore } from './space-store';
import type { Directory, InstalledApp, IssueNotification, Org, OrgSite, ProductRole } from './types';

/** Jira global permissions the site models, each granted to groups. */
export type GlobalPermissionKey = 'ADMINISTER' | 'SYSTEM_ADMIN' | 'USER_PICKER' | 'CREATE_SHARED_OBJECTS';

export interface SiteIdentity {
  org: Org;
  /** This site: the one the app is installed on. */
  site: OrgSite;
  /** The org's other sites (activity there must not count as activity here). */
  otherSites: OrgSite[];
  directory: Directory;
  /** Other orgs whose keys exist (a key of another org must be refused with 403, not 401). */
  foreignOrgs: Org[];
}

export class SiteState {
  readonly accounts = new AccountStore();
  readonly groups = new GroupStore();
  readonly directoryMembers = new DirectoryStore();
  readonly projects = new ProjectStore();
  readonly spaces = new SpaceStore();
  readonly scim = new ScimStore();
  readonly audit = new AuditLog();
  readonly activity = new ActivityStore();
  readonly licences: LicenceIndex;
  /** Jira global permissions: key → the groups holding it (SYSTEM_ADMIN is what makes a site admin). */
  readonly globalPermissions = new Map<GlobalPermissionKey, Set<string>>();
  /** Groups holding Confluence's "administer" global permission (Confluence admins; site admins hold it anyway). */
  readonly confluenceAdminGroups = new Set<string>();
  readonly installedApps = new Map<string, InstalledApp>();
  readonly notifications: IssueNotification[] = [];
  /** Bumped whenever an account's status or org membership changes (invalidates "active members" caches). */
  statusVersion = 0;
  /** Bumped on every group membership change (invalidates filtered listings). */
  membershipVersion = 0;
  /** Filtered listings kept between pages, keyed by what they depend on. */
  readonly listingCache = new Map<string, { key: string; ids: readonly string[] }>();
  /** Behaviour dials that are not rate limits or faults. */
  readonly settings = {
    /** The Admin API reports activity this long after it happened (Atlassian: up to 24 h; default 0). */
    lastActiveLagMs: 0,
    /** Jira's audit log lists a change this long after it happened (indexing delay; default 0). */
    auditLagMs: 0,
  };

  constructor(
    readonly identity: SiteIdentity,
    readonly productRoles: ProductRole[],
  ) {
    this.licences = new LicenceIndex(productRoles, (accountId) => this.isLicensable(accountId));
  }

  get org(): Org {
    return this.identity.org;
  }

  get site(): OrgSite {
    return this.identity.site;
  }

  get directory(): Directory {
    return this.identity.directory;
  }

  /** Active account, active (not suspended) in the org directory: only then do product groups grant access. */
  isLicensable(accountId: string): boolean {
    const account = this.accounts.get(accountId);
    if (!account || account.accountStatus !== 'active' || account.accountType !== 'atlassian') return false;
    return this.directoryMembers.get(accountId)?.status === 'active';
  }

  /** What Jira calls `active`: the account can log in and is not suspended. */
  isActiveInJira(accountId: string): boolean {
    const account = this.accounts.get(accountId);
    if (!account || account.accountStatus !== 'active') return false;
    if (account.accountType === 'app') return true;
    return this.directoryMembers.get(accountId)?.status === 'active';
  }

  isManaged(email: string): boolean {
    const domain = email.split('@')[1]?.toLowerCase();
    return domain !== undefined && this.org.verifiedDomains.includes(domain);
  }

  productRole(key: string): ProductRole | undefined {
    return this.productRoles.find((role) => role.key === key);
  }

  hasGlobalPermission(accountId: string, key: GlobalPermissionKey): boolean {
    const granted = this.globalPermissions.get(key);
    if (!granted) return false;
    for (const groupId of this.groups.groupsOf(accountId)) if (granted.has(groupId)) return true;
    return false;
  }

  /**
   * A site admin: an active member of a group holding SYSTEM_ADMIN (site-admins, org-admins). In Jira Cloud that
   * permission cannot be granted from Jira's own settings: it follows the site-admin and org-admin roles.
   */
  isSiteAdmin(accountId: string): boolean {
    return this.hasGlobalPermission(accountId, 'SYSTEM_ADMIN') && this.isActiveInJira(accountId);
  }

  /** A Confluence administrator: a member of a Confluence admin group, or a site admin. */
  isConfluenceAdmin(accountId: string): boolean {
    if (this.isSiteAdmin(accountId)) return true;
    for (const groupId of this.groups.groupsOf(accountId))
      if (this.confluenceAdminGroups.has(groupId)) return true;
    return false;
  }

  /** Groups whose members are site admins (Jira's `accessType=site-admin`). */
  siteAdminGroupIds(): Set<string> {
    return new Set(this.globalPermissions.get('SYSTEM_ADMIN') ?? []);
  }
}
