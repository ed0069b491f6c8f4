// Atlassian's own checks (manifest, lint, bundler) pass on the real app and name the cause on each broken one.
// One file on purpose: @forge/manifest caches its compiled schema validators per process (~4 s each to build), and
// Jest gives every test file a fresh module registry, so all the apps share this file's.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleApp, bundlerTempDirs } from '../../scripts/forge-checks/bundle-app';
import type { CheckName, CheckResult } from '../../scripts/forge-checks/check-result';
import { formatReport } from '../../scripts/forge-checks/format-report';
import { FORGE_TOOLING_INSTALL, loadForgeTooling } from '../../scripts/forge-checks/forge-tooling';
import {
  REPO_ROOT,
  runForgeChecks,
  type ForgeCheckReport,
} from '../../scripts/forge-checks/run-forge-checks';
import { validateManifest } from '../../scripts/forge-checks/validate-manifest';
import { writeTempApp, type TempApp } from './temp-app';

const BROKEN_SCOPE_APP = path.join(REPO_ROOT, 'test/fixtures/broken-scope-app');
const APP_ID = 'ari:cloud:ecosystem::app/3f0c2d1e-8a7b-4c6d-9e5f-1a2b3c4d5e6f';
const SLOW = 300_000;

const check = (report: ForgeCheckReport, name: CheckName): CheckResult => {
  const found = report.checks.find((c) => c.name === name);
  if (!found) throw new Error(`the report has no ${name} check`);
  return found;
};

/** Every file and folder under `dir`, to prove a check wrote nothing there. */
const snapshot = (dir: string): string[] => fs.readdirSync(dir, { recursive: true }).map(String).sort();

/** Files under the app that look like bundler output (other engineers' files come and go in src/ meanwhile). */
const bundleLikeFiles = (appDir: string): string[] =>
  [...fs.readdirSync(appDir), ...snapshot(path.join(appDir, 'src')).map((f) => `src/${f}`)].filter((f) =>
    /^(__forge|\.forge|\.offline-bundle)|\.(cjs|html|map)$/.test(path.basename(f)),
  );

describe('the real app', () => {
  let report: ForgeCheckReport;
  let before: string[];
  beforeAll(async () => {
    before = bundleLikeFiles(REPO_ROOT);
    report = await runForgeChecks({ appDir: REPO_ROOT });
  }, SLOW);

  it('passes manifest validation, lint and bundling', () => {
    // Comparing whole results makes a failure print every problem the tools found.
    expect(report.checks.map(({ name, ok, errors }) => ({ name, ok, errors }))).toEqual([
      { name: 'manifest', ok: true, errors: [] },
      { name: 'lint', ok: true, errors: [] },
      { name: 'bundle', ok: true, errors: [] },
    ]);
    expect(report.ok).toBe(true);
    expect(check(report, 'bundle').summary).toMatch(/^backend: index \(\d+(\.\d)? [KM]B\)/);
  });

  it('leaves no bundle or scratch file behind', () => {
    expect(fs.existsSync(report.scratchDir)).toBe(false);
    expect(bundlerTempDirs()).toEqual([]);
    expect(bundleLikeFiles(REPO_ROOT)).toEqual(before);
  });
});

