// Every audit action and outcome reads differently from the others in each locale, so no two filter options or
// table cells look alike.
import en from '../../locales/en-US.json';
import de from '../../locales/de-DE.json';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../shared/audit';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS } from './audit-labels';

function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
}

it.each([
  ['en-US', en],
  ['de-DE', de],
])('gives every action and outcome its own words in %s', (_locale, catalog) => {
  for (const [codes, labels] of [
    [AUDIT_ACTIONS, AUDIT_ACTION_LABELS],
    [AUDIT_OUTCOMES, AUDIT_OUTCOME_LABELS],
  ] as const) {
    const words = codes.map((code) => lookup(catalog, (labels as Record<string, string>)[code]!));
    expect(words.filter((w) => typeof w !== 'string' || w === '')).toEqual([]);
    expect(new Set(words).size).toBe(codes.length);
  }
});
