// Changes a user's access for the clean-up: licence-group membership through the write path the settings choose
// (Admin API with the org key, Jira as an impersonated site admin, or Jira as the app), and org-wide suspension.
import { AtlassianApiError, ProxyRefusedError } from '../../clients/api-error';
import type { AdminClient } from '../../clients/admin-client';
import type { JiraClient } from '../../clients/jira-client';
import type { AppSettings } from '../../shared/settings';
import type { ApiClients } from '../api-clients';

/** A change the site refused in a way retrying will not fix; the message says what an admin can do. */
export class AccessChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessChangeError';
  }
}

export interface AccessWriter {
  removeFromGroup(groupId: string, accountId: string): Promise<'removed' | 'not-member'>;
  addToGroup(groupId: string, accountId: string): Promise<'added' | 'already-member'>;
  suspend(accountId: string): Promise<void>;
  restore(accountId: string): Promise<void>;
  readonly describe: string;
}

const NOT_MEMBER = /not (a )?member|is not in/i;
const ALREADY_MEMBER = /already (a )?member|already exists/i;
const SYNCED = /synced|identity provider/i;

function bodyText(e: AtlassianApiError): string {
  return typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? '');
}

/** Transient failures propagate for the caller to retry later; permanent ones become a named AccessChangeError. */
function explain(e: unknown, what: string, path: string): never {
  if (e instanceof AtlassianApiError && e.transient) throw e;
  if (e instanceof ProxyRefusedError && e.reason === 'impersonation') {
    throw new AccessChangeError(
      `${what} failed: the admin the app acts as cannot use the app (Forge lets an app act only as an active account with access to Jira or Confluence on this site). Give them product access, or choose another group write path.`,
    );
  }
  if (e instanceof AtlassianApiError) {
    if (SYNCED.test(bodyText(e))) {
      throw new AccessChangeError(
        `${what} failed: the group is synced from the identity provider; change it there, or exclude the group.`,
      );
    }
    if (e.kind === 'forbidden') {
      throw new AccessChangeError(
        `${what} failed: ${path} was refused (${e.status}). Check the group write path and its credentials in Settings.`,
      );
    }
    throw new AccessChangeError(`${what} failed: ${e.message}`);
  }
  throw e;
}

function jiraWriter(jira: JiraClient, path: string): Pick<AccessWriter, 'removeFromGroup' | 'addToGroup'> {
  return {
    async removeFromGroup(groupId, accountId) {
      try {
        await jira.removeUserFromGroup(groupId, accountId);
        return 'removed';
      } catch (e) {
        if (e instanceof AtlassianApiError && e.kind === 'rejected' && NOT_MEMBER.test(bodyText(e)))
          return 'not-member';
        return explain(e, `Removing ${accountId} from group ${groupId}`, path);
      }
    },
    async addToGroup(groupId, accountId) {
      try {
        await jira.addUserToGroup(groupId, accountId);
        return 'added';
      } catch (e) {
        if (e instanceof AtlassianApiError && e.kind === 'rejected' && ALREADY_MEMBER.test(bodyText(e)))
          return 'already-member';
        return explain(e, `Adding ${accountId} to group ${groupId}`, path);
      }
    },
  };
}

function adminWriter(admin: AdminClient): Pick<AccessWriter, 'removeFromGroup' | 'addToGroup'> {
  const path = 'the Admin API (org key)';
  return {
    async removeFromGroup(groupId, accountId) {
      try {
        await admin.removeGroupMember(groupId, accountId);
        return 'removed';
      } catch (e) {
        if (e instanceof AtlassianApiError && e.kind === 'not-found' && NOT_MEMBER.test(bodyText(e)))
          return 'not-member';
        return explain(e, `Removing ${accountId} from group ${groupId}`, path);
      }
    },
    async addToGroup(groupId, accountId) {
      try {
        await admin.addGroupMember(groupId, accountId);
        return 'added';
      } catch (e) {
        if (e instanceof AtlassianApiError && e.status === 409 && ALREADY_MEMBER.test(bodyText(e)))
          return 'already-member';
        return explain(e, `Adding ${accountId} to group ${groupId}`, path);
      }
    },
  };
}

function noAdmin(what: string): never {
  throw new AccessChangeError(
    `${what} needs the Admin API: set the organization id, directory id and org API key in Settings.`,
  );
}

export function accessWriter(settings: AppSettings, clients: ApiClients): AccessWriter {
  const { admin } = clients;
  const mode = settings.groupWritePath;
  let groups: Pick<AccessWriter, 'removeFromGroup' | 'addToGroup'>;
  let describe: string;
  if (mode.mode === 'org-admin-api') {
    groups = admin
      ? adminWriter(admin)
      : {
          removeFromGroup: () => noAdmin('Removing a licence group'),
          addToGroup: () => noAdmin('Re-adding a licence group'),
        };
    describe = 'Admin API group memberships (org key)';
  } else if (mode.mode === 'impersonate-admin') {
    describe = `Jira as site admin ${mode.adminAccountId}`;
    groups = jiraWriter(clients.jiraAs(mode.adminAccountId), describe);
  } else {
    describe = "Jira as the app's own account";
    groups = jiraWriter(clients.jira, describe);
  }
  return {
    ...groups,
    describe,
    async suspend(accountId) {
      if (!admin) noAdmin('Suspending an account');
      try {
        await admin.suspend(accountId);
      } catch (e) {
        explain(e, `Suspending ${accountId}`, 'the Admin API (org key)');
      }
    },
    async restore(accountId) {
      if (!admin) noAdmin('Restoring an account');
      try {
        await admin.restore(accountId);
      } catch (e) {
        explain(e, `Restoring ${accountId}`, 'the Admin API (org key)');
      }
    },
  };
}
