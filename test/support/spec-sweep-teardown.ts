// Jest global teardown: sums what every integration test sent to the emulated site and fails the run unless
// 100 % of the app's requests validated against Atlassian's OpenAPI specs; prints the count either way.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface Stats {
  requestsSeen: number;
  validatedOk: number;
  invalid: number;
  unchecked: number;
  responsesChecked: number;
  responseViolations: number;
  knownSpecDefects: number;
}

export default function specSweepTeardown(): void {
  const dir = process.env.SPEC_SWEEP_DIR;
  if (!dir || !existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const total: Stats = {
    requestsSeen: 0,
    validatedOk: 0,
    invalid: 0,
    unchecked: 0,
    responsesChecked: 0,
    responseViolations: 0,
    knownSpecDefects: 0,
  };
  for (const file of files) {
    const stats = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Stats;
    for (const key of Object.keys(total) as Array<keyof Stats>) total[key] += stats[key];
  }
  rmSync(dir, { recursive: true, force: true });
  const percent = total.requestsSeen ? ((100 * total.validatedOk) / total.requestsSeen).toFixed(2) : '100.00';
  console.log(
    `\nOpenAPI sweep: ${total.requestsSeen} requests from the app in ${files.length} emulated sites; ` +
      `${total.validatedOk} validated against Atlassian's specs (${percent} %), ${total.invalid} invalid, ${total.unchecked} unchecked; ` +
      `${total.responsesChecked} responses checked, ${total.responseViolations} off-spec (${total.knownSpecDefects} where the spec itself is wrong).`,
  );
  if (total.invalid > 0 || total.unchecked > 0)
    throw new Error(
      `OpenAPI sweep failed: ${total.invalid} invalid and ${total.unchecked} unchecked request(s); see the failing tests.`,
    );
}
