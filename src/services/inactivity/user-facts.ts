// Builds the domain's UserFacts for one account from what the APIs and storage said about it: no I/O here.
import type { DirectoryUser } from '../../clients/admin-types';
import type { JiraUser } from '../../clients/jira-types';
import {
  productGrantFrom,
  type LicenceGroupEvidence,
  type ProductCatalogueEntry,
  type ProductFacts,
  type ProductGrant,
  type RecordedAction,
  type UserFacts,
  type WarningRecord,
} from '../../domain/inactivity';
import type { UserGrantHistory } from '../../storage/grant-history-repository';
import type { StoredActivity } from '../../storage/inactivity-user-repository';
import { ownEntry, type GrantHistoryView } from './grant-history';

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
  readonly grants: GrantInputs;
}

/** Grants the app made itself: licence groups it added (rules, restores) and when it gave the account back. */
export interface AppGrants {
  /** Group id → the latest time the app added the user to it. */
  readonly groups: ReadonlyMap<string, number>;
  /** The latest time the app undid its own suspension of the account, or null. */
  readonly reactivatedAt: number | null;
}

/** What is known about when the user's licence groups were given: the audit-log index, and the app's records. */
export interface GrantInputs {
  readonly view: GrantHistoryView;
  readonly history: UserGrantHistory | undefined;
  /** Read only for users a decision might warn or act on (see gather-facts). */
  readonly appGrants?: AppGrants;
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

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** When the product held through these groups was last (re)granted; the domain combines the evidence. */
function grantOf(
  licenceGroupIds: readonly string[],
  groupNames: ReadonlyMap<string, string>,
  grants: GrantInputs,
): ProductGrant {
  if (grants.view.unavailable !== null) return { kind: 'unknown', why: grants.view.unavailable };
  const evidence = licenceGroupIds.map((groupId): LicenceGroupEvidence => {
    const groupName = groupNames.get(groupId) ?? groupId;
    const key = groupName.toLowerCase();
    const changes = grants.history ? ownEntry(grants.history.groups, key) : undefined;
    return {
      groupName,
      historySince: grants.view.since.get(key) ?? null,
      lastAddedAt: latest(changes?.added ?? null, grants.appGrants?.groups.get(groupId) ?? null),
      lastRemovedAt: changes?.removed ?? null,
    };
  });
  return productGrantFrom(evidence, grants.appGrants?.reactivatedAt ?? null);
}

export function buildUserFacts(inputs: FactsInputs, context: FactsContext): UserFacts {
  const { jiraUser, directory, warnings, actionsThisRun } = inputs;
  // A snapshot filtered for another site must never count here.
  const activity = inputs.activity?.cloudId === context.cloudId ? inputs.activity : undefined;
  const groupIds = (jiraUser.groups?.items ?? [])
    .map((group) => group.groupId)
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
  const memberOf = new Set(groupIds);
  const groupNames = new Map<string, string>();
  for (const group of jiraUser.groups?.items ?? [])
    if (group.groupId && group.name) groupNames.set(group.groupId, group.name);
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
      // No API reports when a product was given: the site's audit log (indexed) and the app's own records do.
      granted: grantOf(licenceGroupIds, groupNames, inputs.grants),
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
