// The report: one line per check, problems as file:line:column relative to the caller, in file order.
import path from 'node:path';
import { formatProblem, formatReport } from './format-report';
import type { ForgeCheckReport } from './run-forge-checks';

const cwd = '/work/repo';
const report = (checks: ForgeCheckReport['checks']): ForgeCheckReport => ({
  appDir: cwd,
  ok: checks.every((c) => c.ok),
  checks,
  scratchDir: '/tmp/check-forge-x',
});

describe('formatReport', () => {
  it('prints a verdict, time and summary per check, and a closing total', () => {
    const text = formatReport(
      report([
        { name: 'manifest', ok: true, durationMs: 4012, summary: 'valid', errors: [], warnings: [] },
        { name: 'lint', ok: true, durationMs: 15300, summary: 'no problems', errors: [], warnings: [] },
        {
          name: 'bundle',
          ok: true,
          durationMs: 940,
          summary: 'backend: index (4 KB)',
          errors: [],
          warnings: [],
        },
      ]),
      cwd,
    );
    expect(text).toBe(
      [
        'check:forge .',
        'PASS manifest (@forge/manifest)   4.0s  valid',
        'PASS lint     (@forge/lint)      15.3s  no problems',
        'PASS bundle   (@forge/bundler)    0.9s  backend: index (4 KB)',
        'all 3 checks passed in 20.3s',
      ].join('\n'),
    );
  });

  it('lists errors then warnings under a failed check, sorted by file and line, and names what failed', () => {
    const file = path.join(cwd, 'src/index.ts');
    const text = formatReport(
      report([
        {
          name: 'bundle',
          ok: false,
          durationMs: 2000,
          summary: 'backend: failed',
          errors: [
            { message: 'TS2307: Cannot find module', file, line: 2, column: 24 },
            { message: 'loader crashed' },
            { message: "cannot resolve import './x'", file, line: 2, column: 19 },
          ],
          warnings: [{ message: 'big bundle' }],
        },
      ]),
      cwd,
    );
    expect(text.split('\n')).toEqual([
      'check:forge .',
      'FAIL bundle   (@forge/bundler)    2.0s  backend: failed',
      "  error   src/index.ts:2:19: cannot resolve import './x'",
      '  error   src/index.ts:2:24: TS2307: Cannot find module',
      '  error   loader crashed',
      '  warning big bundle',
      'FAILED: bundle (2.0s)',
    ]);
  });
});

describe('formatProblem', () => {
  it('shows files outside the working folder by their absolute path', () => {
    expect(formatProblem({ message: 'bad', file: '/tmp/app/manifest.yml', line: 3 }, cwd)).toBe(
      '/tmp/app/manifest.yml:3: bad',
    );
  });

  it('leaves out a line or column the tool did not give, and indents continuation lines', () => {
    expect(formatProblem({ message: 'first\nsecond', file: path.join(cwd, 'manifest.yml') }, cwd)).toBe(
      'manifest.yml: first\n          second',
    );
  });
});
