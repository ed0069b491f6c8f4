// Who the preview can show the page as: the seeded site admin, the seeded Jira admin, and an ordinary member
// (to see the app refuse non-admins), all read from the emulated site.
import type { Site } from '../../site/site';

export interface Persona {
  accountId: string;
  displayName: string;
  email: string;
  role: string;
  timeZone: string;
}

export type PersonaSite = Pick<Site, 'credentials' | 'account' | 'groupMembers'>;

const ADMIN_GROUPS = new Set(['site-admins', 'jira-administrators', 'administrators', 'confluence-admins']);

function persona(site: PersonaSite, idOrEmail: string, role: string): Persona | undefined {
  const account = site.account(idOrEmail);
  if (!account) return undefined;
  return {
    accountId: account.accountId,
    displayName: account.displayName,
    email: account.email,
    role,
    timeZone: account.timeZone,
  };
}

/** The first (by display name) active Jira user who belongs to no admin group. */
function ordinaryMember(site: PersonaSite): Persona | undefined {
  const candidates = site
    .groupMembers('jira-software-users')
    .flatMap((id) => {
      const account = site.account(id);
      return account ? [account] : [];
    })
    .filter((a) => a.accountType === 'atlassian' && a.active && !a.groups.some((g) => ADMIN_GROUPS.has(g)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const member = candidates[0];
  return member ? persona(site, member.accountId, 'member, not an admin') : undefined;
}

export function previewPersonas(site: PersonaSite): Persona[] {
  const credentials = site.credentials();
  return [
    persona(site, credentials.siteAdmin.email, 'site admin'),
    persona(site, credentials.jiraAdmin.email, 'Jira admin, not a site admin'),
    ordinaryMember(site),
  ].filter((p): p is Persona => p !== undefined);
}
