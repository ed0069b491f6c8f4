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
import type { TextKey } from '../../shared/i18n/text';
import { FieldErrors } from '../common/field-errors';
import { checkExpression, errorHeadline } from './expression-check';
import { inputValue, type InputChange } from '../common/input-value';
import { useText } from '../i18n/text-provider';

const DIALECTS: { label: TextKey; value: Dialect }[] = [
  { label: 'rules.expression.dialectEntra', value: 'entra' },
  { label: 'rules.expression.dialectOkta', value: 'okta' },
];

/** An example condition in each grammar: rule text, written the same in every language. */
const PLACEHOLDER: Record<Dialect, string> = {
  entra: 'user.department -eq "Sales" -and user.groups -any (_ -eq "emea")', // i18n-exempt: rule grammar
  okta: 'user.department == "Sales" AND Arrays.contains(user.groups, "emea")', // i18n-exempt: rule grammar
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
  const words = useText();
  const check = checkExpression(text, dialect);
  const dialectOptions = DIALECTS.map((d) => ({ label: words.t(d.label), value: d.value }));
  return (
    <Stack space="space.100">
      <Label labelFor="rule-dialect">{words.t('rules.expression.dialect')}</Label>
      <Select
        inputId="rule-dialect"
        testId="rule-dialect"
        options={dialectOptions}
        value={dialectOptions.find((o) => o.value === dialect)}
        onChange={(option: { value: Dialect } | null) => option && onDialect(option.value)}
      />
      <Label labelFor="rule-condition">{words.t('rules.expression.condition')}</Label>
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
        <HelperMessage>{words.t('rules.expression.empty')}</HelperMessage>
      ) : check.state === 'valid' ? (
        <Stack space="space.050">
          <ValidMessage>{words.t('rules.expression.valid')}</ValidMessage>
          {dialect === 'okta' || check.canonical !== text.trim() ? (
            <Text>
              {words.t('rules.expression.readAs')} <Code>{check.canonical}</Code>
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Stack space="space.100" testId="rule-condition-errors">
          {check.errors.map((error) => (
            <Stack key={`${error.line}:${error.column}:${error.message}`} space="space.050">
              <ErrorMessage>{errorHeadline(words, error)}</ErrorMessage>
              <CodeBlock language="text" showLineNumbers={false} text={`${error.excerpt}\n${error.caret}`} />
            </Stack>
          ))}
        </Stack>
      )}
      <FieldErrors errors={serverErrors} />
    </Stack>
  );
}
