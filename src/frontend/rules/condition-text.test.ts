// The condition builder writes text both parsers accept, meaning what the admin chose, and joins it safely.
import { evaluateRule, parseRule, type Dialect, type UserAttributes } from '../../domain/rules';
import germanCatalog from '../../locales/de-DE.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import { inEnglish } from '../../../test/support/english';
import { appendCondition, buildCondition, operatorsFor, type ConditionDraft } from './condition-text';

const inGerman = createText(lookupIn(germanCatalog), 'de-DE', 'UTC');

function built(draft: ConditionDraft, dialect: Dialect): string {
  const result = buildCondition(draft, dialect, inEnglish);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

function matches(text: string, dialect: Dialect, user: UserAttributes): boolean {
  const parsed = parseRule(text, dialect);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return evaluateRule(parsed.rule, user).matched;
}

const sales: UserAttributes = {
  accountId: 'a1',
  department: 'Sales "EMEA"',
  groups: ['jira-users', 'emea'],
  active: true,
  accountType: 'atlassian',
  custom: { level: 7 },
};

describe('buildCondition', () => {
  it('writes Entra text with escaped quotes', () => {
    expect(built({ attribute: 'department', operator: 'eq', value: 'Sales "EMEA"' }, 'entra')).toBe(
      'user.department -eq "Sales `"EMEA`""',
    );
  });

  it.each<Dialect>(['entra', 'okta'])('means the same in %s for every operator it offers', (dialect) => {
    const cases: Array<[ConditionDraft, boolean]> = [
      [{ attribute: 'department', operator: 'eq', value: 'sales "emea"' }, true],
      [{ attribute: 'department', operator: 'ne', value: 'Sales "EMEA"' }, false],
      [{ attribute: 'department', operator: 'in', value: 'HR, Sales "EMEA"' }, true],
      [{ attribute: 'department', operator: 'notIn', value: 'HR, Legal' }, true],
      [{ attribute: 'department', operator: 'startsWith', value: 'Sal' }, true],
      [{ attribute: 'department', operator: 'notStartsWith', value: 'Sal' }, false],
      [{ attribute: 'department', operator: 'endsWith', value: 'EA"' }, true],
      [{ attribute: 'department', operator: 'contains', value: 'les' }, true],
      [{ attribute: 'department', operator: 'notContains', value: 'les' }, false],
      [{ attribute: 'groups', operator: 'eq', value: 'emea' }, true],
      [{ attribute: 'active', operator: 'eq', value: 'TRUE' }, true],
      [{ attribute: 'accountType', operator: 'eq', value: 'app' }, false],
      [{ attribute: 'custom.level', operator: 'gt', value: '5' }, true],
      [{ attribute: 'custom.level', operator: 'le', value: '5' }, false],
    ];
    for (const [draft, expected] of cases) {
      const offered = operatorsFor(draft.attribute, dialect).map((o) => o.operator);
      expect(offered).toContain(draft.operator);
      expect([draft, matches(built(draft, dialect), dialect, sales)]).toEqual([draft, expected]);
    }
  });

  it('offers -match only in Entra, order operators only on pushed attributes', () => {
    expect(operatorsFor('department', 'entra').map((o) => o.operator)).toContain('match');
    expect(operatorsFor('department', 'okta').map((o) => o.operator)).not.toContain('match');
    expect(operatorsFor('department', 'entra').map((o) => o.operator)).not.toContain('gt');
    expect(operatorsFor('custom.level', 'entra').map((o) => o.operator)).toContain('gt');
    expect(operatorsFor('groups', 'okta').map((o) => o.operator)).toEqual(['eq']);
  });

  it('names what is wrong with a draft', () => {
    expect(buildCondition({ attribute: '', operator: 'eq', value: 'x' }, 'entra', inEnglish)).toEqual({
      ok: false,
      message: 'Choose an attribute',
    });
    expect(
      buildCondition({ attribute: 'department', operator: 'eq', value: '  ' }, 'entra', inEnglish),
    ).toEqual({
      ok: false,
      message: 'Type a value',
    });
    expect(buildCondition({ attribute: 'active', operator: 'eq', value: 'yes' }, 'entra', inEnglish)).toEqual(
      {
        ok: false,
        message: 'user.active is true or false',
      },
    );
    expect(
      buildCondition({ attribute: 'accountType', operator: 'eq', value: 'bot' }, 'entra', inEnglish),
    ).toEqual({
      ok: false,
      message: 'user.accountType is one of "atlassian", "app", "customer"',
    });
    expect(
      buildCondition({ attribute: 'custom.1x', operator: 'eq', value: 'v' }, 'entra', inEnglish).ok,
    ).toBe(false);
    expect(
      buildCondition({ attribute: 'department', operator: 'gt', value: '3' }, 'entra', inEnglish),
    ).toEqual({
      ok: false,
      message: '"gt" does not apply to user.department here',
    });
    const lookAhead = buildCondition(
      { attribute: 'department', operator: 'match', value: '(?=a)b' },
      'entra',
      inEnglish,
    );
    expect(lookAhead.ok).toBe(false);
    expect(lookAhead.ok ? '' : lookAhead.message).toMatch(/^Look-ahead "\(\?=" is not supported/);
    expect(
      buildCondition({ attribute: 'department', operator: 'match', value: '(a+)+$' }, 'entra', inEnglish).ok,
    ).toBe(true);
  });

  it('names what is wrong in the reader’s language', () => {
    expect(buildCondition({ attribute: '', operator: 'eq', value: 'x' }, 'entra', inGerman)).toEqual({
      ok: false,
      message: 'Wählen Sie ein Attribut aus',
    });
    expect(
      buildCondition({ attribute: 'department', operator: 'in', value: ' , ' }, 'entra', inGerman),
    ).toEqual({
      ok: false,
      message: 'Geben Sie die Werte durch Kommas getrennt an',
    });
    expect(buildCondition({ attribute: 'active', operator: 'eq', value: 'ja' }, 'okta', inGerman)).toEqual({
      ok: false,
      message: 'user.active ist true oder false',
    });
    // The text written is grammar, the same in every language.
    expect(
      buildCondition({ attribute: 'department', operator: 'eq', value: 'Vertrieb' }, 'entra', inGerman),
    ).toEqual({
      ok: true,
      text: 'user.department -eq "Vertrieb"',
    });
  });
});

describe('appendCondition', () => {
  it('starts the expression when it is empty', () => {
    expect(appendCondition('  ', 'user.department -eq "x"', 'and', 'entra')).toBe('user.department -eq "x"');
  });

  it('wraps a top-level -or before adding an -and, so the new condition applies to all of it', () => {
    const text = appendCondition(
      'user.department -eq "Sales" -or user.department -eq "HR"',
      'user.active -eq true',
      'and',
      'entra',
    );
    expect(text).toBe('(user.department -eq "Sales" -or user.department -eq "HR") -and user.active -eq true');
    expect(matches(text, 'entra', { accountId: 'x', department: 'HR', active: false })).toBe(false);
  });

  it('joins Okta with AND / OR', () => {
    expect(appendCondition('user.department == "Sales"', 'user.active == true', 'or', 'okta')).toBe(
      'user.department == "Sales" OR user.active == true',
    );
    const wrapped = appendCondition(
      'user.department == "a" OR user.department == "b"',
      'user.active == true',
      'and',
      'okta',
    );
    expect(wrapped).toBe('(user.department == "a" OR user.department == "b") AND user.active == true');
    expect(parseRule(wrapped, 'okta').ok).toBe(true);
  });
});
