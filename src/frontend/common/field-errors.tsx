// The backend's complaints about one field, shown right under it, in the viewer's words when they came as keys.
import { ErrorMessage } from '@forge/react';
import type { ReplyFieldError } from '../../shared/contract';
import { fieldErrorText } from '../../shared/field-error-text';
import { useText } from '../i18n/text-provider';

export function FieldErrors({ errors }: { errors: readonly ReplyFieldError[] }) {
  const text = useText();
  if (errors.length === 0) return null;
  return (
    <>
      {errors.map((e) => (
        <ErrorMessage key={`${e.field}:${e.message}`}>{fieldErrorText(text, e)}</ErrorMessage>
      ))}
    </>
  );
}
