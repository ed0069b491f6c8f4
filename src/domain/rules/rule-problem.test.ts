// Every kind of rule problem has a key: worded in English it reads exactly as the engine's sentence, so English
// admins see nothing change, and German admins get the same problem in German.
import fc from 'fast-check';
import english from '../../locales/en-US.json';
import { inEnglish } from '../../../test/support/english';
import german from '../../locales/de-DE.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import { ruleProblemText } from '../../shared/rule-problem-text';
import { parseRule, type Dialect, type RuleError } from './index';
import { type RuleProblem } from './rule-problem';

const inGerman = createText(lookupIn(german), 'de-DE', 'UTC');

/** One rule per problem kind (and per phrase a problem can embed), in the dialect that raises it. */
const SAMPLES: readonly [Dialect, string][] = [
  ['entra', ''],
  ['entra', `user.department -eq "${'x'.repeat(3100)}"`],
  ['entra', 'user.department -eq “Sales”'],
  ['okta', 'user.department -eq "Sales"'],
  ['entra', 'user.department == "Sales"'],
  ['entra', 'user.department = "Sales"'],
  ['entra', 'user.department -eq "Sales" #'],
  ['entra', 'user.department -eq "a`b"'],
  ['entra', 'user.department -eq "Sales'],
  ['entra', `${'('.repeat(70)}user.department -eq "a"${')'.repeat(70)}`],
  ['okta', `${'('.repeat(70)}user.department == "a"${')'.repeat(70)}`],
  ['entra', 'user.department -eq "a" user.jobTitle -eq "b"'],
  ['entra', 'user.department -eq "a" and user.jobTitle -eq "b"'],
  ['entra', '(user.department -eq "a"'],
  ['entra', 'user.department -eq "a" -and'],
  ['entra', '"Sales" -eq user.department'],
  ['entra', ') -eq "a"'],
  ['entra', '_ -eq "a"'],
  ['entra', 'user.groups -any (user.department -eq "a")'],
  ['entra', 'user.department eq "a"'],
  ['entra', 'user.department'],
  ['entra', 'user.department -and "a"'],
  ['entra', 'user.custom.cost-center -eq "a"'],
  ['entra', 'user.department -equals "a"'],
  ['entra', 'user.department -xyzzy "a"'],
  ['entra', 'user.groups -any _ -eq "a"'],
  ['entra', 'user.department -eq system.now'],
  ['entra', 'user.department -eq user.jobTitle'],
  ['entra', 'user.department -eq'],
  ['entra', 'user.department -in [["a"]]'],
  ['entra', 'user.department -in ["a", -eq]'],
  ['entra', 'user.department -in ["a" "b"]'],
  ['entra', 'user.department -in ["a",]'],
  ['entra', 'user.department -in ["a"'],
  ['entra', 'system.now -eq "a"'],
  ['entra', 'department -eq "a"'],
  ['entra', 'foo.bar -eq "a"'],
  ['entra', 'user.custom.a.b -eq "a"'],
  ['entra', 'user.foo -eq "a"'],
  ['entra', 'user.departmnet -eq "a"'],
  ['entra', 'user.department -any (_ -eq "a")'],
  ['entra', 'user.groups -any (_ -any (_ -eq "a"))'],
  ['entra', 'user.groups -eq "a"'],
  ['entra', 'user.department -in "a"'],
  ['entra', 'user.department -in []'],
  ['entra', 'user.department -eq ["a"]'],
  ['entra', 'user.department -startsWith ""'],
  ['entra', 'user.department -startsWith null'],
  ['entra', 'user.department -startsWith 5'],
  ['entra', 'user.department -startsWith ["a"]'],
  ['entra', 'user.accountEnabled -startsWith "a"'],
  ['entra', 'user.department -eq 5'],
  ['entra', 'user.groups -any (_ -eq 5)'],
  ['entra', 'user.accountEnabled -in [true]'],
  ['entra', 'user.department -lt 5'],
  ['entra', 'user.groups -any (_ -lt 5)'],
  ['entra', 'user.active -lt 5'],
  ['entra', 'user.active -startsWith "a"'],
  ['entra', 'user.accountType -startsWith "a"'],
  ['entra', 'user.custom.level -lt "abc"'],
  ['entra', 'user.custom.level -lt true'],
  ['entra', 'user.active -eq "true"'],
  ['entra', 'user.accountType -eq "ap"'],
  ['entra', 'user.accountType -eq "nobody at all"'],
  ['entra', 'user.department -match "(?#note)a"'],
  ['entra', 'user.department -match "(?=a)"'],
  ['entra', 'user.department -match "(?<=a)"'],
  ['entra', 'user.department -match "(?>a)"'],
  ['entra', 'user.department -match "(?(1)a)"'],
  ['entra', 'user.department -match "(a)\\1"'],
  ['entra', 'user.department -match "(?&name)"'],
  ['entra', 'user.department -match "(?R)"'],
  ['entra', 'user.department -match "a++"'],
  ['entra', 'user.department -match "a)"'],
  ['entra', 'user.department -match "(a"'],
  ['entra', 'user.department -match "\\q"'],
  ['entra', 'user.department -match "a{1001}"'],
  ['entra', 'user.department -match "a**"'],
  ['entra', 'user.department -match "(?<"'],
  ['entra', 'user.department -match "[z-a]"'],
  ['entra', `user.department -match "${'a'.repeat(600)}"`],
  ['entra', 'user.department -match "a{300}"'],
  ['okta', ''],
  ['okta', 'user.department == "a")'],
  ['okta', 'user.department == "a" user.jobTitle == "b"'],
  ['okta', '(user.department == "a" user.jobTitle == "b")'],
  ['okta', 'user.department == "a" AND'],
  ['okta', 'user.department "a"'],
  ['okta', 'user.department == user.jobTitle'],
  ['okta', '"a" == "b"'],
  ['okta', 'user.department == )'],
  ['okta', 'user.department in {"a"'],
  ['okta', 'Arrays.contains({"a", ==}, user.department)'],
  ['okta', 'Arrays.contains({"a" "b"}, user.department)'],
  ['okta', 'String.stringContains(user.department'],
  ['okta', 'String.stringContains(user.department "a")'],
  ['okta', 'user.isMemberOf("a")'],
  ['okta', 'user.isMemberOf({group.profile.name: "a"})'],
  ['okta', "user.isMemberOf({'group.profile.name' 'a'})"],
  ['okta', "user.isMemberOf({'group.profile.name': 5})"],
  ['okta', "user.isMemberOf({'group.profile.name': 'a' 'b'})"],
  ['okta', "user.isMemberOf({'group.profile.name': 'a'"],
  ['okta', "user.isMemberOf({'group.profile.name': 'a'} 'b'"],
  ['okta', "user.isMemberOf({'group.id': 'a'})"],
  ['okta', "user.isMemberOf({'operator': 'EXACT'})"],
  ['okta', "user.isMemberOf({'group.profile.name': 'a', 'operator': 'REGEX'})"],
  ['okta', 'isMemberOfAnyGroup("a")'],
  ['okta', 'String.stringContain(user.department, "a")'],
  ['okta', 'Nothing.like(this)'],
  ['okta', 'String.stringContains(user.department)'],
  ['okta', 'isMemberOfGroupName(user.department)'],
  ['okta', 'Arrays.contains(user.department, "a")'],
  ['okta', 'Arrays.contains("a", "b")'],
];

