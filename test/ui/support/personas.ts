// The people UI tests view the page as: the seeded site admin, the Jira admin, and an ordinary member.
import { previewPersonas } from '../../../emulator/preview/server/personas';
import type { AppHarness } from '../../support/app-harness';

export interface Viewers {
  siteAdmin: string;
  jiraAdmin: string;
  member: string;
}

export function viewers(app: AppHarness): Viewers {
  const [siteAdmin, jiraAdmin, member] = previewPersonas(app.site);
  if (!siteAdmin || !jiraAdmin || !member)
    throw new Error('the demo site lacks a site admin, Jira admin or member');
  return { siteAdmin: siteAdmin.accountId, jiraAdmin: jiraAdmin.accountId, member: member.accountId };
}
