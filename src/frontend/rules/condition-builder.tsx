// Builds a condition from attribute, operator and value, and writes it into the same expression text.
import { useState } from 'react';
import { Button, ErrorMessage, HelperMessage, Inline, Label, Select, Stack, Textfield } from '@forge/react';
import { KNOWN_ATTRIBUTES, findKnownAttribute, type CompareOperator, type Dialect } from '../../domain/rules';
import {
  appendCondition,
  buildCondition,
  isCustomAttributeName,
  operatorsFor,
  type Joiner,
} from './condition-text';
import { inputValue, type InputChange } from '../common/input-value';
import { FieldBox } from '../common/field-box';

const CUSTOM = '__custom__';

interface Option<T> {
  label: string;
  value: T;
}

const ATTRIBUTE_OPTIONS: Option<string>[] = [
  ...KNOWN_ATTRIBUTES.map((a) => ({ label: `${a.label} (${a.path})`, value: a.name })),
  { label: 'Pushed attribute (user.custom.…)', value: CUSTOM },
];

const JOINERS: Option<Joiner>[] = [
  { label: 'and', value: 'and' },
  { label: 'or', value: 'or' },
];

export interface ConditionBuilderProps {
  text: string;
  dialect: Dialect;
  onText: (text: string) => void;
}

export function ConditionBuilder({ text, dialect, onText }: ConditionBuilderProps) {
  const [attribute, setAttribute] = useState('department');
  const [customName, setCustomName] = useState('');
  const [operator, setOperator] = useState<CompareOperator>('eq');
  const [value, setValue] = useState('');
  const [joiner, setJoiner] = useState<Joiner>('and');
  const [problem, setProblem] = useState<string | null>(null);

  const name = attribute === CUSTOM ? `custom.${customName.trim()}` : attribute;
  const operators = operatorsFor(attribute === CUSTOM ? 'custom.x' : attribute, dialect);
  const operatorOptions = operators.map((o) => ({ label: `${o.label} (${o.token})`, value: o.operator }));
  const chosenOperator = operatorOptions.find((o) => o.value === operator) ?? operatorOptions[0];
  const info = isCustomAttributeName(name) ? undefined : findKnownAttribute(name);
  const family = operators.find((o) => o.operator === chosenOperator?.value)?.family;

  const add = () => {
    const built = buildCondition(
      { attribute: name, operator: chosenOperator?.value ?? 'eq', value },
      dialect,
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
            <Label labelFor="builder-joiner">Join with</Label>
            <Select
              inputId="builder-joiner"
              testId="builder-joiner"
              options={JOINERS}
              value={JOINERS.find((j) => j.value === joiner)}
              onChange={(o: Option<Joiner> | null) => o && setJoiner(o.value)}
            />
          </FieldBox>
        ) : null}
        <FieldBox>
          <Label labelFor="builder-attribute">Attribute</Label>
          <Select
            inputId="builder-attribute"
            testId="builder-attribute"
            options={ATTRIBUTE_OPTIONS}
            value={ATTRIBUTE_OPTIONS.find((o) => o.value === attribute)}
            onChange={(o: Option<string> | null) => o && setAttribute(o.value)}
          />
        </FieldBox>
        {attribute === CUSTOM ? (
          <FieldBox width="narrow">
            <Label labelFor="builder-custom">Pushed attribute name</Label>
            <Textfield
              id="builder-custom"
              testId="builder-custom"
              value={customName}
              placeholder="costCenter"
              onChange={(e: InputChange) => setCustomName(inputValue(e))}
            />
          </FieldBox>
        ) : null}
        <FieldBox>
          <Label labelFor="builder-operator">Operator</Label>
          <Select
            inputId="builder-operator"
            testId="builder-operator"
            options={operatorOptions}
            value={chosenOperator}
            onChange={(o: Option<CompareOperator> | null) => o && setOperator(o.value)}
          />
        </FieldBox>
        <FieldBox>
          <Label labelFor="builder-value">Value</Label>
          <Textfield
            id="builder-value"
            testId="builder-value"
            value={value}
            placeholder={family === 'list' ? 'Sales, Marketing' : (info?.values?.[0] ?? 'Sales')}
            onChange={(e: InputChange) => setValue(inputValue(e))}
          />
        </FieldBox>
        <Button onClick={add} testId="builder-add">
          Add condition
        </Button>
      </Inline>
      {info?.values ? (
        <HelperMessage>{`${info.path} is one of: ${info.values.join(', ')}`}</HelperMessage>
      ) : null}
      {info?.type === 'boolean' ? <HelperMessage>{`${info.path} is true or false`}</HelperMessage> : null}
      {family === 'list' ? <HelperMessage>Separate the values with commas.</HelperMessage> : null}
      {problem ? <ErrorMessage>{problem}</ErrorMessage> : null}
    </Stack>
  );
}
