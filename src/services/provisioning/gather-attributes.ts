// Gathers a user's attributes from the sources the admin enabled and the rules need, naming each source's
// outcome: the rules see facts or null, never guesses. Where the facts come from (one call per user, or a batch
// read for many users, see gather-many.ts) is a SourceReads; how they combine is decided here, once.
import type { ManagedProfile } from '../../clients/admin-types';
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraUser } from '../../clients/jira-types';
import { ATLASSIAN_EXTENSION, ENTERPRISE_EXTENSION, type ScimUser } from '../../clients/scim-types';
import { EVERY_SOURCE, type AttributePlan } from '../../domain/attribute-plan';
import type { UserAttributes } from '../../domain/rules';
import type { AppSettings } from '../../shared/settings';
import {
  getPushedAttributes,
  type PushedAttributes,
  type PushedValue,
} from '../../storage/pushed-attributes-repository';
import type { ApiClients } from '../api-clients';

export type SourceName = 'jira' | 'email' | 'scim' | 'org-directory' | 'pushed';

export interface SourceReport {
  source: SourceName;
  status: 'ok' | 'not-found' | 'disabled' | 'unavailable' | 'failed';
  message: string;
}

export interface GatheredUser {
  attributes: UserAttributes;
  /** Ids of the site groups the user is in now. */
  groupIds: string[];
  sources: SourceReport[];
}

/** A source the admin enabled failed in a way retrying will not fix: the user must not be evaluated on half the facts. */
export class SourceFailedError extends Error {
  constructor(
    readonly source: SourceName,
    message: string,
  ) {
    super(message);
    this.name = 'SourceFailedError';
  }
}

const STANDARD_PUSHABLE = [
  'department',
  'jobTitle',
  'organization',
  'location',
  'timeZone',
  'preferredLanguage',
] as const;

function emailDomain(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0 ? email.slice(at + 1).toLowerCase() : null;
}

/** Transient failures propagate (the caller retries later); permanent ones stop this user with a named reason. */
function permanentFailure(source: SourceName, e: unknown, what: string): never {
  if (e instanceof AtlassianApiError && e.transient) throw e;
  const detail = e instanceof Error ? e.message : String(e);
  const advice =
    e instanceof AtlassianApiError && e.kind === 'forbidden'
      ? ` Check the ${what} credentials in Settings (the key may be wrong, expired or for another organization).`
      : '';
  throw new SourceFailedError(source, `${what} could not be read: ${detail}.${advice}`);
}

function fromJira(user: JiraUser): Partial<UserAttributes> {
  return {
    displayName: user.displayName ?? null,
    accountType: user.accountType === 'unknown' ? undefined : user.accountType,
    active: user.active,
    timeZone: user.timeZone ?? null,
    preferredLanguage: user.locale ?? null,
    groups: (user.groups?.items ?? []).map((g) => g.name),
    ...(user.emailAddress ? { email: user.emailAddress, emailDomain: emailDomain(user.emailAddress) } : {}),
  };
}

function fromScim(user: ScimUser): Partial<UserAttributes> {
  const enterprise = user[ENTERPRISE_EXTENSION];
  return {
    jobTitle: user.title ?? null,
    department: enterprise?.department ?? null,
    organization: enterprise?.organization ?? null,
    timeZone: user.timezone ?? null,
    preferredLanguage: user.preferredLanguage ?? null,
    idpGroups: (user.groups ?? []).map((g) => g.display ?? g.value),
  };
}

/** Later sources fill only what earlier ones left empty. */
function fillMissing(target: UserAttributes, extra: Partial<UserAttributes>): void {
  for (const [key, value] of Object.entries(extra) as Array<[keyof UserAttributes, unknown]>) {
    const current = target[key];
    if (value !== undefined && value !== null && (current === undefined || current === null)) {
      (target as unknown as Record<string, unknown>)[key] = value;
    }
  }
}

function applyPushed(target: UserAttributes, pushed: Record<string, PushedValue>): void {
  const custom: NonNullable<UserAttributes['custom']> = { ...(target.custom ?? {}) };
  for (const [name, value] of Object.entries(pushed)) {
    if ((STANDARD_PUSHABLE as readonly string[]).includes(name)) {
      if (typeof value === 'string' || value === null)
        (target as unknown as Record<string, unknown>)[name] = value;
    } else {
      custom[name] = value;
    }
  }
  target.custom = custom;
}

