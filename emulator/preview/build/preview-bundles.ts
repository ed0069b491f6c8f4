// Builds the two browser bundles with esbuild and caches them under .local/preview: the host (chrome, bridge,
// Atlaskit renderer) and the app's UI Kit page (src/frontend/index.tsx, or the demo page until that exists).
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { atlaskitTokensAlias } from './atlaskit-tokens';

export interface BundleOutput {
  /** Folder the bundle's files are served from. */
  dir: string;
  /** Entry file, relative to the repo root. */
  entry: string;
  /** Whether this start reused the cached output. */
  cached: boolean;
  buildMs: number;
}

export interface PreviewBundles {
  host: BundleOutput;
  app: BundleOutput & { isDemo: boolean };
}

export interface PreviewBuildOptions {
  repoRoot: string;
  /** Default `<repoRoot>/.local/preview`. */
  cacheDir?: string;
  /** Ignore the cache. */
  force?: boolean;
}

export const APP_ENTRY = 'src/frontend/index.tsx';
export const DEMO_ENTRY = 'emulator/preview/demo/index.tsx';
export const HOST_ENTRY = 'emulator/preview/client/host.tsx';

interface InputStamp {
  path: string;
  mtimeMs: number;
  size: number;
}

interface CacheRecord {
  entry: string;
  optionsKey: string;
  inputs: InputStamp[];
}

function stamp(repoRoot: string, path: string): InputStamp | undefined {
  try {
    const s = statSync(resolve(repoRoot, path));
    return { path, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined;
  }
}

/** A cached bundle is reused while every file esbuild read for it is unchanged (same mtime and size). */
function cacheIsFresh(repoRoot: string, recordPath: string, entry: string, optionsKey: string): boolean {
  if (!existsSync(recordPath)) return false;
  try {
    const record = JSON.parse(readFileSync(recordPath, 'utf8')) as CacheRecord;
    if (record.entry !== entry || record.optionsKey !== optionsKey) return false;
    return record.inputs.every((input) => {
      const now = stamp(repoRoot, input.path);
      return now !== undefined && now.mtimeMs === input.mtimeMs && now.size === input.size;
    });
  } catch {
    return false;
  }
}

function writeRecord(
  repoRoot: string,
  recordPath: string,
  entry: string,
  optionsKey: string,
  metafile: Metafile,
): void {
  const inputs = Object.keys(metafile.inputs)
    // esbuild names inputs relative to its working directory, which is the repo root here.
    .map((path) => stamp(repoRoot, path))
    .filter((s): s is InputStamp => s !== undefined);
  const record: CacheRecord = { entry, optionsKey, inputs };
  writeFileSync(recordPath, JSON.stringify(record));
}

const ASSET_LOADERS: BuildOptions['loader'] = {
  '.css': 'css',
  '.svg': 'dataurl',
  '.png': 'dataurl',
  '.gif': 'dataurl',
  '.woff': 'dataurl',
  '.woff2': 'dataurl',
};

// Some Atlaskit and Forge modules read process.env at run time; browsers have no `process`.
const PROCESS_SHIM = 'globalThis.process = globalThis.process || { env: { NODE_ENV: "production" } };';

async function buildOne(
  repoRoot: string,
  cacheDir: string,
  name: string,
  entry: string,
  options: BuildOptions,
  force: boolean,
): Promise<BundleOutput> {
  const outdir = join(cacheDir, name);
  const recordPath = join(cacheDir, `${name}.inputs.json`);
  const optionsKey = JSON.stringify({ ...options, alias: options.alias ?? {} });
  const started = Date.now();
  if (!force && existsSync(outdir) && cacheIsFresh(repoRoot, recordPath, entry, optionsKey))
    return { dir: outdir, entry, cached: true, buildMs: 0 };
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { [name]: entry },
    outdir,
    bundle: true,
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    loader: ASSET_LOADERS,
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: PROCESS_SHIM },
    ...options,
  });
  if (result.metafile) writeRecord(repoRoot, recordPath, entry, optionsKey, result.metafile);
  return { dir: outdir, entry, cached: false, buildMs: Date.now() - started };
}

export async function buildPreviewBundles(options: PreviewBuildOptions): Promise<PreviewBundles> {
  const repoRoot = resolve(options.repoRoot);
  const cacheDir = options.cacheDir ?? join(repoRoot, '.local', 'preview');
  mkdirSync(cacheDir, { recursive: true });
  const force = options.force ?? false;
  const isDemo = !existsSync(join(repoRoot, APP_ENTRY));
  const appEntry = isDemo ? DEMO_ENTRY : APP_ENTRY;
  const [host, app] = await Promise.all([
    // ESM with splitting: the theme CSS Atlaskit loads with import() becomes a lazily fetched chunk.
    buildOne(
      repoRoot,
      cacheDir,
      'host',
      HOST_ENTRY,
      { format: 'esm', splitting: true, alias: atlaskitTokensAlias(repoRoot) },
      force,
    ),
    // One classic script, as Forge's own UI Kit bundle is: it must run after the host has set window.__bridge.
    buildOne(repoRoot, cacheDir, 'app', appEntry, { format: 'iife' }, force),
  ]);
  return { host, app: { ...app, isDemo } };
}

/** For logs: where the bundles came from, e.g. "host 2.1 s, app cached". */
export function describeBuild(bundles: PreviewBundles, repoRoot: string): string {
  const one = (label: string, b: BundleOutput): string =>
    `${label} ${b.cached ? 'cached' : `${(b.buildMs / 1000).toFixed(1)} s`} (${relative(repoRoot, b.dir)})`;
  return `${one('host', bundles.host)}, ${one('app', bundles.app)}`;
}
