// The organization, its write-only credentials and where the identity provider pushes attributes, with a
// connection test for each credential.
import { Code, Heading, SectionMessage, Stack, Text } from '@forge/react';
import type {
  AppSettings,
  ReplyError,
  ReplyFieldError,
  SecretName,
  SecretStatus,
} from '../../shared/contract';
import { TextInput } from '../common/text-input';
import { ConnectionTest } from './connection-test';
import { SecretField, type PendingSecret } from './secret-field';
import { idOrNull } from './settings-draft';

export interface CredentialsSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
  secrets: readonly SecretStatus[];
  /** Secret changes typed but not saved yet: saved with the rest of the tab. */
  pendingSecrets: Partial<Record<SecretName, PendingSecret>>;
  secretErrors: Partial<Record<SecretName, ReplyError>>;
  secretGeneration: number;
  onSecretPending: (name: SecretName, pending: PendingSecret) => void;
  idpPushUrl: string | null;
  idpPushUrlProblem: string | null;
}

export function CredentialsSection(props: CredentialsSectionProps) {
  const { settings, onChange, errorsFor, secrets } = props;
  const statusOf = (name: SecretName): SecretStatus =>
    secrets.find((s) => s.name === name) ?? { name, isSet: false, updatedAt: null, updatedBy: null };
  const secretField = (name: SecretName) => (
    <SecretField
      status={statusOf(name)}
      pending={props.pendingSecrets[name]}
      generation={props.secretGeneration}
      error={props.secretErrors[name] ?? null}
      onPending={(pending) => props.onSecretPending(name, pending)}
    />
  );
  const setOrg = (patch: Partial<AppSettings['org']>) =>
    onChange({ ...settings, org: { ...settings.org, ...patch } });
  return (
    <Stack space="space.200">
      <Heading size="medium">Organization and credentials</Heading>
      <Text>
        Keys are write-only: this page shows whether each is set, never its value. A key you paste is saved
        with Save settings, and connection tests use the saved keys.
      </Text>
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
      {secretField('org-api-key')}
      <ConnectionTest target="org-api" label="Test the organization API" settings={settings} />
      {secretField('scim-directory-key')}
      <ConnectionTest target="scim" label="Test SCIM" settings={settings} />
      {secretField('webtrigger-secret')}
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
