// Provisioning on or off, how long events for one user are coalesced, and how long the audit log is kept.
import { Heading, Stack } from '@forge/react';
import type { AppSettings, ReplyFieldError } from '../../shared/contract';
import { TextInput, wholeNumber } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';

export interface RetentionSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

export function RetentionSection({ settings, onChange, errorsFor }: RetentionSectionProps) {
  const provisioning = settings.provisioning;
  return (
    <Stack space="space.150">
      <Heading size="medium">Provisioning and retention</Heading>
      <ToggleRow
        id="provisioning-enabled"
        label="Provision users when they sign in or change"
        isChecked={provisioning.enabled}
        onChange={() =>
          onChange({ ...settings, provisioning: { ...provisioning, enabled: !provisioning.enabled } })
        }
      />
      <TextInput
        id="coalesce-seconds"
        label="Coalesce events for one user (seconds)"
        type="number"
        value={Number.isNaN(provisioning.coalesceSeconds) ? '' : String(provisioning.coalesceSeconds)}
        onChange={(v) =>
          onChange({ ...settings, provisioning: { ...provisioning, coalesceSeconds: wholeNumber(v) } })
        }
        errors={errorsFor('provisioning.coalesceSeconds')}
        help="0 to 300. Several changes to one user within this window are handled once."
      />
      <TextInput
        id="audit-retention-days"
        label="Keep the audit log for (days)"
        type="number"
        value={Number.isNaN(settings.auditRetentionDays) ? '' : String(settings.auditRetentionDays)}
        onChange={(v) => onChange({ ...settings, auditRetentionDays: wholeNumber(v) })}
        errors={errorsFor('auditRetentionDays')}
        help="Between 7 and 3,650 days; older entries are removed by the daily pass."
      />
    </Stack>
  );
}
