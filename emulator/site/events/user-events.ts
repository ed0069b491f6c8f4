// Payloads of the Forge user events, as documented: Jira `{eventType, user}`; Confluence `{eventType,
// eventCreatedDate, user}` with the email and names replaced by the accountId for privacy.
import type { ProductEvent } from '../../contracts';
import { userJson } from '../jira/representations';
import type { SiteState } from '../state/site-state';
import type { Account } from '../state/types';

export type JiraUserEventType = 'avi:jira:created:user' | 'avi:jira:updated:user';

export function jiraUserEvent(
  state: SiteState,
  eventType: JiraUserEventType,
  account: Account,
): ProductEvent {
  return {
    eventType,
    payload: {
      eventType,
      user: userJson(state, account, { single: true, expandGroups: true, expandApplicationRoles: true }),
    },
  };
}

export function confluenceUserCreatedEvent(account: Account, now: number): ProductEvent {
  const id = account.accountId;
  const eventType = 'avi:confluence:created:user';
  return {
    eventType,
    payload: {
      eventType,
      eventCreatedDate: new Date(now).toISOString(),
      user: {
        type: 'known',
        username: id,
        accountId: id,
        accountType: account.accountType,
        email: id,
        publicName: id,
        profilePicture: { path: `/wiki/aa-avatar/${id}`, width: 48, height: 48, isDefault: false },
        displayName: id,
        isExternalCollaborator: false,
      },
    },
  };
}
