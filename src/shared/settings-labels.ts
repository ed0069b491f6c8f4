// How the audit log names each setting and its value: the labels the Settings tab shows, never a field path, and
// no account id (the audit's Who column and the Settings tab say who). English on purpose: this is the text
// stored in audit records (data, shown as written); the page names the settings with its own `settings.*` keys.
import type { GroupWritePath } from './settings';

/** Each setting's label, by its dotted path in AppSettings. */
export const SETTING_LABELS: Readonly<Record<string, string>> = {
  'sources.email': 'Atlassian account profile source',
  'sources.scim.enabled': 'SCIM user provisioning source',
  'sources.orgDirectory.enabled': 'Organization directory source',
  'sources.pushed': 'Attributes pushed by the identity provider',
  'org.orgId': 'Organization id',
  'org.directoryId': 'Directory id',
  'groupWritePath.mode': 'Group write path',
  'groupWritePath.adminAccountId': 'Site admin to act as',
  'provisioning.enabled': 'Provision users when they sign in or change',
  'provisioning.coalesceSeconds': 'Coalesce events for one user (seconds)',
  auditRetentionDays: 'Keep the audit log for (days)',
};

const WRITE_PATH_LABELS: Readonly<Record<GroupWritePath['mode'], string>> = {
  'org-admin-api': 'Organization Admin API',
  'impersonate-admin': 'Act as a site admin',
  'app-account': "The app's own account",
};

/** `Group write path: Act as a site admin`, `SCIM user provisioning source: on`, `Organization id: changed`. */
export function describeSettingChange(path: string, value: unknown): string {
  const label = SETTING_LABELS[path] ?? path;
  if (value === null || value === undefined) return `${label}: cleared`;
  if (typeof value === 'boolean') return `${label}: ${value ? 'on' : 'off'}`;
  if (typeof value === 'number') return `${label}: ${value.toLocaleString('en-US')}`;
  if (path === 'groupWritePath.mode' && typeof value === 'string' && value in WRITE_PATH_LABELS)
    return `${label}: ${WRITE_PATH_LABELS[value as GroupWritePath['mode']]}`;
  return `${label}: changed`;
}
