// A Toggle with its visible label beside it (Atlaskit's Toggle label is only read by screen readers).
import { Inline, Text, Toggle } from '@forge/react';
import { useReadOnly } from './read-only';

export interface ToggleRowProps {
  id: string;
  label: string;
  isChecked: boolean;
  onChange: () => void;
  isDisabled?: boolean;
}

export function ToggleRow({ id, label, isChecked, onChange, isDisabled = false }: ToggleRowProps) {
  const readOnly = useReadOnly();
  return (
    <Inline space="space.100" alignBlock="center">
      <Toggle
        id={id}
        label={label}
        isChecked={isChecked}
        isDisabled={isDisabled || readOnly}
        onChange={onChange}
      />
      <Text>{label}</Text>
    </Inline>
  );
}
