// Prints a check report: one line per check with its verdict and time, then each problem as file:line: message.
import path from 'node:path';
import type { CheckResult, Problem } from './check-result';
import type { ForgeCheckReport } from './run-forge-checks';

const CHECK_TITLES: Record<CheckResult['name'], string> = {
  manifest: 'manifest (@forge/manifest)',
  lint: 'lint     (@forge/lint)',
  bundle: 'bundle   (@forge/bundler)',
};

/** `relativeTo` is the folder paths are shown from (the caller's working directory). */
export function formatReport(report: ForgeCheckReport, relativeTo: string): string {
  const lines = [`check:forge ${path.relative(relativeTo, report.appDir) || '.'}`];
  for (const check of report.checks) {
    const verdict = check.ok ? 'PASS' : 'FAIL';
    lines.push(
      `${verdict} ${CHECK_TITLES[check.name]}  ${formatSeconds(check.durationMs)}  ${check.summary}`,
    );
    for (const problem of check.errors) lines.push(`  error   ${formatProblem(problem, relativeTo)}`);
    for (const problem of check.warnings) lines.push(`  warning ${formatProblem(problem, relativeTo)}`);
  }
  const total = report.checks.reduce((sum, c) => sum + c.durationMs, 0);
  const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
  lines.push(
    failed.length === 0
      ? `all ${report.checks.length} checks passed in ${formatSeconds(total)}`
      : `FAILED: ${failed.join(', ')} (${formatSeconds(total)})`,
  );
  return lines.join('\n');
}

export function formatProblem(problem: Problem, relativeTo: string): string {
  // Continuation lines line up under the first line's text, below the "  error   " prefix.
  const message = problem.message.replace(/\n/g, '\n          ');
  if (!problem.file) return message;
  let where = path.relative(relativeTo, problem.file) || problem.file;
  if (problem.line !== undefined && problem.line > 0) {
    where += `:${problem.line}`;
    if (problem.column !== undefined && problem.column > 0) where += `:${problem.column}`;
  }
  return `${where}: ${message}`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
