// Shared by the Confluence handlers: JSON shapes, "can use Confluence", site-admin checks and cursors.
import { actingAccount } from '../auth';
import { emailVisible } from '../jira/representations';
import type { HandlerContext } from '../router';
import type { SiteState } from '../state/site-state';
import type { Account, Group, Space } from '../state/types';

export function confluenceActor(hc: HandlerContext): Account {
  const account = actingAccount(hc.caller);
  if (!account) throw new Error('Confluence handler reached without an acting account');
  return account;
}

/** "Can use" Confluence: apps can; people need the Confluence product role. */
export function canUseConfluence(state: SiteState, account: Account): boolean {
  if (account.accountType === 'app') return true;
  return state.licences.hasRole(account.accountId, 'confluence') || state.isSiteAdmin(account.accountId);
}

export function wikiBase(state: SiteState): string {
  return `${state.site.url}/wiki`;
}

export function confluenceUserJson(state: SiteState, account: Account): Record<string, unknown> {
  return {
    type: 'known',
    accountId: account.accountId,
    accountType: account.accountType,
    email: emailVisible(state, account) ? account.email : '',
    publicName: account.nickname || account.displayName,
    profilePicture: {
      path: `/wiki/aa-avatar/${account.accountId}`,
      width: 48,
      height: 48,
      isDefault: false,
    },
    displayName: account.displayName,
    isExternalCollaborator: false,
    _links: { self: `${wikiBase(state)}/rest/api/user?accountId=${account.accountId}` },
  };
}

export function confluenceGroupJson(state: SiteState, group: Group): Record<string, unknown> {
  return {
    type: 'group',
    name: group.name,
    id: group.groupId,
    _links: { self: `${wikiBase(state)}/rest/api/group/by-id?id=${group.groupId}` },
  };
}

/** Space visibility: apps see every space; people need a read permission (directly or through a group). */
export function canViewSpace(state: SiteState, account: Account, space: Space): boolean {
  if (account.accountType === 'app') return true;
  const groups = state.groups.groupsOf(account.accountId);
  return space.permissions.some(
    (p) =>
      p.operation.key === 'read' &&
      ((p.principal.type === 'user' && p.principal.id === account.accountId) ||
        (p.principal.type === 'group' && groups.has(p.principal.id))),
  );
}

export function canAdministerSpace(state: SiteState, account: Account, space: Space): boolean {
  if (state.isSiteAdmin(account.accountId)) return true;
  const groups = state.groups.groupsOf(account.accountId);
  return space.permissions.some(
    (p) =>
      p.operation.key === 'administer' &&
      ((p.principal.type === 'user' && p.principal.id === account.accountId) ||
        (p.principal.type === 'group' && groups.has(p.principal.id))),
  );
}

/** Opaque v2 cursors: base64url of the offset, refused when tampered with. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null): number | undefined | 'invalid' {
  if (cursor === null || cursor === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'offset' in parsed) {
      const offset: unknown = parsed.offset;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
    return 'invalid';
  } catch {
    return 'invalid';
  }
}