describe('an app whose code calls Jira endpoints its manifest has no scope for', () => {
  let report: ForgeCheckReport;
  let before: string[];
  beforeAll(async () => {
    before = snapshot(BROKEN_SCOPE_APP);
    report = await runForgeChecks({ appDir: BROKEN_SCOPE_APP });
  }, SLOW);

  it('is checked without writing a file into the app', () => {
    expect(snapshot(BROKEN_SCOPE_APP)).toEqual(before);
    expect(fs.existsSync(report.scratchDir)).toBe(false);
  });

  it('fails lint, naming each missing scope at the call site', () => {
    const lint = check(report, 'lint');
    const file = path.join(BROKEN_SCOPE_APP, 'src/index.ts');
    expect(lint.ok).toBe(false);
    expect(lint.summary).toBe('2 error(s); missing scopes: manage:jira-configuration, read:jira-user');
    expect(lint.errors).toEqual([
      {
        file,
        line: 5,
        column: 43,
        message: 'Jira endpoint: GET /rest/api/3/myself requires "read:jira-user" scope',
      },
      {
        file,
        line: 7,
        column: 32,
        message: 'Jira endpoint: POST /rest/api/3/group/user requires "manage:jira-configuration" scope',
      },
    ]);
  });

  it('fails nothing else: the manifest is valid and the code bundles', () => {
    expect(report.ok).toBe(false);
    expect(check(report, 'manifest').ok).toBe(true);
    expect(check(report, 'bundle')).toMatchObject({ ok: true, errors: [] });
  });

  it('prints one line per check with its time, then each problem as file:line:column', () => {
    const lines = formatReport(report, REPO_ROOT).split('\n');
    expect(lines[0]).toBe('check:forge test/fixtures/broken-scope-app');
    expect(lines[1]).toMatch(/^PASS manifest \(@forge\/manifest\) +\d+\.\ds {2}valid$/);
    expect(lines[2]).toMatch(
      /^FAIL lint +\(@forge\/lint\) +\d+\.\ds {2}2 error\(s\); missing scopes: manage:jira-configuration, read:jira-user$/,
    );
    expect(lines[3]).toBe(
      '  error   test/fixtures/broken-scope-app/src/index.ts:5:43: Jira endpoint: GET /rest/api/3/myself requires "read:jira-user" scope',
    );
    expect(lines[5]).toMatch(
      /^PASS bundle +\(@forge\/bundler\) +\d+\.\ds {2}backend: index \(\d+(\.\d)? [KM]B\)$/,
    );
    expect(lines[6]).toMatch(/^FAILED: lint \(\d+\.\ds\)$/);
  });
});

describe('manifest validation', () => {
  const apps: TempApp[] = [];
  afterAll(() => apps.forEach((app) => app.remove()));
  const appWith = (manifest: string): string => {
    const app = writeTempApp({
      'manifest.yml': manifest,
      'src/index.ts': 'export const run = () => undefined;\n',
    });
    apps.push(app);
    return app.dir;
  };

  it('rejects a schema violation, with the reason and its line', async () => {
    const dir = appWith(`modules:
  scheduledTrigger:
    - key: every-minute
      function: run
      interval: minute
  function:
    - key: run
      handler: index.run
app:
  id: ${APP_ID}
  runtime:
    name: nodejs22.x
`);
    const result = await validateManifest(dir);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual({
      file: path.join(dir, 'manifest.yml'),
      line: 5,
      column: 6,
      message:
        "scheduledTrigger property interval 'minute' allowed values are 'fiveMinute', 'hour', 'day', 'week'",
    });
  }, 60_000);

  it('rejects semantic mistakes: an undefined function key and a handler file that does not exist', async () => {
    const dir = appWith(`modules:
  scheduledTrigger:
    - key: nightly
      function: not-defined
      interval: day
  function:
    - key: run
      handler: missing.run
app:
  id: ${APP_ID}
  runtime:
    name: nodejs22.x
`);
    const result = await validateManifest(dir);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [2, "scheduledTrigger references undefined function module with key 'not-defined'"],
      [
        8,
        "function handler property 'missing.run' cannot find associated file with name 'missing.(tsx|jsx|ts|js|cjs)'",
      ],
    ]);
  }, 60_000);
});

