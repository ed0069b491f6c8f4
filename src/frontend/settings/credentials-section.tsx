// The organization, its write-only credentials and where the identity provider pushes attributes, with a
// connection test for each credential.
import { Code, Heading, SectionMessage, Stack, Text } from '@forge/react';
import type { AppSettings, ReplyFieldError, SecretName, SecretStatus } from '../../shared/contract';
import { TextInput } from '../common/text-input';
import { ConnectionTest } from './connection-test';
import { SecretField } from './secret-field';
import { idOrNull } from './settings-draft';

export interface CredentialsSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
  secrets: readonly SecretStatus[];
  onSecretChanged: (status: SecretStatus) => void;
  idpPushUrl: string | null;
  idpPushUrlProblem: string | null;
}

export function CredentialsSection(props: CredentialsSectionProps) {
  const { settings, onChange, errorsFor, secrets, onSecretChanged } = props;
  const statusOf = (name: SecretName): SecretStatus =>
    secrets.find((s) => s.name === name) ?? { name, isSet: false, updatedAt: null, updatedBy: null };
  const setOrg = (patch: Partial<AppSettings['org']>) =>
    onChange({ ...settings, org: { ...settings.org, ...patch } });
  return (
    <Stack space="space.200">
      <Heading size="medium">Organization and credentials</Heading>
      <Text>Keys are write-only: this page shows whether each is set, never its value.</Text>
      <TextInput
        id="org-id"
        label="Organization id"
        value={settings.org.orgId ?? ''}
        onChange={(v) => setOrg({ orgId: idOrNull(v) })}
        errors={errorsFor('org.orgId')}
        help="admin.atlassian.com → the id in the address after /o/."
      />
      <TextInput
        id="org-directory-id"
        label="Directory id"
        value={settings.org.directoryId ?? ''}
        onChange={(v) => setOrg({ directoryId: idOrNull(v) })}
        errors={errorsFor('org.directoryId')}
        help="admin.atlassian.com → Security → Identity providers → your directory. SCIM and the Admin API both use it."
      />
      <SecretField status={statusOf('org-api-key')} onChanged={onSecretChanged} />
      <ConnectionTest target="org-api" label="Test the organization API" settings={settings} />
      <SecretField status={statusOf('scim-directory-key')} onChanged={onSecretChanged} />
      <ConnectionTest target="scim" label="Test SCIM" settings={settings} />
      <SecretField status={statusOf('webtrigger-secret')} onChanged={onSecretChanged} />
      <Stack space="space.050">
        <Text weight="medium">Attribute push URL</Text>
        {props.idpPushUrl ? (
          <Code>{props.idpPushUrl}</Code>
        ) : (
          <SectionMessage appearance="warning" title="No push URL">
            <Text>{props.idpPushUrlProblem ?? 'The web trigger URL is not available yet.'}</Text>
          </SectionMessage>
        )}
        <Text>Configure your identity provider to POST signed attribute updates to this address.</Text>
      </Stack>
    </Stack>
  );
}
