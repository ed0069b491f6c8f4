// Builds the domain's UserFacts for one account from what the APIs and storage said about it: no I/O here.
import type { DirectoryUser } from '../../clients/admin-types';
import type { JiraUser } from '../../clients/jira-types';
import type {
  ProductCatalogueEntry,
  ProductFacts,
  RecordedAction,
  UserFacts,
  WarningRecord,
} from '../../domain/inactivity';
import type { StoredActivity } from '../../storage/inactivity-user-repository';

const SITE_ADMIN_ROLE = /site[-_ ]?admin/i;
const ORG_ADMIN_ROLE = /org(anization)?[-_ ]?admin/i;

export interface FactsInputs {
  /** From /users/search (no groups) or /user?expand=groups,applicationRoles (groups present). */
  readonly jiraUser: JiraUser;
  /** Undefined when the org directory does not list the account. */
  readonly directory: DirectoryUser | undefined;
  readonly activity: StoredActivity | undefined;
  readonly warnings: readonly WarningRecord[];
  readonly actionsThisRun: readonly RecordedAction[];
}

export interface FactsContext {
  readonly catalogue: readonly ProductCatalogueEntry[];
  /** Groups whose members are site admins or hold ADMINISTER (Jira group/bulk by access type). */
  readonly adminGroupIds: ReadonlySet<string>;
  readonly cloudId: string;
}

/** Suspended, deactivated or closed accounts have nothing left to clean up (the domain excludes them). */
export function isActiveAccount(jiraUser: JiraUser, directory: DirectoryUser | undefined): boolean {
  if (!jiraUser.active) return false;
  if (!directory) return true;
  if (directory.status !== undefined) return directory.status === 'active';
  return directory.accountStatus !== 'inactive' && directory.accountStatus !== 'closed';
}

export function buildUserFacts(inputs: FactsInputs, context: FactsContext): UserFacts {
  const { jiraUser, directory, warnings, actionsThisRun } = inputs;
  // A snapshot filtered for another site must never count here.
  const activity = inputs.activity?.cloudId === context.cloudId ? inputs.activity : undefined;
  const groupIds = (jiraUser.groups?.items ?? [])
    .map((group) => group.groupId)
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  const memberOf = new Set(groupIds);
  const roles = new Set((jiraUser.applicationRoles?.items ?? []).map((role) => role.key));
  const platformRoles = directory?.platformRoles ?? [];

  const products: Record<string, ProductFacts> = {};
  for (const product of context.catalogue) {
    const licenceGroupIds = product.licenceGroupIds.filter((id) => memberOf.has(id));
    const hasAccess = licenceGroupIds.length > 0 || roles.has(product.key);
    if (!hasAccess) continue;
    products[product.key] = {
      hasAccess,
      licenceGroupIds,
      lastActiveAt: activity?.lastActiveOnSite[product.key] ?? null,
      // No API reports when a product was given; never-active users fall back to when they joined the org.
      addedAt: null,
    };
  }

  const addedToOrgAt =
    activity?.addedToOrgAt ?? (directory?.addedToOrg ? Date.parse(directory.addedToOrg) : null);
  return {
    accountId: jiraUser.accountId,
    accountType: jiraUser.accountType ?? directory?.accountType ?? 'unknown',
    active: isActiveAccount(jiraUser, directory),
    isSiteAdmin:
      groupIds.some((id) => context.adminGroupIds.has(id)) ||
      platformRoles.some((role) => SITE_ADMIN_ROLE.test(role)),
    isOrgAdmin: platformRoles.some((role) => ORG_ADMIN_ROLE.test(role)),
    groupIds,
    addedToOrgAt: addedToOrgAt !== null && Number.isFinite(addedToOrgAt) ? addedToOrgAt : null,
    products,
    ...(activity ? { orgLastActiveAt: activity.orgLastActiveAt } : {}),
    activityRefreshedAt: activity?.refreshedAt ?? null,
    warnings,
    actionsThisRun,
  };
}
