// Who is calling: the platform's Principal for Forge calls, or the Authorization header for plain HTTP
// (Basic email:API-token for Jira/Confluence like a real site; Bearer org key / SCIM key on api.atlassian.com).
import type { ParsedRequest } from './http/parsed-request';
import type { SiteState } from './state/site-state';
import type { Account, Directory, Org } from './state/types';

export type Caller =
  /** Forge asApp(): the app's own account. */
  | { kind: 'app'; account: Account }
  /** A person: through Forge asUser() (optionally impersonated) or Basic auth with an API token. */
  | { kind: 'user'; account: Account; via: 'forge' | 'impersonation' | 'basic' }
  /** api.atlassian.com with an org admin API key. */
  | { kind: 'org-key'; org: Org }
  /** api.atlassian.com with a SCIM directory key. */
  | { kind: 'scim-key'; directory: Directory }
  | { kind: 'anonymous'; reason: string };

function decodeBasic(value: string): { email: string; token: string } | undefined {
  try {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const at = decoded.indexOf(':');
    if (at <= 0) return undefined;
    return { email: decoded.slice(0, at), token: decoded.slice(at + 1) };
  } catch {
    return undefined;
  }
}

function fromAuthorizationHeader(state: SiteState, header: string | undefined): Caller {
  if (!header) return { kind: 'anonymous', reason: 'no Authorization header' };
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (scheme?.toLowerCase() === 'basic') {
    const basic = decodeBasic(credential);
    if (!basic) return { kind: 'anonymous', reason: 'malformed Basic credentials' };
    const account = state.accounts.byEmail(basic.email);
    if (!account || !account.apiTokens.some((t) => t.token === basic.token))
      return { kind: 'anonymous', reason: 'unknown email or API token' };
    if (!state.isActiveInJira(account.accountId))
      return { kind: 'anonymous', reason: 'account is not active' };
    return { kind: 'user', account, via: 'basic' };
  }
  if (scheme?.toLowerCase() === 'bearer') {
    if (state.org.apiKeys.includes(credential)) return { kind: 'org-key', org: state.org };
    const foreign = state.identity.foreignOrgs.find((org) => org.apiKeys.includes(credential));
    if (foreign) return { kind: 'org-key', org: foreign };
    if (credential === state.directory.scimKey) return { kind: 'scim-key', directory: state.directory };
    return { kind: 'anonymous', reason: 'unknown bearer token' };
  }
  return { kind: 'anonymous', reason: `unsupported authorization scheme ${scheme ?? ''}` };
}

export function resolveCaller(state: SiteState, request: ParsedRequest): Caller {
  const principal = request.principal;
  switch (principal.kind) {
    case 'none':
      return { kind: 'anonymous', reason: 'the request carries no principal (neither asApp nor asUser)' };
    case 'app': {
      const account = state.accounts.get(principal.appAccountId);
      if (!account || account.accountType !== 'app')
        return { kind: 'anonymous', reason: `no app account ${principal.appAccountId} on this site` };
      if (account.accountStatus !== 'active')
        return { kind: 'anonymous', reason: 'the app account is inactive' };
      return { kind: 'app', account };
    }
    case 'user': {
      const account = state.accounts.get(principal.accountId);
      if (!account) return { kind: 'anonymous', reason: `no account ${principal.accountId} on this site` };
      if (!state.isActiveInJira(account.accountId))
        return { kind: 'anonymous', reason: `account ${principal.accountId} is not active` };
      return { kind: 'user', account, via: principal.impersonated ? 'impersonation' : 'forge' };
    }
    case 'http':
      return fromAuthorizationHeader(state, request.headers['authorization']);
  }
}

/** The account a Jira/Confluence call acts as, or undefined for callers those products refuse. */
export function actingAccount(caller: Caller): Account | undefined {
  return caller.kind === 'app' || caller.kind === 'user' ? caller.account : undefined;
}

/** Anything coming through Forge is an app call, asUser() and impersonation included; only Basic auth is not. */
export function isAppCall(caller: Caller): boolean {
  return caller.kind === 'app' || (caller.kind === 'user' && caller.via !== 'basic');
}
