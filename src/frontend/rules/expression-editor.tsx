// The condition editor: dialect, the text, and every problem at its line and column as the admin types
// (checked in the page by the same rules engine the backend runs), plus any the backend reported on save.
import {
  Code,
  CodeBlock,
  ErrorMessage,
  HelperMessage,
  Label,
  Select,
  Stack,
  Text,
  TextArea,
  ValidMessage,
} from '@forge/react';
import type { Dialect } from '../../domain/rules';
import type { ReplyFieldError } from '../../shared/contract';
import { FieldErrors } from '../common/field-errors';
import { checkExpression, errorHeadline } from './expression-check';
import { inputValue, type InputChange } from '../common/input-value';

const DIALECT_OPTIONS: { label: string; value: Dialect }[] = [
  { label: 'Microsoft Entra ID (dynamic membership rule)', value: 'entra' },
  { label: 'Okta (group rule expression)', value: 'okta' },
];

const PLACEHOLDER: Record<Dialect, string> = {
  entra: 'user.department -eq "Sales" -and user.groups -any (_ -eq "emea")',
  okta: 'user.department == "Sales" AND Arrays.contains(user.groups, "emea")',
};

export interface ExpressionEditorProps {
  text: string;
  dialect: Dialect;
  onText: (text: string) => void;
  onDialect: (dialect: Dialect) => void;
  /** What the backend said about the condition on the last save (already positioned). */
  serverErrors: readonly ReplyFieldError[];
}

export function ExpressionEditor({ text, dialect, onText, onDialect, serverErrors }: ExpressionEditorProps) {
  const check = checkExpression(text, dialect);
  return (
    <Stack space="space.100">
      <Label labelFor="rule-dialect">Dialect</Label>
      <Select
        inputId="rule-dialect"
        testId="rule-dialect"
        options={DIALECT_OPTIONS}
        value={DIALECT_OPTIONS.find((o) => o.value === dialect)}
        onChange={(option: { value: Dialect } | null) => option && onDialect(option.value)}
      />
      <Label labelFor="rule-condition">Condition</Label>
      <TextArea
        id="rule-condition"
        testId="rule-condition"
        value={text}
        isMonospaced
        minimumRows={3}
        placeholder={PLACEHOLDER[dialect]}
        isInvalid={check.state === 'invalid'}
        onChange={(event: InputChange) => onText(inputValue(event))}
      />
      {check.state === 'empty' ? (
        <HelperMessage>Write a condition, or build one below.</HelperMessage>
      ) : check.state === 'valid' ? (
        <Stack space="space.050">
          <ValidMessage>The condition is valid.</ValidMessage>
          {dialect === 'okta' || check.canonical !== text.trim() ? (
            <Text>
              Read as: <Code>{check.canonical}</Code>
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Stack space="space.100" testId="rule-condition-errors">
          {check.errors.map((error) => (
            <Stack key={`${error.line}:${error.column}:${error.message}`} space="space.050">
              <ErrorMessage>{errorHeadline(error)}</ErrorMessage>
              <CodeBlock language="text" showLineNumbers={false} text={`${error.excerpt}\n${error.caret}`} />
            </Stack>
          ))}
        </Stack>
      )}
      <FieldErrors errors={serverErrors} />
    </Stack>
  );
}
