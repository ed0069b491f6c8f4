// The text in a change event from the host (a SerialisableEvent: `{ target: { value } }`).

export interface InputChange {
  target: { value?: unknown };
}

export function inputValue(event: InputChange): string {
  const value = event.target.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
