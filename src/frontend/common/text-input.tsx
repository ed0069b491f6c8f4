// A labelled Textfield with its help and the backend's errors under it: the form field every tab uses.
import { HelperMessage, Label, Textfield } from '@forge/react';
import type { ReplyFieldError } from '../../shared/contract';
import { FieldBox, type FieldWidth } from './field-box';
import { FieldErrors } from './field-errors';
import { inputValue, type InputChange } from './input-value';
import { useReadOnly } from './read-only';

export interface TextInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: readonly ReplyFieldError[];
  help?: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'url';
  /** Numbers default to narrow fields, text to wide ones. */
  width?: FieldWidth;
}

export function TextInput({
  id,
  label,
  value,
  onChange,
  errors = [],
  help,
  placeholder,
  type = 'text',
  width,
}: TextInputProps) {
  const readOnly = useReadOnly();
  return (
    <FieldBox width={width ?? (type === 'number' ? 'narrow' : 'wide')}>
      <Label labelFor={id}>{label}</Label>
      <Textfield
        id={id}
        testId={id}
        type={type}
        value={value}
        placeholder={placeholder}
        isInvalid={errors.length > 0}
        isDisabled={readOnly}
        onChange={(e: InputChange) => onChange(inputValue(e))}
      />
      {help ? <HelperMessage>{help}</HelperMessage> : null}
      <FieldErrors errors={errors} />
    </FieldBox>
  );
}

/** A whole number as typed; anything else is kept as NaN so the backend's validation names the field. */
export function wholeNumber(typed: string): number {
  return /^\s*-?\d+\s*$/.test(typed) ? Number(typed) : Number.NaN;
}
