// Settings: attribute sources, organization and credentials, the group write path, provisioning and retention,
// and privileged targets. One save model: fields and pasted keys are a draft, marked "Unsaved changes", saved
// together by "Save settings" or discarded together; keys are never read back. Organization-wide, so an admin
// the backend says may not change them sees them read-only, with why.
import { useEffect, useState } from 'react';
import { Button, Inline, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { AppSettings, ReplyError, SecretName, SecretStatus } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReadOnlyReason } from '../common/read-only';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { CredentialsSection } from './credentials-section';
import { PrivilegedTargetsSection } from './privileged-targets-section';
import type { PendingSecret } from './secret-field';
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

// i18n-exempt: product names, the same in every language
const PRODUCT_NAMES = { jira: 'Jira', confluence: 'Confluence' } as const;

export function SettingsTab({ product }: { product: 'jira' | 'confluence' }) {
  const text = useText();
  const loaded = useResolver('settings.get', {});
  const save = useAction('settings.save');
  const setSecret = useAction('settings.setSecret');
  const clearSecret = useAction('settings.clearSecret');
  const [draft, setDraft] = useState<AppSettings | null>(null);
  const [secrets, setSecrets] = useState<SecretStatus[]>([]);
  const [pendingSecrets, setPendingSecrets] = useState<Partial<Record<SecretName, PendingSecret>>>({});
  const [secretErrors, setSecretErrors] = useState<Partial<Record<SecretName, ReplyError>>>({});
  const [secretGeneration, setSecretGeneration] = useState(0);
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
        <ReplyErrorMessage
          error={loaded.state.error}
          action={text.t('settings.loadingAction')}
          onRetry={loaded.reload}
        />
      );
    return <Loading what="settings" />;
  }

  const errorsFor = (field: string) => settingsErrors([save.error], field);
  const shown = CLAIMED_FIELDS.flatMap(errorsFor);
  const edit = (next: AppSettings) => {
    setSaved(false);
    setDraft(next);
  };
  const settingsChanged = JSON.stringify(draft) !== JSON.stringify(view.settings);
  const secretChanges = Object.entries(pendingSecrets).filter(
    (entry): entry is [SecretName, string | null] => entry[1] !== undefined,
  );
  const unsaved = settingsChanged || secretChanges.length > 0;
  const busy = save.busy || setSecret.busy || clearSecret.busy;
  const onSecretPending = (name: SecretName, pending: PendingSecret) => {
    setSaved(false);
    setPendingSecrets((all) => ({ ...all, [name]: pending }));
  };
  const submit = async () => {
    setSaved(false);
    if (settingsChanged || secretChanges.length === 0) {
      const reply = await save.run({ settings: draft });
      if (!reply.ok) return;
      loaded.set(reply.value);
    }
    // Then each key: one that fails keeps its typed value and shows why; the others are saved.
    const failed: Partial<Record<SecretName, ReplyError>> = {};
    const left: Partial<Record<SecretName, PendingSecret>> = {};
    for (const [name, value] of secretChanges) {
      const reply = value === null ? await clearSecret.run({ name }) : await setSecret.run({ name, value });
      if (reply.ok) {
        const status = reply.value;
        setSecrets((all) => [...all.filter((s) => s.name !== status.name), status]);
      } else {
        failed[name] = reply.error;
        left[name] = value;
      }
    }
    setSecretErrors(failed);
    setPendingSecrets(left);
    if (Object.keys(failed).length === 0) {
      setSecretGeneration((g) => g + 1);
      setSaved(true);
    }
  };
  const discard = () => {
    setSaved(false);
    setDraft(view.settings);
    setPendingSecrets({});
    setSecretErrors({});
    setSecretGeneration((g) => g + 1);
    save.clearError();
  };

  const readOnly = view.readOnly;
  return (
    <ReadOnlyReason.Provider value={readOnly}>
      <Stack space="space.300">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text>
            {text.t(readOnly ? 'settings.sharedViewing' : 'settings.sharedEditing', {
              product: PRODUCT_NAMES[product],
            })}
          </Text>
          {unsaved ? <Lozenge appearance="moved">{text.t('settings.unsavedChanges')}</Lozenge> : null}
        </Inline>
        {readOnly ? (
          <SectionMessage
            appearance="information"
            title={text.t('settings.readOnlyTitle')}
            testId="settings-read-only"
          >
            <Text>{readOnly}</Text>
          </SectionMessage>
        ) : null}
        {view.problem ? (
          <SectionMessage appearance="warning" title={text.t('settings.unreadableTitle')}>
            <Text>{text.t('settings.unreadableBody', { problem: view.problem })}</Text>
          </SectionMessage>
        ) : null}
        <SourcesSection settings={draft} onChange={edit} errorsFor={errorsFor} />
        <CredentialsSection
          settings={draft}
          onChange={edit}
          errorsFor={errorsFor}
          secrets={secrets}
          pendingSecrets={pendingSecrets}
          secretErrors={secretErrors}
          secretGeneration={secretGeneration}
          onSecretPending={onSecretPending}
          idpPushUrl={view.idpPushUrl}
          idpPushUrlProblem={view.idpPushUrlProblem}
        />
        <WritePathSection settings={draft} onChange={edit} errorsFor={errorsFor} />
        <RetentionSection settings={draft} onChange={edit} errorsFor={errorsFor} />
        {save.error ? (
          <ReplyErrorMessage
            error={save.error}
            action={
              shown.length
                ? text.tn('settings.savingActionWithProblems', shown.length)
                : text.t('settings.savingAction')
            }
            shownFields={shown}
          />
        ) : null}
        {saved ? (
          <SectionMessage appearance="success" title={text.t('settings.savedTitle')}>
            <Text>{text.t('settings.savedBody')}</Text>
          </SectionMessage>
        ) : null}
        {readOnly ? null : (
          <Inline space="space.100" alignBlock="center">
            <Button
              appearance="primary"
              testId="settings-save"
              isDisabled={busy}
              onClick={() => void submit()}
            >
              {busy ? text.t('settings.savingButton') : text.t('settings.saveButton')}
            </Button>
            <Button appearance="subtle" isDisabled={!unsaved || busy} onClick={discard}>
              {text.t('settings.discardButton')}
            </Button>
            {unsaved ? (
              <Lozenge appearance="moved" testId="settings-unsaved">
                {text.t('settings.unsavedChanges')}
              </Lozenge>
            ) : null}
          </Inline>
        )}
        <PrivilegedTargetsSection />
      </Stack>
    </ReadOnlyReason.Provider>
  );
}