describe('bundling like forge deploy', () => {
  const uiKitManifest = `modules:
  jira:adminPage:
    - key: admin-page
      resource: admin
      render: native
      title: Admin
  scheduledTrigger:
    - key: nightly
      function: run
      interval: day
  function:
    - key: run
      handler: index.run
resources:
  - key: admin
    path: src/frontend/index.tsx
app:
  id: ${APP_ID}
  runtime:
    name: nodejs22.x
`;
  // Like every Forge template: without one, ts-loader cannot compile a UI Kit .tsx (TS18002), in deploy too.
  const TSCONFIG = JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: true,
    },
    include: ['src'],
  });
  const apps: TempApp[] = [];
  const scratchDirs: string[] = [];
  afterAll(() => {
    apps.forEach((app) => app.remove());
    scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  });
  const bundle = async (files: Record<string, string>) => {
    const app = writeTempApp({ 'manifest.yml': uiKitManifest, 'tsconfig.json': TSCONFIG, ...files });
    apps.push(app);
    const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-check-scratch-'));
    scratchDirs.push(scratchDir);
    return { dir: app.dir, result: await bundleApp(app.dir, loadForgeTooling(), scratchDir) };
  };

  it(
    'fails on an unresolvable import in the backend or a UI Kit resource, at the importing line',
    async () => {
      const { dir, result } = await bundle({
        'src/index.ts': [
          "import { route } from '@forge/api';",
          "import { helper } from './not-there';",
          'export const run = (): string => helper(route`/rest/api/3/myself`.value);',
          '',
        ].join('\n'),
        'src/frontend/index.tsx': ["import { Page } from './no-such-page';", 'export default Page;', ''].join(
          '\n',
        ),
      });
      expect(result.ok).toBe(false);
      expect(result.summary).toBe('backend: failed; UI Kit: failed');
      const unresolved = result.errors.filter((e) => e.message.startsWith('cannot resolve import'));
      expect(unresolved).toEqual([
        {
          message: "cannot resolve import './not-there'",
          file: path.join(dir, 'src/index.ts'),
          line: 2,
          column: 19,
        },
        {
          message: "cannot resolve import './no-such-page'",
          file: path.join(dir, 'src/frontend/index.tsx'),
          line: 1,
          column: 17,
        },
      ]);
    },
    SLOW,
  );

  it(
    'bundles UI Kit resources with the backend, and packs the stand-in runtime, never a downloaded one',
    async () => {
      const { result } = await bundle({
        'src/index.ts': "export const run = (): string => 'ok';\n",
        'src/frontend/index.tsx': "export const title = 'Admin';\n",
      });
      // The check itself compares the packed loader and wrapper with scripts/forge-runtime-standin.
      expect(result).toMatchObject({ ok: true, errors: [] });
      expect(result.summary).toMatch(/^backend: index \(\d+(\.\d)? [KM]B\); UI Kit: admin$/);
      // The bundler's output folders are gone, as after the failed bundle above.
      expect(bundlerTempDirs()).toEqual([]);
    },
    SLOW,
  );
});

describe('without the optional Forge tooling', () => {
  it('still validates the manifest, and fails lint and bundle saying how to install the tooling', async () => {
    const missing = (name: string): never => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    const report = await runForgeChecks({
      appDir: BROKEN_SCOPE_APP,
      loadTooling: () => loadForgeTooling(missing),
    });
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['manifest', true],
      ['lint', false],
      ['bundle', false],
    ]);
    const message = check(report, 'lint').errors[0]?.message ?? '';
    expect(message).toContain("@forge/lint: Cannot find module '@forge/lint'");
    expect(message).toContain(`Install it with: ${FORGE_TOOLING_INSTALL}`);
    expect(FORGE_TOOLING_INSTALL).toBe('apt-get install -y libsecret-1-dev && npm ci');
  }, 60_000);
});

describe('the command line', () => {
  const run = promisify(execFile);
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  const cli = path.join(REPO_ROOT, 'scripts/check-forge.ts');

  it('exits 2 with a clear message when --app is not a Forge app, and on unknown arguments', async () => {
    const notAnApp = fs.mkdtempSync(path.join(os.tmpdir(), 'not-an-app-'));
    try {
      await expect(run(tsx, [cli, '--app', notAnApp], { cwd: REPO_ROOT })).rejects.toMatchObject({
        code: 2,
        stderr: `check:forge: ${notAnApp} is not a Forge app: it has no manifest.yml\n`,
      });
    } finally {
      fs.rmSync(notAnApp, { recursive: true, force: true });
    }
    await expect(run(tsx, [cli, '--fast'], { cwd: REPO_ROOT })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown argument '--fast'") as unknown,
    });
  }, 60_000);
});
