// Adds and removes one grant through the write path the admin chose, turning refusals into actionable messages.
import { AtlassianApiError, ProxyRefusedError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import { describeGrant, type Grant } from '../../domain/rules';
import type { AppSettings } from '../../shared/settings';
import type { ApiClients } from '../api-clients';
import type { GrantGuard } from './grant-guard';

export type AddResult = 'added' | 'already-held';
export type RemoveResult = 'removed' | 'not-held';

/** A write the site refused in a way retrying will not fix; `message` tells the admin what to do. */
export class GrantWriteError extends Error {
  constructor(
    message: string,
    /** `write-path`: every group write will fail the same way (health); `target`: only this grant (e.g. deleted group). */
    readonly scope: 'write-path' | 'target',
  ) {
    super(message);
    this.name = 'GrantWriteError';
  }
}

export interface GrantWriter {
  add(grant: Grant, accountId: string): Promise<AddResult>;
  remove(grant: Grant, accountId: string): Promise<RemoveResult>;
  /** Human description of the path, for health and audit. */
  readonly describe: string;
}

const ALREADY = /already (a )?member|already exists|already in/i;
const NOT_MEMBER = /not (a )?member|is not in|does not belong|not found/i;

function messageOf(e: AtlassianApiError): string {
  return typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? '');
}

/** Forge refused to let the app act as the chosen admin. */
function isImpersonationRefused(e: unknown): boolean {
  return e instanceof ProxyRefusedError && e.reason === 'impersonation';
}

function writePathAdvice(settings: AppSettings, e: unknown, grant: Grant): GrantWriteError | undefined {
  const mode = settings.groupWritePath.mode;
  if (isImpersonationRefused(e) && settings.groupWritePath.mode === 'impersonate-admin')
    return new GrantWriteError(
      `The app cannot act as ${settings.groupWritePath.adminAccountId}: Forge lets an app act only as someone who can use it (an active account with access to Jira or Confluence on this site). Give that admin product access, choose another site admin, or use the org API key in Settings.`,
      'write-path',
    );
  if (!(e instanceof AtlassianApiError)) return undefined;
  if (e.kind === 'forbidden') {
    if (grant.kind === 'projectRole')
      return new GrantWriteError(
        `The app cannot change project roles in ${grant.projectKey}: it needs to be a Jira administrator (site admin) or the admin it acts as lacks the permission.`,
        'write-path',
      );
    if (mode === 'app-account')
      return new GrantWriteError(
        'The app cannot add users to groups: its own account is not a site admin. Give it an org API key (Settings → Group write path: Organization Admin API) or choose a site admin to act as.',
        'write-path',
      );
    if (mode === 'impersonate-admin')
      return new GrantWriteError(
        `The admin the app acts as (${settings.groupWritePath.adminAccountId}) may not change groups: choose a site admin in Settings, or use the org API key.`,
        'write-path',
      );
    return new GrantWriteError(
      e.status === 401
        ? 'The org API key was refused (invalid or expired). Create a new key in admin.atlassian.com and save it in Settings.'
        : 'The org API key may not change this directory’s groups (a key for another organization, or without the needed permission). Check the org and directory ids and the key in Settings.',
      'write-path',
    );
  }
  if (e.kind === 'not-found')
    return new GrantWriteError(
      `${describeGrant(grant)} no longer exists (deleted or renamed id). Edit the rules that grant it.`,
      'target',
    );
  if (e.kind === 'rejected')
    return new GrantWriteError(`The site refused to change ${describeGrant(grant)}: ${e.message}`, 'target');
  return undefined;
}

/**
 * Chooses the group path from the settings; project roles always go through Jira's role API. Every add passes the
 * guard first: a privileged target is refused before anything is sent to the site.
 */
export function createGrantWriter(
  clients: ApiClients,
  settings: AppSettings,
  guard: GrantGuard,
): GrantWriter {
  const path = settings.groupWritePath;
  const jiraForGroups: JiraClient | undefined =
    path.mode === 'app-account'
      ? clients.jira
      : path.mode === 'impersonate-admin'
        ? clients.jiraAs(path.adminAccountId)
        : undefined;
  const jiraForRoles = path.mode === 'impersonate-admin' ? clients.jiraAs(path.adminAccountId) : clients.jira;

  async function guarded<T>(grant: Grant, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AtlassianApiError && e.transient) throw e;
      throw writePathAdvice(settings, e, grant) ?? e;
    }
  }

  async function addGroup(groupId: string, accountId: string): Promise<AddResult> {
    try {
      if (jiraForGroups) await jiraForGroups.addUserToGroup(groupId, accountId);
      else if (clients.admin) await clients.admin.addGroupMember(groupId, accountId);
      else
        throw new GrantWriteError(
          'The group write path is the Organization Admin API, but the org id, directory id or org API key is missing in Settings.',
          'write-path',
        );
      return 'added';
    } catch (e) {
      if (
        e instanceof AtlassianApiError &&
        ((e.status === 400 && ALREADY.test(messageOf(e))) || e.status === 409)
      )
        return 'already-held';
      throw e;
    }
  }

  async function removeGroup(groupId: string, accountId: string): Promise<RemoveResult> {
    try {
      if (jiraForGroups) await jiraForGroups.removeUserFromGroup(groupId, accountId);
      else if (clients.admin) await clients.admin.removeGroupMember(groupId, accountId);
      else throw new GrantWriteError('The org API key is missing in Settings.', 'write-path');
      return 'removed';
    } catch (e) {
      if (
        e instanceof AtlassianApiError &&
        (e.status === 400 || e.status === 404) &&
        NOT_MEMBER.test(messageOf(e))
      )
        return 'not-held';
      throw e;
    }
  }

  return {
    describe:
      path.mode === 'org-admin-api'
        ? 'Organization Admin API (org API key)'
        : path.mode === 'impersonate-admin'
          ? 'Jira, acting as the site admin chosen in Settings'
          : 'Jira, as the app’s own account',
    add: async (grant, accountId) => {
      await guard.check(grant);
      return guarded(grant, async () => {
        if (grant.kind === 'group') return addGroup(grant.groupId, accountId);
        try {
          await jiraForRoles.addProjectRoleActor(grant.projectId, grant.roleId, accountId);
          return 'added';
        } catch (e) {
          if (e instanceof AtlassianApiError && e.status === 400 && ALREADY.test(messageOf(e)))
            return 'already-held';
          throw e;
        }
      });
    },
    remove: (grant, accountId) =>
      guarded(grant, async () => {
        if (grant.kind === 'group') return removeGroup(grant.groupId, accountId);
        try {
          await jiraForRoles.removeProjectRoleActor(grant.projectId, grant.roleId, accountId);
          return 'removed';
        } catch (e) {
          if (
            e instanceof AtlassianApiError &&
            (e.status === 400 || e.status === 404) &&
            NOT_MEMBER.test(messageOf(e))
          )
            return 'not-held';
          throw e;
        }
      }),
  };
}
