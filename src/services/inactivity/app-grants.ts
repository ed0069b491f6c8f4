// Grants the app itself made and their dates, for users a decision might warn or act on: licence groups a rule
// granted (the provisioning ledger) and access an inactivity restore gave back. These are known at once, before
// the site's audit log shows them.
import { actionRowsOfAccount } from '../../storage/inactivity-record-repository';
import { ledgerForAccount } from '../../storage/ledger-repository';
import type { AppGrants } from './user-facts';

/** Restores are rare per user; the newest rows are the ones that can matter. */
const ACTION_ROWS_READ = 50;

export async function appGrantsOf(accountId: string): Promise<AppGrants> {
  const [ledger, actionRows] = await Promise.all([
    ledgerForAccount(accountId),
    actionRowsOfAccount(accountId, { max: ACTION_ROWS_READ }),
  ]);
  const groups = new Map<string, number>();
  const note = (groupId: string, at: number) => {
    if (Number.isFinite(at)) groups.set(groupId, Math.max(groups.get(groupId) ?? at, at));
  };
  for (const row of ledger) {
    // An intent still `adding` may have reached the site already: counted as a grant at its start.
    if (row.grant.kind === 'group' && (row.state === 'granted' || row.state === 'adding'))
      note(row.grant.groupId, Math.max(row.grantedAt, row.intentAt));
  }
  let reactivatedAt: number | null = null;
  for (const row of actionRows) {
    const restore = row.restore;
    if (!restore) continue;
    for (const groupId of restore.regrantedGroupIds) note(groupId, restore.at);
    if (restore.accountRestored) reactivatedAt = Math.max(reactivatedAt ?? restore.at, restore.at);
  }
  return { groups, reactivatedAt };
}
