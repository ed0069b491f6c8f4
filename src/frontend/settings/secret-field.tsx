// A write-only credential: shows only whether it is set (and when, by whom). A pasted value or a clear is a
// pending change saved with the rest of the tab ("Save settings"), so the tab has one save model. The typed
// value never goes into the page's tree: the field is uncontrolled, and is remounted empty after a save.
import { Button, HelperMessage, Inline, Label, Lozenge, Stack, Text, Textfield, User } from '@forge/react';
import type { ReplyError, SecretName, SecretStatus } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';
import { FieldErrors } from '../common/field-errors';
import { formatIsoWhen } from '../common/format';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { SECRET_LABELS } from './secret-labels';
import { inputValue, type InputChange } from '../common/input-value';
import { FieldBox } from '../common/field-box';
import { useReadOnly } from '../common/read-only';

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

  return (
    <Stack space="space.050" testId={id}>
      <Label labelFor={id}>{SECRET_LABELS[name].label}</Label>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        {status.isSet ? (
          <Lozenge appearance="success">set</Lozenge>
        ) : (
          <Lozenge appearance="default">not set</Lozenge>
        )}
        {pending === null ? <Lozenge appearance="moved">cleared when you save</Lozenge> : null}
        {typeof pending === 'string' ? (
          <Lozenge appearance="moved">
            {status.isSet ? 'replaced when you save' : 'set when you save'}
          </Lozenge>
        ) : null}
        {status.isSet ? (
          <Inline space="space.050" alignBlock="center">
            <Text>since {formatIsoWhen(status.updatedAt, 'an unknown time')}</Text>
            {status.updatedBy ? (
              <>
                <Text>by</Text>
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
              placeholder={status.isSet ? 'Paste a new value to replace it' : 'Paste the value'}
              isInvalid={valueErrors.length > 0}
              onChange={(e: InputChange) => {
                const typed = inputValue(e);
                onPending(typed === '' ? undefined : typed);
              }}
            />
          </FieldBox>
          {status.isSet && pending === undefined ? (
            <Button appearance="subtle" testId={`${id}-clear`} onClick={() => onPending(null)}>
              Clear
            </Button>
          ) : null}
          {pending === null ? (
            <Button appearance="subtle" testId={`${id}-keep`} onClick={() => onPending(undefined)}>
              Keep it
            </Button>
          ) : null}
        </Inline>
      )}
      <HelperMessage>{SECRET_LABELS[name].help}</HelperMessage>
      <FieldErrors errors={valueErrors} />
      {error && valueErrors.length === 0 ? (
        <ReplyErrorMessage error={error} action={`Saving the ${SECRET_LABELS[name].label}`} />
      ) : null}
    </Stack>
  );
}
