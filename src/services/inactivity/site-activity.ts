// Turns the Admin API's last-active dates (every site of the org) into this site's activity per product, plus the
// latest activity anywhere in the org for org-wide suspension.
import type { LastActiveDates, ProductAccess, Workspace } from '../../clients/admin-types';
import type { StoredActivity } from '../../storage/inactivity-user-repository';

const DAY_MS = 86_400_000;

/** The cloud id an ARI names: `ari:cloud:jira::site/<id>` or `ari:cloud:<product>:<id>:<resource>`. */
export function cloudIdOfAri(ari: string): string | undefined {
  const site = /::site\/([^/:]+)$/.exec(ari);
  if (site) return site[1];
  const scoped = /^ari:cloud:[^:]+:([^:]+):/.exec(ari);
  return scoped?.[1] || undefined;
}

/** This site's product-instance ARIs among the org's workspaces. */
export function siteArisOf(workspaces: readonly Workspace[], cloudId: string): string[] {
  return workspaces.filter((w) => cloudIdOfAri(w.id) === cloudId).map((w) => w.id);
}

export interface SiteIdentity {
  readonly cloudId: string;
  /** ARIs learned from the workspaces API; an entry matches if listed here or if its ARI names this cloud id. */
  readonly siteAris: readonly string[];
}

export function isThisSite(entryAri: string, site: SiteIdentity): boolean {
  return site.siteAris.includes(entryAri) || cloudIdOfAri(entryAri) === site.cloudId;
}

/**
 * An instant from the API. A bare day (`YYYY-MM-DD`, the documented precision) is read as the END of that day:
 * erring late only ever makes someone look more recently active, never less.
 */
export function instantOf(day: string | undefined, timestamp: string | undefined): number | null {
  if (timestamp) {
    const at = Date.parse(timestamp);
    if (Number.isFinite(at)) return at;
  }
  if (!day) return null;
  const start = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
  if (!Number.isFinite(start)) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? start + DAY_MS - 1 : start;
}

function entryInstant(entry: ProductAccess): number | null {
  return instantOf(entry.last_active, entry.last_active_timestamp);
}

/** Folds every page of a user's last-active dates into one stored snapshot for this site. */
export function activityFromLastActiveDates(
  accountId: string,
  pages: readonly LastActiveDates[],
  site: SiteIdentity,
  refreshedAt: number,
): StoredActivity {
  const lastActiveOnSite: Record<string, number> = {};
  let orgLastActiveAt: number | null = null;
  let addedToOrgAt: number | null = null;
  for (const page of pages) {
    addedToOrgAt ??= instantOf(page.data.added_to_org, page.data.added_to_org_timestamp);
    for (const entry of page.data.product_access) {
      const at = entryInstant(entry);
      if (at === null) continue;
      if (orgLastActiveAt === null || at > orgLastActiveAt) orgLastActiveAt = at;
      if (!isThisSite(entry.id, site)) continue;
      const previous = lastActiveOnSite[entry.key];
      if (previous === undefined || at > previous) lastActiveOnSite[entry.key] = at;
    }
  }
  return { accountId, refreshedAt, cloudId: site.cloudId, addedToOrgAt, lastActiveOnSite, orgLastActiveAt };
}
