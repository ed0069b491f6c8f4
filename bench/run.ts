// `npm run bench [-- --quick] [-- --only jit,burst,backfill,sweep,rules,reviews] [-- --trace 45-95]`: runs the performance scenarios on the
// emulator, prints a table of measured numbers and writes bench/results/latest.json. A script, never a test.
import '../test/support/install-forge-globals';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backfillScenario, burstScenario, singleLoginScenario } from './scenarios/provisioning-scenarios';
import { runAccessReviewBenchmark } from './access-review';
import { runAdversarialRegexBenchmark } from './adversarial-regex';
import { runInactivitySweepBenchmark } from './inactivity-sweep';
import { runRulesEvalBenchmark } from './rules-eval';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (() => {
  const i = args.indexOf('--only');
  return i >= 0 ? new Set((args[i + 1] ?? '').split(',')) : undefined;
})();
const scale = (full: number) => (quick ? Math.max(1, Math.round(full / 10)) : full);
const wanted = (name: string) => !only || only.has(name);
/** `--trace 45-95`: the burst's second-by-second timeline over that span of emulated seconds. */
const trace = (() => {
  const i = args.indexOf('--trace');
  if (i < 0) return undefined;
  const match = /^(\d+)-(\d+)$/.exec(args[i + 1] ?? '');
  if (!match) throw new Error('--trace needs a span of emulated seconds, e.g. --trace 45-95');
  return [Number(match[1]), Number(match[2])] as [number, number];
})();

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function table(title: string, figures: object): void {
  console.log(`\n${title}`);
  for (const [key, value] of Object.entries(figures) as Array<[string, unknown]>) {
    if (value === null || typeof value !== 'object') {
      console.log(`  ${key.padEnd(34)} ${String(value)}`);
      continue;
    }
    console.log(`  ${key}`);
    for (const [inner, v] of Object.entries(value as Record<string, unknown>))
      console.log(`    ${inner.padEnd(52)} ${String(v)}`);
  }
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { commit: commit(), quick, at: new Date().toISOString() };
  const scenarios: Record<string, unknown> = {};
  const started = Date.now();

  if (wanted('rules')) {
    const parameters = { rules: 500, users: scale(100_000) };
    const figures = await runRulesEvalBenchmark(parameters);
    scenarios.rulesEvaluation = { parameters, figures };
    table(`5. Rule evaluation: ${parameters.rules} rules x ${parameters.users} users`, figures);
    const regexParameters = { msPerPattern: quick ? 200 : 1000 };
    const regexFigures = await runAdversarialRegexBenchmark(regexParameters);
    scenarios.adversarialRegex = { parameters: regexParameters, figures: regexFigures };
    table(
      `5b. -match with hostile patterns on ${regexFigures.valueLength}-character adversarial values (µs per match)`,
      regexFigures,
    );
  }
  if (wanted('jit')) {
    const parameters = { logins: scale(200) };
    const figures = await singleLoginScenario(parameters);
    scenarios.singleJitLogin = { parameters, figures };
    table(`1. Single JIT login at nominal latency (${parameters.logins} logins, 30 s apart)`, figures);
  }
  if (wanted('burst')) {
    const parameters = { logins: scale(2_000), burstPerSecond: quick ? 2 : 20 };
    const figures = await burstScenario({ ...parameters, ...(trace ? { trace } : {}) });
    scenarios.burst = { parameters, figures };
    table(
      `2. Burst: ${parameters.logins} JIT logins in one emulated minute, ${parameters.burstPerSecond} req/s per endpoint`,
      figures,
    );
  }
  if (wanted('backfill')) {
    const parameters = { users: scale(20_000), rules: 50 };
    const figures = await backfillScenario(parameters);
    scenarios.backfill = { parameters, figures };
    table(`3. Backfill: ${parameters.users} users, ${parameters.rules} rules`, figures);
  }
  if (wanted('sweep')) {
    const parameters = { users: scale(100_000) };
    const figures = await runInactivitySweepBenchmark(parameters);
    scenarios.inactivitySweep = { parameters, figures };
    table(`4. Inactivity sweep: ${parameters.users} users`, figures);
  }

  if (wanted('reviews')) {
    const parameters = { memberships: scale(20_000) };
    const figures = await runAccessReviewBenchmark(parameters);
    scenarios.accessReview = { parameters, figures };
    table(
      `6. Access review: a campaign over ${parameters.memberships} memberships, created, reminded, closed`,
      figures,
    );
  }

  const pick = <T>(path: string[]): T | undefined =>
    path.reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      scenarios,
    ) as T | undefined;
  const longest = [
    pick<number>(['singleJitLogin', 'figures', 'longestInvocationOverLimit']),
    pick<number>(['burst', 'figures', 'longestInvocationOverLimit']),
    pick<number>(['backfill', 'figures', 'longestInvocationOverLimit']),
    (() => {
      const ms = pick<number>(['inactivitySweep', 'figures', 'longestInvocationMs']);
      const limit = pick<number>(['inactivitySweep', 'figures', 'longestInvocationLimitMs']);
      return ms !== undefined && limit ? Math.round((ms / limit) * 1000) / 1000 : undefined;
    })(),
    pick<number>(['accessReview', 'figures', 'longestInvocationOverLimit']),
  ].filter((v): v is number => typeof v === 'number');
  const chains = [
    pick<number>(['singleJitLogin', 'figures', 'longestEventChain']),
    pick<number>(['burst', 'figures', 'longestEventChain']),
    pick<number>(['backfill', 'figures', 'longestEventChain']),
    pick<number>(['inactivitySweep', 'figures', 'longestEventChain']),
    pick<number>(['accessReview', 'figures', 'longestEventChain']),
  ].filter((v): v is number => typeof v === 'number');
  Object.assign(results, {
    callsPerUserOverFloor: pick(['singleJitLogin', 'figures', 'callsPerUserOverFloor']) ?? null,
    callsPerUserOverGrantFloor: pick(['singleJitLogin', 'figures', 'callsPerUserOverGrantFloor']) ?? null,
    backfillReadCallsPerUser: pick(['backfill', 'figures', 'readCallsPerUser']) ?? null,
    backfillEmulatedHours: pick(['backfill', 'figures', 'emulatedHours']) ?? null,
    planUsersPerSecond: pick(['rulesEvaluation', 'figures', 'planUsersPerSecond']) ?? null,
    burstThroughputOverCeiling: pick(['burst', 'figures', 'burstThroughputOverCeiling']) ?? null,
    lostUsers: pick(['burst', 'figures', 'lostUsers']) ?? null,
    duplicateGrants: pick(['burst', 'figures', 'duplicateGrants']) ?? null,
    eventToAccessP95Seconds: pick(['singleJitLogin', 'figures', 'eventToAccessP95Seconds']) ?? null,
    longestInvocationOverLimit: longest.length ? Math.max(...longest) : null,
    longestEventChain: chains.length ? Math.max(...chains) : null,
    reviewCampaign20kEmulatedMinutes:
      pick(['accessReview', 'figures', 'reviewCampaignEmulatedMinutes']) ?? null,
    wallSeconds: Math.round((Date.now() - started) / 1000),
    scenarios,
  });
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  table('Summary (the ratios the product is judged by)', {
    callsPerUserOverFloor: results.callsPerUserOverFloor,
    callsPerUserOverGrantFloor: results.callsPerUserOverGrantFloor,
    backfillReadCallsPerUser: results.backfillReadCallsPerUser,
    backfillEmulatedHours: results.backfillEmulatedHours,
    planUsersPerSecond: results.planUsersPerSecond,
    burstThroughputOverCeiling: results.burstThroughputOverCeiling,
    lostUsers: results.lostUsers,
    duplicateGrants: results.duplicateGrants,
    eventToAccessP95Seconds: results.eventToAccessP95Seconds,
    longestInvocationOverLimit: results.longestInvocationOverLimit,
    longestEventChain: results.longestEventChain,
    reviewCampaign20kEmulatedMinutes: results.reviewCampaign20kEmulatedMinutes,
    wallSeconds: results.wallSeconds,
  });
  console.log(`\nwritten: bench/results/latest.json`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
