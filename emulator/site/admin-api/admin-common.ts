// Shared by the Admin API handlers: the calling org, directory resolution (`-` = all), cursors and ARIs.
// No official spec of the Organizations API exists: shapes follow emulator/specs/admin-api.json (hand-modelled).
import { adminError } from '../http/responses';
import type { HandlerContext } from '../router';
import type { SiteState } from '../state/site-state';
import type { Directory, Org, OrgSite } from '../state/types';

export const ADMIN_API = 'https://api.atlassian.com/admin';

export function callerOrg(hc: HandlerContext): Org {
  if (hc.caller.kind !== 'org-key') throw new Error('Admin handler reached without an org key');
  return hc.caller.org;
}

/** True when the calling key's org is the org this site belongs to (another org's key sees none of its data). */
export function ownsSite(hc: HandlerContext): boolean {
  return callerOrg(hc).orgId === hc.site.state.org.orgId;
}

/** The directory named in the path (`-` means every directory the key manages). */
export function resolveDirectory(hc: HandlerContext): Directory | undefined | 'all' {
  const id = hc.params['directoryId'];
  if (!ownsSite(hc)) return undefined;
  if (id === '-') return 'all';
  return id === hc.site.state.directory.directoryId ? hc.site.state.directory : undefined;
}

export function directoryNotFound(hc: HandlerContext) {
  return adminError(
    404,
    `Directory ${hc.params['directoryId'] ?? ''} was not found in org ${hc.params['orgId'] ?? ''}.`,
  );
}

export function encodeAdminCursor(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeAdminCursor(raw: string | null): Record<string, unknown> | undefined | 'invalid' {
  if (raw === null || raw === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : 'invalid';
  } catch {
    return 'invalid';
  }
}

export function invalidCursor() {
  return adminError(400, 'The page cursor is invalid or has expired.');
}

/** The product-instance ARI the Admin API reports for a product on a site (e.g. `ari:cloud:jira::site/<cloudId>`). */
export function productInstanceAri(site: OrgSite, productKey: string): string {
  const family = productKey.startsWith('confluence')
    ? 'confluence'
    : productKey.startsWith('jira')
      ? 'jira'
      : productKey;
  return `ari:cloud:${family}::site/${site.cloudId}`;
}

export function allSites(state: SiteState): OrgSite[] {
  return [state.site, ...state.identity.otherSites];
}

export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function isoSeconds(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
