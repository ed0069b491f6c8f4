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
import { useText } from '../i18n/text-provider';
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
  const text = useText();
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
      <Heading size="medium">{text.t('settings.credentials.heading')}</Heading>
      <Text>{text.t('settings.credentials.intro')}</Text>
      <TextInput
        id="org-id"
        label={text.t('settings.credentials.orgId')}
        value={settings.org.orgId ?? ''}
        onChange={(v) => setOrg({ orgId: idOrNull(v) })}
        errors={errorsFor('org.orgId')}
        help={text.t('settings.credentials.orgIdHelp')}
      />
      <TextInput
        id="org-directory-id"
        label={text.t('settings.credentials.directoryId')}
        value={settings.org.directoryId ?? ''}
        onChange={(v) => setOrg({ directoryId: idOrNull(v) })}
        errors={errorsFor('org.directoryId')}
        help={text.t('settings.credentials.directoryIdHelp')}
      />
      {secretField('org-api-key')}
      <ConnectionTest
        target="org-api"
        label={text.t('settings.credentials.testOrgApi')}
        settings={settings}
      />
      {secretField('scim-directory-key')}
      <ConnectionTest target="scim" label={text.t('settings.credentials.testScim')} settings={settings} />
      {secretField('webtrigger-secret')}
      <Stack space="space.050">
        <Text weight="medium">{text.t('settings.credentials.pushUrl')}</Text>
        {props.idpPushUrl ? (
          <Code>{props.idpPushUrl}</Code>
        ) : (
          <SectionMessage appearance="warning" title={text.t('settings.credentials.noPushUrlTitle')}>
            <Text>{props.idpPushUrlProblem ?? text.t('settings.credentials.pushUrlUnavailable')}</Text>
          </SectionMessage>
        )}
        <Text>{text.t('settings.credentials.pushUrlHint')}</Text>
      </Stack>
    </Stack>
  );
}