/** Whether the email is read: a rule needs it, or SCIM does (users are looked up there by email). */
export function readsEmail(settings: AppSettings, plan: AttributePlan): boolean {
  return (
    settings.sources.email &&
    (plan.sources.has('email') || (settings.sources.scim.enabled && plan.sources.has('scim')))
  );
}

/** Not read because no enabled rule needs what the source gives. */
function notNeeded(source: SourceName): SourceReport {
  return { source, status: 'disabled', message: 'Not read: no enabled rule needs what this source gives' };
}

/**
 * Where one user's facts come from. Each read throws AtlassianApiError as the API answered (the caller decides
 * what is permanent); `undefined` means the source has nothing for the user.
 */
export interface SourceReads {
  jiraUser(accountId: string): Promise<JiraUser>;
  email(accountId: string): Promise<string | undefined>;
  scimUser(email: string): Promise<ScimUser | undefined>;
  /** `unmanaged`: the account is not the org's to manage, so it has no directory profile. */
  directoryProfile(accountId: string): Promise<ManagedProfile | 'unmanaged' | undefined>;
  pushed(accountId: string): Promise<PushedAttributes | undefined>;
}

/** Reads one call per user and source: the single-user path (an event, "test on a user"). */
export function readsOneByOne(clients: ApiClients): SourceReads {
  return {
    jiraUser: (accountId) => clients.jira.getUser(accountId),
    email: async (accountId) => {
      try {
        return (await clients.jira.getUserEmail(accountId)).email;
      } catch (e) {
        if (e instanceof AtlassianApiError && e.kind === 'not-found') return undefined;
        throw e;
      }
    },
    scimUser: (email) => {
      if (!clients.scim) throw new Error('SCIM is read without a SCIM client');
      return clients.scim.findByUserName(email);
    },
    directoryProfile: async (accountId) => {
      if (!clients.admin) throw new Error('The org directory is read without an Admin API client');
      try {
        return await clients.admin.managedProfile(accountId);
      } catch (e) {
        if (e instanceof AtlassianApiError && e.kind === 'not-found') return undefined;
        // Accounts outside the org's verified domains have no managed profile: not a failure of the source.
        if (e instanceof AtlassianApiError && e.kind === 'forbidden') return 'unmanaged';
        throw e;
      }
    },
    pushed: (accountId) => getPushedAttributes(accountId),
  };
}

/**
 * A read started now when `early` (its outcome kept, so a failure surfaces only when it is awaited), or later,
 * when it is first awaited.
 */
function started<T>(early: boolean, read: () => Promise<T>): () => Promise<T> {
  if (!early) return read;
  const running = read();
  running.catch(() => undefined);
  return () => running;
}

/**
 * One user's attributes from the sources the settings enable and `plan` needs (every enabled source by default,
 * as "test on a user" shows them), read through `reads`.
 */
