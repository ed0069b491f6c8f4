// Check 2: @forge/lint's client-side linters as `forge lint` runs them, offline, with the repo's OpenAPI specs.
import path from 'node:path';
import type { CheckOutcome, Problem } from './check-result';
import type { ForgeTooling, LintRule, StatsigReader } from './forge-tooling';
import { inDirectory, withEnv } from './process-scope';

export interface LintOptions {
  /** From localSpecEnv: points the permission linter at local specs instead of developer.atlassian.com. */
  specEnv: Record<string, string>;
  /** A throw-away folder: the permission linter opens a `conf` cache store under XDG_CONFIG_HOME. */
  scratchDir: string;
}

/**
 * Lints what the CLI lints (bundler/out/lint.js runLinter): ./src plus each UI Kit resource's folder, less
 * .gitignore'd files. Errors (e.g. `Jira endpoint: GET /rest/api/3/myself requires "read:jira-user" scope`) fail
 * the check; warnings are reported.
 */
export async function lintApp(
  appDir: string,
  tooling: ForgeTooling,
  options: LintOptions,
): Promise<CheckOutcome> {
  const { cliShared, lint } = tooling;
  const env = { ...options.specEnv, XDG_CONFIG_HOME: path.join(options.scratchDir, 'config') };
  const results = await withEnv(env, () =>
    inDirectory(appDir, async () => {
      const reader = new cliShared.FileSystemReader();
      const configFile = new cliShared.ConfigFile(reader, new cliShared.FileSystemWriter());
      const manifest = await configFile.readConfig();
      const exclude = [...(await cliShared.listGitIgnoreFiles(reader)), '.git', 'node_modules'];
      const uiKitDirs = (await configFile.getResources(['nativeUI'])).map((r) =>
        r.entry ? r.path : path.dirname(r.path),
      );
      const found = await Promise.all(
        ['./src', ...uiKitDirs].map((dir) => reader.recursiveReadDir(dir, exclude)),
      );
      // A UI Kit folder inside src/ would otherwise be linted, and reported, twice.
      const files = [...new Set(found.flat())];
      return lint.lint(files, manifest, 'development', { info: () => undefined }, offlineStatsig(tooling), {
        linter: { mode: 'client-side' },
      });
    }),
  );

  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const missingScopes = new Set<string>();
  for (const result of results) {
    const file = path.resolve(appDir, result.file);
    const toProblem = (rule: LintRule): Problem => ({
      message: rule.message,
      file,
      line: rule.line,
      column: rule.column,
    });
    // `forge lint` fails on errors and on approvals (lint.js reportLintResults); warnings only inform.
    errors.push(...result.errors.map(toProblem), ...result.approvals.map(toProblem));
    warnings.push(...result.warnings.map(toProblem));
    for (const rule of [...result.errors, ...result.warnings]) {
      const scope = rule.metadata?.missingPermission;
      if (typeof scope === 'string') missingScopes.add(scope);
    }
  }
  const ok = errors.length === 0;
  const scopes = missingScopes.size > 0 ? `; missing scopes: ${[...missingScopes].sort().join(', ')}` : '';
  return { ok, summary: ok ? 'no problems' : `${errors.length} error(s)${scopes}`, errors, warnings };
}

/**
 * The CLI asks Statsig for feature gates and dynamic config; offline every answer is "unknown" (null), so
 * StatsigReader's own defaults apply, as they do in the CLI when Statsig cannot be reached.
 */
function offlineStatsig({ cliShared }: ForgeTooling): StatsigReader {
  class OfflineStatsig extends cliShared.StatsigReader {
    override checkGate(): Promise<boolean | null> {
      return Promise.resolve(null);
    }
    override getDynamicConfig(): Promise<unknown> {
      return Promise.resolve(null);
    }
  }
  return new OfflineStatsig();
}
