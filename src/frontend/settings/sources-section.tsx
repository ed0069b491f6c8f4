// Where user attributes come from: the Atlassian account, SCIM, the org directory and signed pushes.
import { Heading, Stack, Text } from '@forge/react';
import type { AppSettings, ReplyFieldError } from '../../shared/contract';
import { ToggleRow } from '../common/toggle-row';

export interface SourcesSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

export function SourcesSection({ settings, onChange }: SourcesSectionProps) {
  const sources = settings.sources;
  const setSources = (patch: Partial<AppSettings['sources']>) =>
    onChange({ ...settings, sources: { ...sources, ...patch } });
  return (
    <Stack space="space.150">
      <Heading size="medium">Attribute sources</Heading>
      <Text>Rules see the attributes these sources provide; a source that is off is never asked.</Text>
      <ToggleRow
        id="source-email"
        label="Atlassian account profile (email, name, job title, department)"
        isChecked={sources.email}
        onChange={() => setSources({ email: !sources.email })}
      />
      <ToggleRow
        id="source-scim"
        label="SCIM user provisioning (identity-provider groups and attributes)"
        isChecked={sources.scim.enabled}
        onChange={() => setSources({ scim: { enabled: !sources.scim.enabled } })}
      />
      {sources.scim.enabled ? (
        <Text>
          SCIM reads the directory whose id is under Organization and credentials, with its SCIM key.
        </Text>
      ) : null}
      <ToggleRow
        id="source-org-directory"
        label="Organization directory (Admin API; needs the organization API key)"
        isChecked={sources.orgDirectory.enabled}
        onChange={() => setSources({ orgDirectory: { enabled: !sources.orgDirectory.enabled } })}
      />
      <ToggleRow
        id="source-pushed"
        label="Attributes pushed by the identity provider (user.custom.…)"
        isChecked={sources.pushed}
        onChange={() => setSources({ pushed: !sources.pushed })}
      />
    </Stack>
  );
}