function errorsOf(dialect: Dialect, text: string): RuleError[] {
  const result = parseRule(text, dialect);
  return result.ok ? [] : result.errors;
}

/** A problem's key and the keys of the phrases it embeds. */
function keysOf(problem: RuleProblem): string[] {
  return [
    problem.key,
    ...Object.values(problem.values ?? {}).flatMap((value) =>
      typeof value === 'object' ? keysOf(value) : [],
    ),
  ];
}

function leafKeys(tree: object, prefix: string): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'string' ? [`${prefix}${name}`] : leafKeys(value as object, `${prefix}${name}.`),
  );
}

describe('rule problems', () => {
  it.each(SAMPLES)('%s %j: the key worded in English is the engine sentence', (dialect, text) => {
    const errors = errorsOf(dialect, text);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(ruleProblemText(inEnglish, error.problem)).toBe(error.message);
  });

  it('the samples raise every problem kind and phrase in rules.problems', () => {
    const raised = new Set(
      SAMPLES.flatMap(([dialect, text]) => errorsOf(dialect, text).flatMap((error) => keysOf(error.problem))),
    );
    // The rule set's save problems (rules.problems.ruleSet) are checked in validate-rule-set.test.ts.
    const parseKinds = leafKeys(english.rules.problems, 'rules.problems.').filter(
      (key) => !key.startsWith('rules.problems.ruleSet.'),
    );
    expect(parseKinds.filter((key) => !raised.has(key))).toEqual([]);
  });

  it('any text in either dialect: every problem worded in English reads as the engine sentence', () => {
    const words = fc.constantFrom(
      ...['user.department', 'user.groups', 'user.custom.level', 'user.accountEnabled', 'user.userType', '_'],
      ...[
        '-eq',
        '-in',
        '-any',
        '-match',
        '-lt',
        '-startsWith',
        '-and',
        '-not',
        '==',
        'AND',
        '(',
        ')',
        '[',
        ']',
      ],
      ...['{', '}', ',', ':', '"a"', '""', '"(?=x)"', '"a{999}"', '5', 'true', 'null', 'isMemberOfGroupName'],
      ...['String.stringContains', 'user.isMemberOf', "'group.profile.name'", '`', '"', '#', '='],
    );
    fc.assert(
      fc.property(
        fc.constantFrom<Dialect>('entra', 'okta'),
        fc.array(words, { maxLength: 12 }),
        (dialect, parts) => {
          for (const error of errorsOf(dialect, parts.join(' ')))
            expect(ruleProblemText(inEnglish, error.problem)).toBe(error.message);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('German words the same problem in German, keeping the admin’s tokens as written', () => {
    const [error] = errorsOf('entra', 'user.departmnet -eq "Sales"');
    expect(ruleProblemText(inGerman, error!.problem)).toBe(
      'Unbekanntes Attribut "user.departmnet" – meinten Sie "user.department"?',
    );
    const [nested] = errorsOf('entra', 'user.department -eq "a" -and');
    expect(ruleProblemText(inGerman, nested!.problem)).toBe(
      'Nach -and wird eine Bedingung erwartet, z. B. user.department -eq "Sales"',
    );
    const [found] = errorsOf('entra', 'user.department -eq "a" user.jobTitle -eq "b"');
    expect(ruleProblemText(inGerman, found!.problem)).toBe(
      'Erwartet wurde -and, -or oder das Ende der Regel, gefunden wurde "user.jobTitle"',
    );
  });
});
