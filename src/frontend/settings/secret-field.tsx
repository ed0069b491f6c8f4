// A write-only credential: shows only whether it is set (and when, by whom). A pasted value or a clear is a
// pending change saved with the rest of the tab ("Save settings"), so the tab has one save model. The typed
// value never goes into the page's tree: the field is uncontrolled, and is remounted empty after a save.
import { Button, HelperMessage, Inline, Label, Lozenge, Stack, Text, Textfield, User } from '@forge/react';
import type { ReplyError, SecretName, SecretStatus } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { SECRET_LABELS } from './secret-labels';
import { inputValue, type InputChange } from '../common/input-value';
import { FieldBox } from '../common/field-box';
import { useReadOnly } from '../common/read-only';
import { useText } from '../i18n/text-provider';

/** A secret's pending change: a new value, a clear (null), or nothing (undefined). */
export type PendingSecret = string | null | undefined;

export interface SecretFieldProps {
  status: SecretStatus;
  pending: PendingSecret;
  /** Bumped after a save: remounts the field empty. */
  generation: number;
  error: ReplyError | null;
  onPending: (pending: PendingSecret) => void;
}

export function SecretField({ status, pending, generation, error, onPending }: SecretFieldProps) {
  const name: SecretName = status.name;
  const id = `secret-${name}`;
  const valueErrors = errorsFor(error, 'value');
  const readOnly = useReadOnly();
  const text = useText();
  const label = text.t(SECRET_LABELS[name].label);
  // Stored as an ISO time; one that does not parse is shown as unknown rather than as raw text.
  const updatedMs = status.updatedAt ? Date.parse(status.updatedAt) : Number.NaN;
  const since = text.when(Number.isNaN(updatedMs) ? null : updatedMs, text.t('settings.secrets.unknownTime'));

  return (
    <Stack space="space.050" testId={id}>
      <Label labelFor={id}>{label}</Label>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        {status.isSet ? (
          <Lozenge appearance="success">{text.t('settings.secrets.set')}</Lozenge>
        ) : (
          <Lozenge appearance="default">{text.t('settings.secrets.notSet')}</Lozenge>
        )}
        {pending === null ? (
          <Lozenge appearance="moved">{text.t('settings.secrets.clearedOnSave')}</Lozenge>
        ) : null}
        {typeof pending === 'string' ? (
          <Lozenge appearance="moved">
            {text.t(status.isSet ? 'settings.secrets.replacedOnSave' : 'settings.secrets.setOnSave')}
          </Lozenge>
        ) : null}
        {status.isSet ? (
          <Inline space="space.050" alignBlock="center">
            <Text>{text.t('settings.secrets.setSince', { when: since })}</Text>
            {status.updatedBy ? (
              <>
                <Text>{text.t('settings.secrets.setBy')}</Text>
                <User accountId={status.updatedBy} />
              </>
            ) : null}
          </Inline>
        ) : null}
      </Inline>
      {readOnly ? null : (
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <FieldBox>
            <Textfield
              key={`${id}-${generation}`}
              id={id}
              testId={`${id}-input`}
              type="password"
              placeholder={text.t(
                status.isSet ? 'settings.secrets.replacePlaceholder' : 'settings.secrets.newPlaceholder',
              )}
              isInvalid={valueErrors.length > 0}
              onChange={(e: InputChange) => {
                const typed = inputValue(e);
                onPending(typed === '' ? undefined : typed);
              }}
            />
          </FieldBox>
          {status.isSet && pending === undefined ? (
            <Button appearance="subtle" testId={`${id}-clear`} onClick={() => onPending(null)}>
              {text.t('settings.secrets.clearButton')}
            </Button>
          ) : null}
          {pending === null ? (
            <Button appearance="subtle" testId={`${id}-keep`} onClick={() => onPending(undefined)}>
              {text.t('settings.secrets.keepButton')}
            </Button>
          ) : null}
        </Inline>
      )}
      <HelperMessage>{text.t(SECRET_LABELS[name].help)}</HelperMessage>
      <FieldErrors errors={valueErrors} />
      {error && valueErrors.length === 0 ? (
        <ReplyErrorMessage
          error={error}
          action={text.t('settings.secrets.savingAction', { secret: label })}
        />
      ) : null}
    </Stack>
  );
}