export async function gatherAttributes(
  accountId: string,
  clients: ApiClients,
  settings: AppSettings,
  plan: AttributePlan = EVERY_SOURCE,
  reads: SourceReads = readsOneByOne(clients),
): Promise<GatheredUser> {
  const sources: SourceReport[] = [];
  // Reads that need nothing from the Jira user start with it (one call's latency instead of several in a row);
  // an answer for an account that turns out not to be a person is not used.
  const email = started(readsEmail(settings, plan), () => reads.email(accountId));
  const profile = started(
    settings.sources.orgDirectory.enabled && plan.sources.has('org-directory') && clients.admin !== undefined,
    () => reads.directoryProfile(accountId),
  );
  const pushedRead = started(settings.sources.pushed && plan.sources.has('pushed'), () =>
    reads.pushed(accountId),
  );
  let jiraUser: JiraUser;
  try {
    jiraUser = await reads.jiraUser(accountId);
  } catch (e) {
    permanentFailure('jira', e, 'The Jira user');
  }
  sources.push({ source: 'jira', status: 'ok', message: 'Jira user read' });
  const attributes: UserAttributes = { accountId, ...fromJira(jiraUser) };
  const groupIds = (jiraUser.groups?.items ?? []).flatMap((g) => (g.groupId ? [g.groupId] : []));
  const isPerson = jiraUser.accountType === undefined || jiraUser.accountType === 'atlassian';

  if (!settings.sources.email)
    sources.push({ source: 'email', status: 'disabled', message: 'Email source is off' });
  else if (!readsEmail(settings, plan)) sources.push(notNeeded('email'));
  else if (!isPerson) sources.push({ source: 'email', status: 'not-found', message: 'Not a person account' });
  else {
    let address: string | undefined;
    try {
      address = await email();
    } catch (e) {
      permanentFailure('email', e, 'The email address (GET /rest/api/3/user/email)');
    }
    if (address === undefined)
      sources.push({ source: 'email', status: 'not-found', message: 'Jira has no email for this account' });
    else {
      attributes.email = address;
      attributes.emailDomain = emailDomain(address);
      sources.push({ source: 'email', status: 'ok', message: 'Email read' });
    }
  }

  if (!settings.sources.scim.enabled)
    sources.push({ source: 'scim', status: 'disabled', message: 'SCIM source is off' });
  else if (!plan.sources.has('scim')) sources.push(notNeeded('scim'));
  else if (!clients.scim)
    throw new SourceFailedError(
      'scim',
      'The SCIM source is on but its directory id or API key is missing in Settings.',
    );
  else if (!attributes.email)
    sources.push({ source: 'scim', status: 'not-found', message: 'No email to look the user up by in SCIM' });
  else {
    let scimUser: ScimUser | undefined;
    try {
      scimUser = await reads.scimUser(attributes.email);
    } catch (e) {
      permanentFailure('scim', e, 'The SCIM directory');
    }
    const linked = scimUser?.[ATLASSIAN_EXTENSION]?.atlassianAccountId;
    if (!scimUser || (linked && linked !== accountId))
      sources.push({ source: 'scim', status: 'not-found', message: 'No SCIM user for this account' });
    else {
      fillMissing(attributes, fromScim(scimUser));
      if (!attributes.idpGroups) attributes.idpGroups = fromScim(scimUser).idpGroups ?? [];
      sources.push({ source: 'scim', status: 'ok', message: 'SCIM profile read' });
    }
  }

  if (!settings.sources.orgDirectory.enabled)
    sources.push({ source: 'org-directory', status: 'disabled', message: 'Org directory source is off' });
  else if (!plan.sources.has('org-directory')) sources.push(notNeeded('org-directory'));
  else if (!clients.admin)
    throw new SourceFailedError(
      'org-directory',
      'The org directory source needs the org id, directory id and org API key in Settings.',
    );
  else if (!isPerson)
    sources.push({
      source: 'org-directory',
      status: 'not-found',
      message: 'App accounts are not in the org directory',
    });
  else {
    let directory: Awaited<ReturnType<SourceReads['directoryProfile']>>;
    try {
      directory = await profile();
    } catch (e) {
      permanentFailure('org-directory', e, 'The org directory (Admin API)');
    }
    if (directory === undefined)
      sources.push({ source: 'org-directory', status: 'not-found', message: 'Not in the org directory' });
    else if (directory === 'unmanaged')
      sources.push({
        source: 'org-directory',
        status: 'not-found',
        message: 'Not managed by your organization, so it has no directory profile',
      });
    else {
      fillMissing(attributes, directory);
      sources.push({ source: 'org-directory', status: 'ok', message: 'Org directory profile read' });
    }
  }

  if (!settings.sources.pushed)
    sources.push({ source: 'pushed', status: 'disabled', message: 'Pushed attributes are off' });
  else if (!plan.sources.has('pushed')) sources.push(notNeeded('pushed'));
  else {
    const pushed = await pushedRead();
    if (pushed) {
      applyPushed(attributes, pushed.attributes);
      sources.push({
        source: 'pushed',
        status: 'ok',
        message: `Pushed at ${new Date(pushed.sentAt).toISOString()}`,
      });
    } else sources.push({ source: 'pushed', status: 'not-found', message: 'Nothing pushed for this user' });
  }

  attributes.groups ??= [];
  attributes.idpGroups ??= [];
  return { attributes, groupIds, sources };
}
