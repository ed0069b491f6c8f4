// `npm run check:forge`: Atlassian's manifest validation, lint and bundler on the app, offline; exits 1 on failure.
import path from 'node:path';
import { formatCheck, formatHeader, formatTotal } from './forge-checks/format-report';
import { REPO_ROOT, runForgeChecks } from './forge-checks/run-forge-checks';

const USAGE = 'usage: tsx scripts/check-forge.ts [--app <dir>]   (default: the repo root, the real app)';

function parseArgs(argv: string[]): { appDir: string } {
  let appDir = REPO_ROOT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--app') {
      const value = argv[++i];
      if (!value) throw new Error(`--app needs a directory\n${USAGE}`);
      appDir = path.resolve(value);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      throw new Error(`unknown argument '${arg}'\n${USAGE}`);
    }
  }
  return { appDir };
}

async function main(): Promise<void> {
  const { appDir } = parseArgs(process.argv.slice(2));
  const cwd = process.cwd();
  console.log(formatHeader(appDir, cwd));
  const report = await runForgeChecks({
    appDir,
    onCheck: (check) => console.log(formatCheck(check, cwd).join('\n')),
  });
  console.log(formatTotal(report.checks));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`check:forge: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
