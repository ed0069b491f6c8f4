// Bundler failures become problems at file:line: TypeScript errors, unresolvable imports, ts-loader with no output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundlerProblems } from './bundler-problems';

describe('bundlerProblems', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundler-problems-'));
    fs.writeFileSync(
      path.join(dir, 'index.ts'),
      ["import api from '@forge/api';", "import { helper } from './helpers/missing';", ''].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'other.ts'), "const pad = require('left-pad-nowhere');\n");
    fs.writeFileSync(path.join(dir, 'notes.md'), "from './helpers/missing'\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('splits the joined webpack messages and finds the line of each unresolvable import', () => {
    const error = new Error(
      `Bundling failed: Module not found: Error: Can't resolve './helpers/missing' in '${dir}', ` +
        `Module not found: Error: Can't resolve 'left-pad-nowhere' in '${dir}'`,
    );
    expect(bundlerProblems(error)).toEqual([
      {
        message: "cannot resolve import './helpers/missing'",
        file: path.join(dir, 'index.ts'),
        line: 2,
        column: 19,
      },
      {
        message: "cannot resolve import 'left-pad-nowhere'",
        file: path.join(dir, 'other.ts'),
        line: 1,
        column: 13,
      },
    ]);
  });

  it("keeps webpack's message, with the folder, when no source file names the import", () => {
    const message = `Module not found: Error: Can't resolve './gone' in '${dir}'`;
    expect(bundlerProblems(new Error(`Bundling failed: ${message}`))).toEqual([{ message, file: dir }]);
  });

  it('reads TypeScript errors with and without a position', () => {
    const error = new Error(
      'TypeScript errors in the app caused the bundling to fail. Fix the errors listed below before rerunning the ' +
        "command. [tsl] ERROR in /app/src/index.ts(3,17)\n      TS2322: Type 'number' is not assignable\n" +
        "  to type 'string'.\n[tsl] ERROR\n      TS18002: The 'files' list in config file 'tsconfig.json' is empty.",
    );
    expect(bundlerProblems(error)).toEqual([
      {
        message: "TS2322: Type 'number' is not assignable to type 'string'.",
        file: '/app/src/index.ts',
        line: 3,
        column: 17,
      },
      { message: "TS18002: The 'files' list in config file 'tsconfig.json' is empty." },
    ]);

    const alone = new Error("Bundling failed: [tsl] ERROR\n      TS18002: The 'files' list is empty.");
    expect(bundlerProblems(alone)).toEqual([{ message: "TS18002: The 'files' list is empty." }]);
  });

  it('explains ts-loader getting no output (tsconfig noEmit) and drops the loader stack trace', () => {
    const error = new Error(
      'Bundling failed: Module build failed (from ./node_modules/ts-loader/index.js):\n' +
        'Error: TypeScript emitted no output for /app/src/index.ts.\n' +
        '    at makeSourceMapAndFinish (/app/node_modules/ts-loader/dist/index.js:98:18)',
    );
    expect(bundlerProblems(error)).toEqual([
      {
        file: '/app/src/index.ts',
        message: expect.stringContaining('must not set "noEmit"') as unknown,
      },
    ]);
    const other = new Error('Bundling failed: Module build failed:\nError: boom\n    at x (/a.js:1:1)');
    expect(bundlerProblems(other)).toEqual([{ message: 'Module build failed:\nError: boom' }]);
  });

  it('passes through anything else, including non-Error values', () => {
    expect(bundlerProblems('plain failure')).toEqual([{ message: 'plain failure' }]);
  });
});
