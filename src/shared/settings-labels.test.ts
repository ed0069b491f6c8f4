// Settings changes as the audit log words them: labels and plain values, never a field path or an account id.
import { describeSettingChange, SETTING_LABELS } from './settings-labels';
import { DEFAULT_SETTINGS } from './settings';

function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

it('labels every setting the page can change', () => {
  const paths = [...leaves(DEFAULT_SETTINGS), 'groupWritePath.adminAccountId'];
  expect(paths.filter((p) => !(p in SETTING_LABELS))).toEqual([]);
});

it('words values plainly and never repeats an account id', () => {
  expect(describeSettingChange('sources.scim.enabled', true)).toBe('SCIM user provisioning source: on');
  expect(describeSettingChange('groupWritePath.mode', 'impersonate-admin')).toBe(
    'Group write path: Act as a site admin',
  );
  expect(describeSettingChange('groupWritePath.adminAccountId', '712020:abc')).toBe(
    'Site admin to act as: changed',
  );
  expect(describeSettingChange('auditRetentionDays', 1000)).toBe('Keep the audit log for (days): 1,000');
  expect(describeSettingChange('org.orgId', null)).toBe('Organization id: cleared');
});
