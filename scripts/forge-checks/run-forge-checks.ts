// Runs Atlassian's own checks on a Forge app offline: manifest validation, client-side lint, deploy-style bundling.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleApp } from './bundle-app';
import { timedCheck, type CheckResult } from './check-result';
import { loadForgeTooling, type ForgeTooling } from './forge-tooling';
import { lintApp } from './lint-app';
import { localSpecEnv } from './local-specs';
import { validateManifest } from './validate-manifest';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ForgeCheckOptions {
  /** The Forge app's folder (holding manifest.yml and src/). */
  appDir: string;
  /** Where the OpenAPI specs live (emulator/specs, scripts/forge-checks/swagger-stubs). Defaults to this repo. */
  repoRoot?: string;
  /** Stands in for loading the real optional tooling (tests use it to simulate a machine without it). */
  loadTooling?: () => ForgeTooling;
  /** Called as each check finishes, so a caller can show progress during the slow ones. */
  onCheck?: (result: CheckResult) => void;
}

export interface ForgeCheckReport {
  appDir: string;
  ok: boolean;
  checks: CheckResult[];
  /** The temporary folder the lint and bundle checks worked in; deleted before this report is returned. */
  scratchDir: string;
}

export class AppDirectoryError extends Error {
  override name = 'AppDirectoryError';
}

/** Runs all three checks in order (each one even if an earlier one failed) and cleans up after them. */
export async function runForgeChecks(options: ForgeCheckOptions): Promise<ForgeCheckReport> {
  const appDir = path.resolve(options.appDir);
  if (!fs.existsSync(path.join(appDir, 'manifest.yml'))) {
    throw new AppDirectoryError(`${appDir} is not a Forge app: it has no manifest.yml`);
  }
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const loadTooling = options.loadTooling ?? (() => loadForgeTooling());
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-forge-'));
  try {
    const checks: CheckResult[] = [];
    const record = (result: CheckResult): void => {
      checks.push(result);
      options.onCheck?.(result);
    };
    record(await timedCheck('manifest', () => validateManifest(appDir)));
    record(
      await timedCheck('lint', () =>
        lintApp(appDir, loadTooling(), { specEnv: localSpecEnv(repoRoot), scratchDir }),
      ),
    );
    record(await timedCheck('bundle', () => bundleApp(appDir, loadTooling(), scratchDir)));
    return { appDir, ok: checks.every((c) => c.ok), checks, scratchDir };
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}
