// Check 3: bundles the backend and UI Kit resources with @forge/bundler the way `forge deploy` packages them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundlerProblems } from './bundler-problems';
import type { CheckOutcome, Problem } from './check-result';
import type { ForgeLogger, ForgeTooling } from './forge-tooling';
import { inDirectory, withEnv } from './process-scope';
import { stageRuntimeStandin, standinScripts } from './runtime-standin';

// File names @forge/bundler gives the runtime loader and wrapper inside a backend bundle (bundler/out/runtime.js).
const LOADER_FILE = '__forge__.cjs';
const WRAPPER_FILE = '__forge_wrapper__.cjs';

/**
 * Mirrors the packaging step of `forge deploy` (cli/out/deploy/package-upload-deploy.js, packager/packager.js and
 * packager/runtime-bundler.js): i18n bundle, Node bundle of every handler module, NativeUIBundler for each UI Kit
 * resource the CLI would bundle. The stand-in runtime goes under `scratchDir`, which the caller deletes; the
 * bundler's own output folders are deleted here, whether it succeeded or not.
 */
export async function bundleApp(
  appDir: string,
  tooling: ForgeTooling,
  scratchDir: string,
): Promise<CheckOutcome> {
  const { cliShared, bundler } = tooling;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const logger = collectingLogger(errors, warnings);
  const parts: string[] = [];
  const tempDirsBefore = new Set(bundlerTempDirs());

  // FORGE_RUNTIME_PATH: the bundler packs the stand-in runtime instead of downloading Atlassian's.
  const env = { FORGE_RUNTIME_PATH: stageRuntimeStandin(scratchDir) };
  try {
    await withEnv(env, () =>
      inDirectory(appDir, async () => {
        const reader = new cliShared.FileSystemReader();
        const configFile = new cliShared.ConfigFile(reader, new cliShared.FileSystemWriter());
        const manifest = await configFile.readConfig();
        const entryPoints = bundler.getEntryPoints(await configFile.getAppHandlers());
        const uiKitResources = (await configFile.getResources()).filter((r) =>
          cliShared.shouldBundleResource(r),
        );
        const i18nResourceBundle = await new cliShared.I18nResourceBundlingService().bundle(
          manifest.modules,
          manifest.translations,
        );

        if (entryPoints.length > 0) {
          const nodeBundler = bundler.getNodeBundler(
            logger,
            bundler.getWrapperProvider({ fileSystemReader: reader }),
            configFile,
          );
          try {
            const output = await nodeBundler.bundle({
              appDirectory: process.cwd(),
              entryPoints,
              i18nResourceBundle,
            });
            errors.push(...backendBundleProblems(output.outputDir, output.additionalOutputs, entryPoints));
            const size = formatSize(folderSize(output.outputDir));
            parts.push(`backend: ${entryPoints.map((e) => e.name).join(', ')} (${size})`);
          } catch (error) {
            errors.push(...bundlerProblems(error));
            parts.push('backend: failed');
          }
        } else {
          parts.push('backend: no functions');
        }

        if (uiKitResources.length > 0) {
          try {
            const ui = await new bundler.NativeUIBundler(logger).bundleResources(
              uiKitResources,
              manifest.translations,
            );
            for (const bundle of ui.nativeUiBundlesDetails) {
              if (!fs.readdirSync(bundle.path).some((f) => f.endsWith('.html'))) {
                errors.push({
                  message: `UI Kit resource '${bundle.key}' bundled without an HTML entry page`,
                });
              }
            }
            parts.push(`UI Kit: ${uiKitResources.map((r) => r.key).join(', ')}`);
          } catch (error) {
            errors.push(...bundlerProblems(error));
            parts.push('UI Kit: failed');
          }
        }
      }),
    );
  } finally {
    for (const name of bundlerTempDirs()) {
      if (!tempDirsBefore.has(name))
        fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }

  const ok = errors.length === 0;
  return { ok, summary: parts.join('; '), errors, warnings };
}

/** What deploy would upload must hold every handler module and, here, the stand-in runtime rather than a real one. */
function backendBundleProblems(
  outputDir: string,
  additionalOutputs: Map<string, string | Buffer> | undefined,
  entryPoints: { name: string }[],
): Problem[] {
  const problems: Problem[] = [];
  for (const { name } of entryPoints) {
    if (!fs.existsSync(path.join(outputDir, `${name}.cjs`))) {
      problems.push({ message: `the backend bundle has no ${name}.cjs for handler module '${name}'` });
    }
  }
  const standin = standinScripts();
  const packed = (file: string): string | undefined => {
    const content = additionalOutputs?.get(file);
    return content === undefined ? undefined : content.toString();
  };
  if (packed(LOADER_FILE) !== standin.loader || packed(WRAPPER_FILE) !== standin.wrapper) {
    problems.push({
      message: `the bundle's ${LOADER_FILE}/${WRAPPER_FILE} are not the stand-in runtime: FORGE_RUNTIME_PATH was ignored`,
    });
  }
  return problems;
}

/**
 * The folders this process's bundler made: @forge/cli-shared's tmpDir() names them `forge-<kind>-<pid>-<random>`
 * (forge-dist, forge-native-ui) and the i18n bundle uses tmp's default `tmp-<pid>-<random>`, all in os.tmpdir().
 * They are swept by name because a failed build never reports its folder.
 */
export function bundlerTempDirs(): string[] {
  const ours = new RegExp(`^(?:forge-[a-z-]+|tmp)-${process.pid}-`);
  return fs.readdirSync(os.tmpdir()).filter((name) => ours.test(name));
}

function collectingLogger(errors: Problem[], warnings: Problem[]): ForgeLogger {
  const ignore = (): void => undefined;
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: (message) => warnings.push({ message }),
    error: (error) => errors.push({ message: error.message }),
  };
}

function folderSize(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
