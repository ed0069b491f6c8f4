// Builds a condition from attribute, operator and value, and writes it into the same expression text.
import { useState } from 'react';
import { Button, ErrorMessage, HelperMessage, Inline, Label, Select, Stack, Textfield } from '@forge/react';
import { KNOWN_ATTRIBUTES, findKnownAttribute, type CompareOperator, type Dialect } from '../../domain/rules';
import type { TextKey } from '../../shared/i18n/text';
import {
  appendCondition,
  buildCondition,
  isCustomAttributeName,
  operatorsFor,
  type Joiner,
} from './condition-text';
import { inputValue, type InputChange } from '../common/input-value';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';
import { ATTRIBUTE_LABEL, OPERATOR_LABEL } from './rule-labels';

const CUSTOM = '__custom__';

interface Option<T> {
  label: string;
  value: T;
}

const JOINER_LABEL: Record<Joiner, TextKey> = {
  and: 'rules.builder.joinAnd',
  or: 'rules.builder.joinOr',
};

export interface ConditionBuilderProps {
  text: string;
  dialect: Dialect;
  onText: (text: string) => void;
}

export function ConditionBuilder({ text, dialect, onText }: ConditionBuilderProps) {
  const words = useText();
  const [attribute, setAttribute] = useState('department');
  const [customName, setCustomName] = useState('');
  const [operator, setOperator] = useState<CompareOperator>('eq');
  const [value, setValue] = useState('');
  const [joiner, setJoiner] = useState<Joiner>('and');
  const [problem, setProblem] = useState<string | null>(null);

  const attributeOptions: Option<string>[] = [
    ...KNOWN_ATTRIBUTES.map((a) => ({
      label: words.t('rules.builder.attributeOption', {
        label: words.t(ATTRIBUTE_LABEL[a.name]),
        path: a.path,
      }),
      value: a.name,
    })),
    { label: words.t('rules.builder.pushedAttribute'), value: CUSTOM },
  ];
  const joiners: Option<Joiner>[] = (['and', 'or'] as const).map((j) => ({
    label: words.t(JOINER_LABEL[j]),
    value: j,
  }));
  const name = attribute === CUSTOM ? `custom.${customName.trim()}` : attribute;
  const operators = operatorsFor(attribute === CUSTOM ? 'custom.x' : attribute, dialect);
  const operatorOptions = operators.map((o) => ({
    label: words.t('rules.builder.operatorOption', {
      label: words.t(OPERATOR_LABEL[o.operator]),
      token: o.token,
    }),
    value: o.operator,
  }));
  const chosenOperator = operatorOptions.find((o) => o.value === operator) ?? operatorOptions[0];
  const info = isCustomAttributeName(name) ? undefined : findKnownAttribute(name);
  const family = operators.find((o) => o.operator === chosenOperator?.value)?.family;

  const add = () => {
    const built = buildCondition(
      { attribute: name, operator: chosenOperator?.value ?? 'eq', value },
      dialect,
      words,
    );
    if (!built.ok) {
      setProblem(built.message);
      return;
    }
    setProblem(null);
    onText(appendCondition(text, built.text, joiner, dialect));
    setValue('');
  };

  return (
    <Stack space="space.100" testId="condition-builder">
      <Inline space="space.100" shouldWrap alignBlock="end">
        {text.trim() ? (
          <FieldBox width="narrow">
            <Label labelFor="builder-joiner">{words.t('rules.builder.joinWith')}</Label>
            <Select
              inputId="builder-joiner"
              testId="builder-joiner"
              options={joiners}
              value={joiners.find((j) => j.value === joiner)}
              onChange={(o: Option<Joiner> | null) => o && setJoiner(o.value)}
            />
          </FieldBox>
        ) : null}
        <FieldBox>
          <Label labelFor="builder-attribute">{words.t('rules.builder.attribute')}</Label>
          <Select
            inputId="builder-attribute"
            testId="builder-attribute"
            options={attributeOptions}
            value={attributeOptions.find((o) => o.value === attribute)}
            onChange={(o: Option<string> | null) => o && setAttribute(o.value)}
          />
        </FieldBox>
        {attribute === CUSTOM ? (
          <FieldBox width="narrow">
            <Label labelFor="builder-custom">{words.t('rules.builder.pushedName')}</Label>
            <Textfield
              id="builder-custom"
              testId="builder-custom"
              value={customName}
              // i18n-exempt: an example attribute name, an identifier the identity provider sends
              placeholder="costCenter"
              onChange={(e: InputChange) => setCustomName(inputValue(e))}
            />
          </FieldBox>
        ) : null}
        <FieldBox>
          <Label labelFor="builder-operator">{words.t('rules.builder.operator')}</Label>
          <Select
            inputId="builder-operator"
            testId="builder-operator"
            options={operatorOptions}
            value={chosenOperator}
            onChange={(o: Option<CompareOperator> | null) => o && setOperator(o.value)}
          />
        </FieldBox>
        <FieldBox>
          <Label labelFor="builder-value">{words.t('rules.builder.value')}</Label>
          <Textfield
            id="builder-value"
            testId="builder-value"
            value={value}
            placeholder={
              family === 'list'
                ? words.t('rules.builder.listPlaceholder')
                : (info?.values?.[0] ?? words.t('rules.builder.valuePlaceholder'))
            }
            onChange={(e: InputChange) => setValue(inputValue(e))}
          />
        </FieldBox>
        <Button onClick={add} testId="builder-add">
          {words.t('rules.builder.add')}
        </Button>
      </Inline>
      {info?.values ? (
        <HelperMessage>
          {words.t('rules.builder.oneOfHint', { path: info.path, values: info.values.join(', ') })}
        </HelperMessage>
      ) : null}
      {info?.type === 'boolean' ? (
        <HelperMessage>{words.t('rules.builder.trueOrFalseHint', { path: info.path })}</HelperMessage>
      ) : null}
      {family === 'list' ? (
        <HelperMessage>{words.t('rules.builder.separateWithCommas')}</HelperMessage>
      ) : null}
      {problem ? <ErrorMessage>{problem}</ErrorMessage> : null}
    </Stack>
  );
}
