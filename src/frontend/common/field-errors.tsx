// The backend's complaints about one field, shown right under it.
import { ErrorMessage } from '@forge/react';
import type { ReplyFieldError } from '../../shared/contract';

export function FieldErrors({ errors }: { errors: readonly ReplyFieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <>
      {errors.map((e) => (
        <ErrorMessage key={`${e.field}:${e.message}`}>{e.message}</ErrorMessage>
      ))}
    </>
  );
}
