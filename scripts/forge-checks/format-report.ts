// Prints a check report: one line per check with its verdict and time, then each problem as file:line: message.
import path from 'node:path';
import type { CheckResult, Problem } from './check-result';
import type { ForgeCheckReport } from './run-forge-checks';

const CHECK_TOOLS: Record<CheckResult['name'], string> = {
  manifest: '@forge/manifest',
  lint: '@forge/lint',
  bundle: '@forge/bundler',
};

/** `relativeTo` is the folder paths are shown from (the caller's working directory). */
export function formatReport(report: ForgeCheckReport, relativeTo: string): string {
  return [
    formatHeader(report.appDir, relativeTo),
    ...report.checks.flatMap((check) => formatCheck(check, relativeTo)),
    formatTotal(report.checks),
  ].join('\n');
}

export function formatHeader(appDir: string, relativeTo: string): string {
  return `check:forge ${displayPath(appDir, relativeTo)}`;
}

/** The verdict line of one check, then its errors and warnings. */
export function formatCheck(check: CheckResult, relativeTo: string): string[] {
  const verdict = check.ok ? 'PASS' : 'FAIL';
  const title = `${check.name.padEnd(8)} (${CHECK_TOOLS[check.name]})`.padEnd(26);
  return [
    `${verdict} ${title} ${formatSeconds(check.durationMs).padStart(6)}  ${check.summary}`,
    ...byPlace(check.errors).map((problem) => `  error   ${formatProblem(problem, relativeTo)}`),
    ...byPlace(check.warnings).map((problem) => `  warning ${formatProblem(problem, relativeTo)}`),
  ];
}

export function formatTotal(checks: CheckResult[]): string {
  const total = formatSeconds(checks.reduce((sum, c) => sum + c.durationMs, 0));
  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  return failed.length === 0
    ? `all ${checks.length} checks passed in ${total}`
    : `FAILED: ${failed.join(', ')} (${total})`;
}

export function formatProblem(problem: Problem, relativeTo: string): string {
  // Continuation lines line up under the first line's text, below the "  error   " prefix.
  const message = problem.message.replace(/\n/g, '\n          ');
  if (!problem.file) return message;
  let where = displayPath(problem.file, relativeTo);
  if (problem.line !== undefined && problem.line > 0) {
    where += `:${problem.line}`;
    if (problem.column !== undefined && problem.column > 0) where += `:${problem.column}`;
  }
  return `${where}: ${message}`;
}

/** In file order, so that two tools' complaints about one line sit together; problems without a file come last. */
function byPlace(problems: Problem[]): Problem[] {
  const key = (p: Problem): [string, number, number] => [p.file ?? '\uffff', p.line ?? 0, p.column ?? 0];
  return [...problems].sort((a, b) => {
    const [fileA, lineA, columnA] = key(a);
    const [fileB, lineB, columnB] = key(b);
    return fileA.localeCompare(fileB) || lineA - lineB || columnA - columnB;
  });
}

/** Relative to the caller's folder when inside it (clickable, short), absolute otherwise. */
function displayPath(file: string, relativeTo: string): string {
  const relative = path.relative(relativeTo, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
