// Benchmark: -match with hostile patterns on 1,024-character adversarial values (the linear-time engine's worst
// cases, through parseRule and matchesRule), and the parser refusing a million-character rule.
//
// Import runAdversarialRegexBenchmark({ msPerPattern }) from a runner, or run directly:
//   npx tsx bench/adversarial-regex.ts [--ms 1000]

import { MAX_MATCH_INPUT_LENGTH, matchesRule, parseRule, type UserAttributes } from '../src/domain/rules';

export interface AdversarialRegexOptions {
  /** How long each pattern is matched for, in wall milliseconds (more gives steadier figures). */
  msPerPattern: number;
}

export interface AdversarialRegexResult {
  valueLength: number;
  /** µs per match, per pattern, averaged over a pool of adversarial values. */
  microsPerMatch: Record<string, number>;
  /** Matches per second, per pattern. */
  matchesPerSecond: Record<string, number>;
  worstMicrosPerMatch: number;
  /** Hostile patterns the parser refuses, with the reason. */
  refused: Record<string, string>;
  /** Time to refuse a 1,000,000-character rule of "(" (it is refused by its length, before lexing). */
  millionCharacterRuleMs: number;
}

/** mulberry32, seeded, so every run matches the same values. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = MAX_MATCH_INPUT_LENGTH;

/** Random text over an alphabet, `length` long. */
const textOf = (rnd: () => number, alphabet: string, length: number): string =>
  Array.from({ length }, () => alphabet[Math.floor(rnd() * alphabet.length)]!).join('');

/** Each hostile pattern with values built to make a backtracking engine (or a DFA) work hardest, all N long. */
const CASES: readonly { pattern: string; value: (rnd: () => number) => string }[] = [
  // The issue's bypass of the old guard, at the largest size the program limit lets through (7 repeats, not 10).
  { pattern: `^${'.{0,16}'.repeat(7)}!$`, value: () => `${'x'.repeat(N - 1)}!` },
  { pattern: '(a+)+$', value: () => `${'a'.repeat(N - 1)}!` },
  { pattern: '(a|aa)+$', value: () => `${'a'.repeat(N - 1)}!` },
  { pattern: '(.*a){12}', value: () => 'a'.repeat(11) + 'b'.repeat(N - 11) },
  { pattern: '(x+x+)+y', value: () => 'x'.repeat(N) },
  { pattern: '^(\\w+\\s?)*$', value: () => `${'a'.repeat(N - 1)}!` },
  { pattern: '^([a-z]+\\.)+com$', value: () => `${'a.'.repeat(N / 2 - 1)}ax` },
  { pattern: '^(?:(?:a{0,4}){0,4}){0,4}!$', value: () => `${'a'.repeat(N - 1)}!` },
  // Needs 2^240 DFA states: the engine runs out of its DFA budget and finishes on the NFA.
  {
    pattern: '[ab]*a[ab]{240}c',
    value: (rnd) => {
      const head = textOf(rnd, 'ab', N - 242);
      return `${head}b${textOf(rnd, 'ab', 240)}c`;
    },
  },
  { pattern: '(?:[ab]{0,10}a){10}c', value: (rnd) => `${textOf(rnd, 'ab', N - 2)}bc` },
  { pattern: '(?:\\p{L}{0,10}a){10}c', value: (rnd) => `${textOf(rnd, 'ab', N - 2)}bc` },
  // An ordinary pattern, for comparison.
  { pattern: '@example\\.com$', value: (rnd) => `${textOf(rnd, 'abc.@', N - 12)}@example.org` },
];

/** Refused at parse time: the issue's shape at full size, and constructs RE2 cannot run. */
const REFUSED = [`^${'.{0,16}'.repeat(10)}!$`, '^(a)\\1$', '(?=a)(a+)+$', '(?:a|b|ab|ba){1,60}c'];

const entra = (pattern: string): string =>
  `user.custom.note -match "${pattern.replace(/[`"]/g, (c) => `\`${c}`)}"`;

export async function runAdversarialRegexBenchmark(
  options: AdversarialRegexOptions,
): Promise<AdversarialRegexResult> {
  const microsPerMatch: Record<string, number> = {};
  const matchesPerSecond: Record<string, number> = {};
  for (const { pattern, value } of CASES) {
    const parsed = parseRule(entra(pattern));
    if (!parsed.ok) throw new Error(`${pattern} is refused: ${parsed.errors[0]?.message}`);
    const rnd = random(1);
    const users: UserAttributes[] = Array.from({ length: 16 }, (_, i) => ({
      accountId: `u${i}`,
      custom: { note: value(rnd) },
    }));
    if (users.some((u) => (u.custom!['note'] as string).length !== N))
      throw new Error(`${pattern}: value not ${N} long`);
    let count = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
      for (const user of users) matchesRule(parsed.rule, user);
      count += users.length;
      elapsed = performance.now() - started;
    } while (elapsed < options.msPerPattern);
    microsPerMatch[pattern] = Math.round((elapsed * 1000 * 10) / count) / 10;
    matchesPerSecond[pattern] = Math.round(count / (elapsed / 1000));
    // Yield between patterns so a runner's event loop stays responsive.
    await new Promise((resolve) => setImmediate(resolve));
  }

  const refused: Record<string, string> = {};
  for (const pattern of REFUSED) {
    const parsed = parseRule(entra(pattern));
    if (parsed.ok) throw new Error(`${pattern} was accepted`);
    refused[pattern] = parsed.errors[0]!.message.slice(0, 80);
  }

  const hostile = '('.repeat(1_000_000);
  const started = performance.now();
  const result = parseRule(hostile);
  const millionCharacterRuleMs = Math.round((performance.now() - started) * 100) / 100;
  if (result.ok) throw new Error('a million "(" parsed');

  return {
    valueLength: N,
    microsPerMatch,
    matchesPerSecond,
    worstMicrosPerMatch: Math.max(...Object.values(microsPerMatch)),
    refused,
    millionCharacterRuleMs,
  };
}

if (require.main === module) {
  const index = process.argv.indexOf('--ms');
  const msPerPattern = index >= 0 ? Number(process.argv[index + 1]) : 1000;
  runAdversarialRegexBenchmark({ msPerPattern })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
