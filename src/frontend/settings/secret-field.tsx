// A write-only credential: shows only whether it is set (and when, by whom); a new value can replace it or it
// can be cleared. The typed value never goes into the page's tree: the field is uncontrolled, and is
// remounted empty after a save.
import { useState } from 'react';
import { Button, HelperMessage, Inline, Label, Lozenge, Stack, Text, Textfield, User } from '@forge/react';
import type { SecretName, SecretStatus } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';
import { useAction } from '../api/use-action';
import { FieldErrors } from '../common/field-errors';
import { formatIsoWhen } from '../common/format';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { SECRET_LABELS } from './secret-labels';
import { inputValue, type InputChange } from '../common/input-value';
import { FieldBox } from '../common/field-box';
import { useReadOnly } from '../common/read-only';

export interface SecretFieldProps {
  status: SecretStatus;
  onChanged: (status: SecretStatus) => void;
}

export function SecretField({ status, onChanged }: SecretFieldProps) {
  const name: SecretName = status.name;
  const [typed, setTyped] = useState('');
  const [generation, setGeneration] = useState(0);
  const set = useAction('settings.setSecret');
  const clear = useAction('settings.clearSecret');
  const id = `secret-${name}`;
  const valueErrors = errorsFor(set.error, 'value');
  const readOnly = useReadOnly();

  const save = async () => {
    const reply = await set.run({ name, value: typed });
    if (!reply.ok) return;
    setTyped('');
    setGeneration((g) => g + 1);
    onChanged(reply.value);
  };
  const remove = async () => {
    const reply = await clear.run({ name });
    if (reply.ok) onChanged(reply.value);
  };

  return (
    <Stack space="space.050" testId={id}>
      <Label labelFor={id}>{SECRET_LABELS[name].label}</Label>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        {status.isSet ? (
          <Lozenge appearance="success">set</Lozenge>
        ) : (
          <Lozenge appearance="default">not set</Lozenge>
        )}
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
              onChange={(e: InputChange) => setTyped(inputValue(e))}
            />
          </FieldBox>
          <Button testId={`${id}-save`} isDisabled={set.busy || typed === ''} onClick={() => void save()}>
            {status.isSet ? 'Replace' : 'Save'}
          </Button>
          {status.isSet ? (
            <Button
              appearance="subtle"
              testId={`${id}-clear`}
              isDisabled={clear.busy}
              onClick={() => void remove()}
            >
              Clear
            </Button>
          ) : null}
        </Inline>
      )}
      <HelperMessage>{SECRET_LABELS[name].help}</HelperMessage>
      <FieldErrors errors={valueErrors} />
      {set.error && valueErrors.length === 0 ? (
        <ReplyErrorMessage error={set.error} action="Saving the secret" />
      ) : null}
      {clear.error ? <ReplyErrorMessage error={clear.error} action="Clearing the secret" /> : null}
    </Stack>
  );
}
