// Backend sentences sent as facts (`Words`), worded in the reader's language: days for the locale, phrases nested.
import type { WordValue, Words } from '../domain/inactivity/words';
import type { Text, TextValues } from './i18n/text';

export function wordsText(text: Text, said: Words): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.values ?? {})) values[name] = valueText(text, value);
  const filled: TextValues = values;
  return 'plural' in said ? text.tn(said.plural, said.count, filled) : text.t(said.key, filled);
}

function valueText(text: Text, value: WordValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('day' in value) return text.day(value.day);
  if ('when' in value) return text.when(value.when);
  if ('clauses' in value) return value.clauses.map((clause) => wordsText(text, clause)).join('; ');
  return wordsText(text, value);
}

/** A backend sentence in the reader's language when it came with its words; stored before that, as it was said. */
export function saidText(text: Text, message: string, said: Words | null | undefined): string {
  return said ? wordsText(text, said) : message;
}
