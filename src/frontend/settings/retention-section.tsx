// Provisioning on or off, how long events for one user are coalesced, and how long the audit log is kept.
import { Heading, Stack } from '@forge/react';
import type { AppSettings, ReplyFieldError } from '../../shared/contract';
import { TextInput, wholeNumber } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';
import { useText } from '../i18n/text-provider';

/** The ranges src/shared/settings.ts accepts, shown in the help as numbers in the viewer's format. */
const COALESCE_SECONDS = { min: 0, max: 300 };
const RETENTION_DAYS = { min: 7, max: 3650 };

export interface RetentionSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

export function RetentionSection({ settings, onChange, errorsFor }: RetentionSectionProps) {
  const text = useText();
  const provisioning = settings.provisioning;
  return (
    <Stack space="space.150">
      <Heading size="medium">{text.t('settings.retention.heading')}</Heading>
      <ToggleRow
        id="provisioning-enabled"
        label={text.t('settings.retention.provisioning')}
        isChecked={provisioning.enabled}
        onChange={() =>
          onChange({ ...settings, provisioning: { ...provisioning, enabled: !provisioning.enabled } })
        }
      />
      <TextInput
        id="coalesce-seconds"
        label={text.t('settings.retention.coalesce')}
        type="number"
        value={Number.isNaN(provisioning.coalesceSeconds) ? '' : String(provisioning.coalesceSeconds)}
        onChange={(v) =>
          onChange({ ...settings, provisioning: { ...provisioning, coalesceSeconds: wholeNumber(v) } })
        }
        errors={errorsFor('provisioning.coalesceSeconds')}
        help={text.t('settings.retention.coalesceHelp', COALESCE_SECONDS)}
      />
      <TextInput
        id="audit-retention-days"
        label={text.t('settings.retention.auditDays')}
        type="number"
        value={Number.isNaN(settings.auditRetentionDays) ? '' : String(settings.auditRetentionDays)}
        onChange={(v) => onChange({ ...settings, auditRetentionDays: wholeNumber(v) })}
        errors={errorsFor('auditRetentionDays')}
        help={text.t('settings.retention.auditDaysHelp', RETENTION_DAYS)}
      />
    </Stack>
  );
}
