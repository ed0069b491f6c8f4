// Loads the optional Forge tooling (@forge/lint, @forge/bundler, @forge/cli-shared), or says how to install it.
import { createRequire } from 'node:module';
import type { ManifestSchema, Modules, Translations } from '@forge/manifest';

export const FORGE_TOOLING_PACKAGES = ['@forge/cli-shared', '@forge/lint', '@forge/bundler'] as const;
export const FORGE_TOOLING_INSTALL = 'apt-get install -y libsecret-1-dev && npm ci';

export class ForgeToolingMissingError extends Error {
  constructor(readonly failures: string[]) {
    super(
      `The optional Forge tooling is not installed (${failures.join('; ')}). It comes with \`npm ci\` as an ` +
        `optionalDependency, but its keytar dependency compiles against Debian's libsecret and npm drops it ` +
        `when that fails. Install it with: ${FORGE_TOOLING_INSTALL}`,
    );
    this.name = 'ForgeToolingMissingError';
  }
}

// The views below cover only what the checks call. They are declared here rather than imported because these
// packages are optional: type-checking and ESLint must pass on a machine where npm dropped them. The
// forge-checks tests run every one of these calls against the real packages, so a drift fails there.

/** cli-shared's Logger. */
export interface ForgeLogger {
  traceEnabled: boolean;
  debugEnabled: boolean;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(error: Error): void;
}

export interface FileSystemReader {
  recursiveReadDir(rootDir: string, ignores: string[]): Promise<string[]>;
}

export interface FileSystemWriter {
  writeStringToFile(content: string, filename: string): void;
}

export interface AppHandler {
  module: string;
  func: string;
}

export type UIResourceType = 'customUI' | 'nativeUI' | 'default';

export interface ResourceDetails {
  key: string;
  path: string;
  entry?: Record<string, string>;
  bundler?: unknown;
  resourceType: UIResourceType;
}

/** Reads ./manifest.yml of the current directory, as the CLI does. */
export interface ConfigFile {
  readConfig(): Promise<ManifestSchema>;
  getAppHandlers(): Promise<AppHandler[]>;
  getResources(resourceTypes?: UIResourceType[]): Promise<ResourceDetails[]>;
}

export type I18nResourceBundle = { exists: true; path: string } | { exists: false };

/** Feature gates and dynamic config that the CLI fetches from Statsig; its base class holds the defaults. */
export interface StatsigReader {
  checkGate(flag: string): Promise<boolean | null>;
  getDynamicConfig(key: string): Promise<unknown>;
  getDeprecatedRuntimes(): Promise<string[]>;
}

export interface CliSharedModule {
  FileSystemReader: new () => FileSystemReader;
  FileSystemWriter: new () => FileSystemWriter;
  ConfigFile: new (reader: FileSystemReader, writer: FileSystemWriter) => ConfigFile;
  StatsigReader: abstract new () => StatsigReader;
  I18nResourceBundlingService: new () => {
    bundle(modules?: Modules, i18nConfig?: Translations): Promise<I18nResourceBundle>;
  };
  listGitIgnoreFiles(reader: FileSystemReader): Promise<string[]>;
  shouldBundleResource(resource: ResourceDetails): boolean;
}

export interface LintRule {
  class: 'error' | 'warning' | 'approval';
  message: string;
  reference: string;
  line: number;
  column: number;
  metadata?: Record<string, unknown>;
}

export interface LintResult {
  /** As the linter saw it: relative to the app directory (e.g. `src/index.ts`, `manifest.yml`). */
  file: string;
  errors: LintRule[];
  warnings: LintRule[];
  approvals: LintRule[];
}

export interface LintModule {
  lint(
    filesToLint: string[],
    manifest: ManifestSchema,
    environment: string,
    logger: Pick<ForgeLogger, 'info'>,
    statsigService: StatsigReader,
    config: { linter: { mode: 'client-side' } },
  ): Promise<LintResult[]>;
}

export interface EntryPoint {
  name: string;
  path: string;
  isMultiEntry?: boolean;
}

export interface BundlerOutput {
  outputDir: string;
  additionalOutputs?: Map<string, string | Buffer>;
}

export interface WrapperProvider {
  getNodeRuntimeWrapper(): Promise<{ script: string; source: string }>;
}

export interface BundlerModule {
  getEntryPoints(handlers: AppHandler[]): EntryPoint[];
  getWrapperProvider(deps: { fileSystemReader: FileSystemReader }): WrapperProvider;
  getNodeBundler(
    logger: ForgeLogger,
    wrapperProvider: WrapperProvider,
    configReader: ConfigFile,
  ): {
    bundle(args: {
      appDirectory: string;
      entryPoints: EntryPoint[];
      i18nResourceBundle?: I18nResourceBundle;
    }): Promise<BundlerOutput>;
  };
  NativeUIBundler: new (logger: ForgeLogger) => {
    bundleResources(
      resources: ResourceDetails[],
      i18nConfig?: Translations,
    ): Promise<{ nativeUiBundlesDetails: ResourceDetails[] }>;
  };
}

export interface ForgeTooling {
  cliShared: CliSharedModule;
  lint: LintModule;
  bundler: BundlerModule;
}

let loaded: ForgeTooling | undefined;

/**
 * The real packages from the repo's node_modules; throws ForgeToolingMissingError naming what failed.
 * `requireModule` lets a test stand in for a machine where npm dropped them.
 */
export function loadForgeTooling(requireModule?: (name: string) => unknown): ForgeTooling {
  if (loaded && !requireModule) return loaded;
  const load = requireModule ?? createRequire(__filename);
  const failures: string[] = [];
  const modules = new Map<string, unknown>();
  for (const name of FORGE_TOOLING_PACKAGES) {
    try {
      modules.set(name, load(name));
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  if (failures.length > 0) throw new ForgeToolingMissingError(failures);
  const tooling = {
    cliShared: modules.get('@forge/cli-shared') as CliSharedModule,
    lint: modules.get('@forge/lint') as LintModule,
    bundler: modules.get('@forge/bundler') as BundlerModule,
  };
  if (!requireModule) loaded = tooling;
  return tooling;
}
