// Where user attributes come from: the Atlassian account, SCIM, the org directory and signed pushes.
import { Heading, Stack, Text } from '@forge/react';
import type { AppSettings, ReplyFieldError } from '../../shared/contract';
import { ToggleRow } from '../common/toggle-row';
import { useText } from '../i18n/text-provider';

export interface SourcesSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

export function SourcesSection({ settings, onChange }: SourcesSectionProps) {
  const text = useText();
  const sources = settings.sources;
  const setSources = (patch: Partial<AppSettings['sources']>) =>
    onChange({ ...settings, sources: { ...sources, ...patch } });
  return (
    <Stack space="space.150">
      <Heading size="medium">{text.t('settings.sources.heading')}</Heading>
      <Text>{text.t('settings.sources.intro')}</Text>
      <ToggleRow
        id="source-email"
        label={text.t('settings.sources.email')}
        isChecked={sources.email}
        onChange={() => setSources({ email: !sources.email })}
      />
      <ToggleRow
        id="source-scim"
        label={text.t('settings.sources.scim')}
        isChecked={sources.scim.enabled}
        onChange={() => setSources({ scim: { enabled: !sources.scim.enabled } })}
      />
      {sources.scim.enabled ? <Text>{text.t('settings.sources.scimNote')}</Text> : null}
      <ToggleRow
        id="source-org-directory"
        label={text.t('settings.sources.orgDirectory')}
        isChecked={sources.orgDirectory.enabled}
        onChange={() => setSources({ orgDirectory: { enabled: !sources.orgDirectory.enabled } })}
      />
      <ToggleRow
        id="source-pushed"
        label={text.t('settings.sources.pushed')}
        isChecked={sources.pushed}
        onChange={() => setSources({ pushed: !sources.pushed })}
      />
    </Stack>
  );
}
