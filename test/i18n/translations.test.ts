// Every word a person reads on the pages is a translation key, and the locales agree: the checks of
// scripts/i18n-check.ts, shown able to fail on hostile fixtures first, then run on the app.
import { join } from 'node:path';
import {
  compareLocales,
  findLiteralStrings,
  findLiteralStringsIn,
  looksLikeProse,
  readLocales,
  unusedKeys,
} from '../../scripts/i18n-check';

const ROOT = join(__dirname, '..', '..');

describe('the literal-string check', () => {
  it('finds text written into JSX, text props and prose in code', () => {
    const source = [
      "import { Button, Text, Textfield } from '@forge/react';",
      'export function Page({ n }: { n: number }) {',
      "  const status = n > 1 ? 'Many things' : 'one';",
      '  return (<>',
      '    <Text>Save the rule</Text>',
      '    <Textfield label="Name" />',
      '    <Button>{`Delete ${n} rules`}</Button>',
      '    <Text>{status}</Text>',
      '  </>);',
      '}',
    ].join('\n');
    expect(findLiteralStrings('page.tsx', source).map((f) => f.text)).toEqual([
      'Many things',
      'Save the rule',
      'Name',
      'Delete   rules',
    ]);
  });

  it('leaves keys, identifiers, test ids, module paths and marked exemptions alone', () => {
    const source = [
      "import { Text } from '@forge/react';",
      "import { useText } from '../i18n/text-provider';",
      "type Tone = 'Success' | 'Failure';",
      'export function Page({ id }: { id: string }) {',
      '  const { t } = useText();',
      "  if (id === 'forbidden') return null;",
      '  return (',
      '    <Text testId={`rule-row-${id}`} appearance="subtle">',
      "      {t('rules.saved')}",
      '    </Text>',
      '  );',
      '}',
      '// i18n-exempt: a product name, the same in every language',
      "export const PRODUCT = 'Jira Service Management';",
    ].join('\n');
    expect(findLiteralStrings('page.tsx', source)).toEqual([]);
  });

  it('reads prose as prose', () => {
    expect(looksLikeProse('Save rule')).toBe(true);
    expect(looksLikeProse('Rules')).toBe(true);
    expect(looksLikeProse('settings.')).toBe(false);
    expect(looksLikeProse('rules.saved')).toBe(false);
    expect(looksLikeProse('space.200')).toBe(false);
    expect(looksLikeProse('jira:adminPage')).toBe(false);
    expect(looksLikeProse('—')).toBe(false);
  });
});

describe('the locale comparison', () => {
  it('names a key missing from either locale, disagreeing placeholders and absent plural forms', () => {
    const problems = compareLocales({
      'en-US': {
        a: 'A {name}',
        b: 'B',
        items: { one: 'one item', other: '{count} items' },
      },
      'de-DE': {
        a: 'A {nom}',
        c: 'C',
        items: { other: '{count} Einträge' },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'de-DE: missing b (in en-US)',
        'en-US: missing c (in de-DE)',
        'a: placeholders differ (en-US: {name}, de-DE: {nom})',
        'de-DE: plural items has no "one" form',
      ]),
    );
  });

  it('passes locales that agree', () => {
    expect(
      compareLocales({
        'en-US': { a: 'A {name}', items: { one: 'one item', other: '{count} items' } },
        'de-DE': { a: 'A {name}', items: { one: 'ein Eintrag', other: '{count} Einträge' } },
      }),
    ).toEqual([]);
  });
});

describe('the app', () => {
  it('has English and German, with the same keys, placeholders and the plural forms each needs', () => {
    const locales = readLocales(ROOT);
    expect(Object.keys(locales).sort()).toEqual(['de-DE', 'en-US']);
    expect(compareLocales(locales)).toEqual([]);
  });

  it('has no key that no code or manifest entry uses', () => {
    expect(unusedKeys(ROOT)).toEqual([]);
  });

  it('writes no user-visible words into src/frontend: every one is a translation key', () => {
    const findings = findLiteralStringsIn(ROOT, 'src/frontend').map(
      (f) => `${f.file}:${f.line} ${JSON.stringify(f.text)} (${f.why})`,
    );
    expect(findings).toEqual([]);
  });
});
