// Property test: on patterns both engines support, the linear-time engine answers exactly as JavaScript's
// RegExp did before it (case-insensitive, Unicode mode, legacy mode for patterns Unicode mode refuses).

import fc from 'fast-check';
import { compilePattern } from './linear-regex';

/**
 * The previous engine: JavaScript's backtracking RegExp, flags as the app used them. (Legacy mode also read \p{L}
 * as the text "p{L}" when a pattern had a .NET escape such as \-; such mixtures are not in the subset compared.)
 */
function previousEngine(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return new RegExp(pattern, 'i');
  }
}

/**
 * Characters for patterns and values. Left out on purpose, as grammar.md documents: \r, U+2028 and U+2029 (RE2's
 * "." matches them), and ſ and the Kelvin sign (JavaScript's \b folds them into \w, RE2's does not).
 */
const VALUE_CHARACTERS = [
  'a',
  'b',
  'c',
  'A',
  'B',
  'é',
  'É',
  'ß',
  '1',
  '9',
  ' ',
  '\u00a0',
  '\t',
  '\n',
  '-',
  '.',
  '_',
  '@',
];

const atom = fc.constantFrom(
  'a',
  'b',
  'A',
  'é',
  'É',
  'ß',
  '1',
  ' ',
  '@',
  '_',
  '\\.',
  '\\u00e9',
  '\\x41',
  '.',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '\\p{L}',
  '\\p{Lu}',
  '\\p{Ll}',
  '[ab]',
  '[^a]',
  '[a-c]',
  '[A-C1]',
  '[\\s@]',
  '[^\\s]',
  '[\\d.]',
  '[é-]',
);
const anchor = fc.constantFrom('^', '$', '\\b', '\\B');
const quantifier = fc.constantFrom(
  '*',
  '+',
  '?',
  '{2}',
  '{0,2}',
  '{1,3}',
  '{2,}',
  '*?',
  '+?',
  '??',
  '{1,2}?',
);

const { pattern } = fc.letrec<{ pattern: string; piece: string; repeatable: string }>((tie) => ({
  repeatable: fc.oneof(
    { weight: 4, arbitrary: atom },
    { weight: 1, arbitrary: tie('pattern').map((p) => `(${p})`) },
    { weight: 1, arbitrary: tie('pattern').map((p) => `(?:${p})`) },
  ),
  piece: fc.oneof(
    { weight: 4, arbitrary: tie('repeatable') },
    { weight: 2, arbitrary: fc.tuple(tie('repeatable'), quantifier).map(([r, q]) => r + q) },
    { weight: 1, arbitrary: anchor },
  ),
  pattern: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(tie('piece'), { minLength: 0, maxLength: 4 }).map((pieces) => pieces.join('')),
    fc
      .tuple(fc.array(tie('piece'), { maxLength: 3 }), fc.array(tie('piece'), { maxLength: 3 }))
      .map(([a, b]) => `${a.join('')}|${b.join('')}`),
  ),
}));

const value = fc.array(fc.constantFrom(...VALUE_CHARACTERS), { maxLength: 12 }).map((cs) => cs.join(''));

describe('the linear-time engine against the previous engine', () => {
  it('gives the same answer on every pattern of the shared subset and every value', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (source, values) => {
        const compiled = compilePattern(source);
        if (!compiled.ok) {
          // Only the program-size limit may refuse a pattern of the subset.
          expect({ source, message: compiled.problem.message }).toEqual({
            source,
            message: expect.stringMatching(/ is too large: it compiles to \d+ steps/) as unknown,
          });
          return;
        }
        const previous = previousEngine(source);
        for (const text of values) {
          expect({ source, text, matched: compiled.regex.test(text) }).toEqual({
            source,
            text,
            matched: previous.test(text),
          });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same answer on the patterns admins write', () => {
    const cases: [string, string[]][] = [
      ['@example\\.com$', ['ann@example.com', 'ann@EXAMPLE.COM', 'ann@example.com.evil', 'example.com']],
      ['^(Senior|Lead) ', ['Senior Engineer', 'lead dev', 'Seniority', 'A Lead ']],
      ['^[a-z]+\\.[a-z]+@', ['ann.lee@x.io', 'ann@x.io', 'Ann.Lee@x', '1.2@']],
      ['Engineer$', ['Staff Engineer', 'Engineering', 'ENGINEER']],
      ['^\\p{Lu}\\p{Ll}+$', ['Émile', 'émile', 'ÉMILE', 'Zoë']],
      ['^[A-Z]{2}-\\d{4}$', ['DE-1234', 'de-1234', 'DEU-1234', 'DE-123']],
      ['\\bdev(ops)?\\b', ['devops team', 'dev', 'developer', 'web-dev']],
      ['^a\\-b$', ['A-B', 'ab']],
      ['^\\s*$', [' ', '\u00a0\t', 'x']],
      ['^[^@]+@(?:corp|hq)\\.example\\.org$', ['a@corp.example.org', 'a@hq.example.org', 'a@x.example.org']],
      ['^(?:contractor|vendor|intern)s?$', ['Contractors', 'VENDOR', 'interns', 'internal']],
      ['^cc-\\d{2,5}$', ['CC-17', 'cc-123456', 'cc-1']],
    ];
    for (const [source, texts] of cases) {
      const compiled = compilePattern(source);
      if (!compiled.ok) throw new Error(compiled.problem.message);
      for (const text of texts) {
        expect({ source, text, matched: compiled.regex.test(text) }).toEqual({
          source,
          text,
          matched: previousEngine(source).test(text),
        });
      }
    }
  });
});
