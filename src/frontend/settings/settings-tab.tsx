// Settings: attribute sources, organization and credentials, the group write path, provisioning and retention,
// and privileged targets. One draft is edited and saved together; secrets are saved one by one and are never read
// back. Organization-wide, so an admin the backend says may not change them sees them read-only, with why.
import { useEffect, useState } from 'react';
import { Button, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { AppSettings, SecretStatus } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { formatCount } from '../common/format';
import { Loading } from '../common/loading';
import { ReadOnlyReason } from '../common/read-only';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { CredentialsSection } from './credentials-section';
import { PrivilegedTargetsSection } from './privileged-targets-section';
import { RetentionSection } from './retention-section';
import { settingsErrors } from './settings-draft';
import { SourcesSection } from './sources-section';
import { WritePathSection } from './write-path-section';

/** The settings fields this tab shows errors beside; anything else is listed with the save error. */
const CLAIMED_FIELDS = [
  'org.orgId',
  'org.directoryId',
  'groupWritePath.mode',
  'groupWritePath.adminAccountId',
  'provisioning.coalesceSeconds',
  'auditRetentionDays',
];

export function SettingsTab({ product }: { product: 'jira' | 'confluence' }) {
  const loaded = useResolver('settings.get', {});
  const save = useAction('settings.save');
  const [draft, setDraft] = useState<AppSettings | null>(null);
  const [secrets, setSecrets] = useState<SecretStatus[]>([]);
  const [saved, setSaved] = useState(false);

  const view = loaded.state.value;
  useEffect(() => {
    if (view) {
      setDraft(view.settings);
      setSecrets(view.secrets);
    }
  }, [view]);

  if (!view || !draft) {
    if (loaded.state.status === 'error')
      return (
        <ReplyErrorMessage error={loaded.state.error} action="Loading the settings" onRetry={loaded.reload} />
      );
    return <Loading what="the settings" />;
  }

  const errorsFor = (field: string) => settingsErrors([save.error], field);
  const shown = CLAIMED_FIELDS.flatMap(errorsFor);
  const edit = (next: AppSettings) => {
    setSaved(false);
    setDraft(next);
  };
  const submit = async () => {
    const reply = await save.run({ settings: draft });
    if (reply.ok) {
      loaded.set(reply.value);
      setSaved(true);
    }
  };
  const onSecretChanged = (status: SecretStatus) =>
    setSecrets((all) => [...all.filter((s) => s.name !== status.name), status]);

  const readOnly = view.readOnly;
  return (
    <ReadOnlyReason.Provider value={readOnly}>
      <Stack space="space.300">
        <Text>
          Shared by the Jira and Confluence admin pages; you are {readOnly ? 'viewing' : 'editing'} from{' '}
          {product === 'jira' ? 'Jira' : 'Confluence'}.
        </Text>
        {readOnly ? (
          <SectionMessage appearance="information" title="Read-only for you" testId="settings-read-only">
            <Text>{readOnly}</Text>
          </SectionMessage>
        ) : null}
        {view.problem ? (
          <SectionMessage appearance="warning" title="The saved settings could not be read">
            <Text>{view.problem} Defaults are shown; save to replace them.</Text>
          </SectionMessage>
        ) : null}
        <SourcesSection settings={draft} onChange={edit} errorsFor={errorsFor} />
        <CredentialsSection
          settings={draft}
          onChange={edit}
          errorsFor={errorsFor}
          secrets={secrets}
          onSecretChanged={onSecretChanged}
          idpPushUrl={view.idpPushUrl}
          idpPushUrlProblem={view.idpPushUrlProblem}
        />
        <WritePathSection settings={draft} onChange={edit} errorsFor={errorsFor} />
        <RetentionSection settings={draft} onChange={edit} errorsFor={errorsFor} />
        {save.error ? (
          <ReplyErrorMessage
            error={save.error}
            action={`Saving the settings${shown.length ? ` (${formatCount(shown.length, 'problem')})` : ''}`}
            shownFields={shown}
          />
        ) : null}
        {saved ? (
          <SectionMessage appearance="success" title="Settings saved">
            <Text>Provisioning uses them from the next user it works on.</Text>
          </SectionMessage>
        ) : null}
        {readOnly ? null : (
          <Inline space="space.100">
            <Button
              appearance="primary"
              testId="settings-save"
              isDisabled={save.busy}
              onClick={() => void submit()}
            >
              {save.busy ? 'Saving…' : 'Save settings'}
            </Button>
            <Button
              appearance="subtle"
              onClick={() => {
                setSaved(false);
                setDraft(view.settings);
                save.clearError();
              }}
            >
              Discard changes
            </Button>
          </Inline>
        )}
        <PrivilegedTargetsSection />
      </Stack>
    </ReadOnlyReason.Provider>
  );
}
