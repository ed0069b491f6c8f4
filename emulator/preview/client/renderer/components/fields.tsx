// Form fields: Textfield, TextArea, Select, Toggle, Checkbox, CheckboxGroup, RadioGroup, DatePicker.
import { useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import { DatePicker } from '@atlaskit/datetime-picker';
import { RadioGroup } from '@atlaskit/radio';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { fn, pick, type ForgeDoc } from '../forge-doc';
import { callApp, forwardEvent, serialiseEvent } from '../events';
import { ElementProp } from '../render-forge-doc';

const FIELD = [
  'id',
  'name',
  'isRequired',
  'isDisabled',
  'isInvalid',
  'aria-invalid',
  'aria-labelledby',
] as const;

/**
 * A controlled UI Kit field gets its new `value` only after the app's reconciler commits, a beat after the
 * keystroke; mirroring it locally keeps the caret where the user put it, as Atlassian's host does.
 */
function useMirrored<T>(propValue: T | undefined): [T | undefined, (v: T) => void] {
  const [local, setLocal] = useState<T | undefined>(propValue);
  useEffect(() => setLocal(propValue), [propValue]);
  return [propValue === undefined ? undefined : local, setLocal];
}

function blurFocus(node: ForgeDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const onBlur = forwardEvent(fn(node.props, 'onBlur'));
  const onFocus = forwardEvent(fn(node.props, 'onFocus'));
  if (onBlur) out.onBlur = onBlur;
  if (onFocus) out.onFocus = onFocus;
  return out;
}

export function TextfieldAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const [value, setValue] = useMirrored(p.value as string | undefined);
  const onChange = fn(p, 'onChange');
  const props = pick<ComponentProps<typeof Textfield>>(p, [
    ...FIELD,
    'appearance',
    'isCompact',
    'autoFocus',
    'isReadOnly',
    'isMonospaced',
    'placeholder',
    'testId',
    'width',
    'type',
    'defaultValue',
    'min',
    'max',
    'maxLength',
    'minLength',
    'pattern',
  ]);
  return (
    <Textfield
      {...props}
      {...(value !== undefined ? { value } : {})}
      {...(p.elemBeforeInput !== undefined
        ? { elemBeforeInput: <ElementProp value={p.elemBeforeInput} /> }
        : {})}
      {...(p.elemAfterInput !== undefined
        ? { elemAfterInput: <ElementProp value={p.elemAfterInput} /> }
        : {})}
      {...blurFocus(node)}
      onChange={(e) => {
        setValue(e.currentTarget.value);
        callApp(onChange, serialiseEvent(e));
      }}
    />
  );
}

export function TextAreaAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const [value, setValue] = useMirrored(p.value as string | undefined);
  const onChange = fn(p, 'onChange');
  const props = pick<ComponentProps<typeof TextArea>>(p, [
    ...FIELD,
    'appearance',
    'defaultValue',
    'isCompact',
    'isMonospaced',
    'isReadOnly',
    'maxHeight',
    'minimumRows',
    'placeholder',
    'resize',
    'spellCheck',
    'testId',
    'maxLength',
    'minLength',
    'autoFocus',
  ]);
  return (
    <TextArea
      {...props}
      {...(value !== undefined ? { value } : {})}
      {...blurFocus(node)}
      onChange={(e) => {
        setValue(e.currentTarget.value);
        callApp(onChange, serialiseEvent(e));
      }}
    />
  );
}

export function SelectAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const [value, setValue] = useMirrored<unknown>(p.value);
  const onChange = fn(p, 'onChange');
  const onInputChange = fn(p, 'onInputChange');
  const props = pick<ComponentProps<typeof Select>>(p, [
    'appearance',
    'autoFocus',
    'closeMenuOnScroll',
    'closeMenuOnSelect',
    'defaultInputValue',
    'defaultMenuIsOpen',
    'defaultValue',
    'id',
    'inputId',
    'inputValue',
    'isClearable',
    'isDisabled',
    'isInvalid',
    'isLoading',
    'isMulti',
    'isSearchable',
    'menuIsOpen',
    'openMenuOnFocus',
    'name',
    'options',
    'placeholder',
    'spacing',
    'testId',
    'isRequired',
  ]);
  return (
    <Select
      {...props}
      {...(p.value !== undefined ? { value: value } : {})}
      {...blurFocus(node)}
      // Options are plain data the app passed in, so the app gets back the same shapes it gave.
      onChange={(selected: unknown) => {
        setValue(selected);
        callApp(onChange, selected);
      }}
      {...(onInputChange ? { onInputChange: (text: string) => void callApp(onInputChange, text) } : {})}
    />
  );
}

export function ToggleAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof Toggle>>(node.props, [
    'size',
    'testId',
    'defaultChecked',
    'isChecked',
    'label',
    'id',
    'isDisabled',
    'value',
    'name',
  ]);
  return <Toggle {...props} {...blurFocus(node)} onChange={forwardEvent(fn(node.props, 'onChange'))} />;
}

export function CheckboxAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof Checkbox>>(node.props, [
    ...FIELD,
    'testId',
    'defaultChecked',
    'isChecked',
    'isIndeterminate',
    'label',
    'value',
  ]);
  return <Checkbox {...props} {...blurFocus(node)} onChange={forwardEvent(fn(node.props, 'onChange'))} />;
}

interface CheckboxOption {
  label: string;
  value: string;
  isDisabled?: boolean;
}

/** UI Kit's CheckboxGroup has no single Atlaskit component: a list of Atlaskit Checkboxes sharing one value. */
export function CheckboxGroupAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const options = Array.isArray(p.options) ? (p.options as CheckboxOption[]) : [];
  const controlled = Array.isArray(p.value) ? (p.value as string[]) : undefined;
  const [own, setOwn] = useState<string[]>(Array.isArray(p.defaultValue) ? (p.defaultValue as string[]) : []);
  const selected = controlled ?? own;
  const onChange = fn(p, 'onChange');
  const groupDisabled = p.isDisabled === true;
  return (
    <div role="group">
      {options.map((option) => (
        <Checkbox
          key={option.value}
          name={typeof p.name === 'string' ? p.name : undefined}
          label={option.label}
          value={option.value}
          isChecked={selected.includes(option.value)}
          isDisabled={groupDisabled || option.isDisabled === true}
          onChange={(e) => {
            const next = e.currentTarget.checked
              ? [...selected, option.value]
              : selected.filter((v) => v !== option.value);
            setOwn(next);
            callApp(onChange, next);
          }}
        />
      ))}
    </div>
  );
}

export function RadioGroupAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof RadioGroup>>(node.props, [
    'defaultValue',
    'options',
    'testId',
    'isRequired',
    'isDisabled',
    'isInvalid',
    'value',
    'aria-labelledby',
    'name',
  ]);
  return <RadioGroup {...props} onChange={forwardEvent(fn(node.props, 'onChange'))} />;
}

export function DatePickerAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const onChange = fn(node.props, 'onChange');
  const props = pick<ComponentProps<typeof DatePicker>>(node.props, [
    ...FIELD,
    'appearance',
    'autoFocus',
    'defaultIsOpen',
    'defaultValue',
    'disabled',
    'maxDate',
    'minDate',
    'isOpen',
    'nextMonthLabel',
    'previousMonthLabel',
    'spacing',
    'value',
    'dateFormat',
    'placeholder',
    'locale',
    'testId',
    'weekStartDay',
    'shouldShowCalendarButton',
  ]);
  return <DatePicker {...props} {...blurFocus(node)} onChange={(iso: string) => callApp(onChange, iso)} />;
}
