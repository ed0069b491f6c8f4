// `npm run check:forge`: Atlassian's manifest validation, lint and bundler on the app, offline; exits 1 on failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEdition, EDITIONS, isEdition, type Edition } from './editions/build-edition';
import { formatCheck, formatHeader, formatTotal } from './forge-checks/format-report';
import { REPO_ROOT, runForgeChecks } from './forge-checks/run-forge-checks';

const USAGE =
  'usage: tsx scripts/check-forge.ts [--app <dir>] [--edition runs-on-atlassian]   (default: the repo root, the real app)';

function parseArgs(argv: string[]): { appDir: string; edition?: Edition } {
  let appDir = REPO_ROOT;
  let edition: Edition | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--app') {
      const value = argv[++i];
      if (!value) throw new Error(`--app needs a directory\n${USAGE}`);
      appDir = path.resolve(value);
    } else if (arg === '--edition') {
      const value = argv[++i] ?? '';
      if (!isEdition(value)) throw new Error(`--edition must be one of ${EDITIONS.join(', ')}\n${USAGE}`);
      edition = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`unknown argument '${arg}'\n${USAGE}`);
    }
  }
  return edition ? { appDir, edition } : { appDir };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let appDir = args.appDir;
  let editionDir: string | undefined;
  if (args.edition) {
    // The edition is its own app folder; Runs on Atlassian's rules are checked first, then Atlassian's checks.
    editionDir = fs.mkdtempSync(path.join(os.tmpdir(), `edition-${args.edition}-`));
    const reasons = buildEdition(args.edition, appDir, editionDir);
    console.log(
      reasons.length
        ? `✗ ${args.edition}: not eligible\n  - ${reasons.join('\n  - ')}`
        : `✓ ${args.edition}: eligible by the published rules checked offline (forge eligibility is the authority)`,
    );
    if (reasons.length) process.exitCode = 1;
    appDir = editionDir;
  }
  const cwd = process.cwd();
  console.log(formatHeader(appDir, cwd));
  const report = await runForgeChecks({
    appDir,
    onCheck: (check) => console.log(formatCheck(check, cwd).join('\n')),
  });
  console.log(formatTotal(report.checks));
  if (!report.ok) process.exitCode = 1;
  if (editionDir) fs.rmSync(editionDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(`check:forge: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
