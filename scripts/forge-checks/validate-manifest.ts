// Check 1: manifest.yml through @forge/manifest's full validation (YAML, JSON schema, semantic checks), as the CLI does.
import path from 'node:path';
import { validate, type ValidationError } from '@forge/manifest';
import type { CheckOutcome, Problem } from './check-result';
import { inDirectory } from './process-scope';

export async function validateManifest(appDir: string): Promise<CheckOutcome> {
  const manifestPath = path.join(appDir, 'manifest.yml');
  // Some semantic validators (handler files, resource folders) resolve paths from the working directory.
  const result = await inDirectory(appDir, () => validate(false, manifestPath));
  const found = result.errors ?? [];
  const toProblem = (e: ValidationError): Problem => ({
    message: e.message,
    file: manifestPath,
    ...(e.line === undefined ? {} : { line: e.line }),
    ...(e.column === undefined ? {} : { column: e.column }),
  });
  const errors = found.filter((e) => e.level === 'error').map(toProblem);
  const warnings = found.filter((e) => e.level !== 'error').map(toProblem);
  if (!result.success && errors.length === 0) {
    errors.push({
      message: '@forge/manifest rejected the manifest without naming a reason',
      file: manifestPath,
    });
  }
  const ok = result.success && errors.length === 0;
  return { ok, summary: ok ? 'valid' : `${errors.length} error(s)`, errors, warnings };
}
