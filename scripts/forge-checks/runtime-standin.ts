// Lays out the never-deployed stand-in runtime (scripts/forge-runtime-standin) the way FORGE_RUNTIME_PATH expects it.
import fs from 'node:fs';
import path from 'node:path';

const STANDIN_SOURCE_DIR = path.resolve(__dirname, '..', 'forge-runtime-standin');

/** The stand-in's sources; the bundle check compares what the bundler packed against them. */
export function standinScripts(): { wrapper: string; loader: string } {
  return {
    wrapper: fs.readFileSync(path.join(STANDIN_SOURCE_DIR, 'wrapper.cjs'), 'utf8'),
    loader: fs.readFileSync(path.join(STANDIN_SOURCE_DIR, 'loader.cjs'), 'utf8'),
  };
}

/**
 * Copies the stand-in into `<parentDir>/forge-runtime/dist/{wrapper,loader}.js` (the layout @forge/bundler's
 * LocalWrapperProvider reads) and returns the folder to put in FORGE_RUNTIME_PATH. The copy lives in the check's
 * temporary directory because the repo's .gitignore ignores every `dist/` folder.
 */
export function stageRuntimeStandin(parentDir: string): string {
  const runtimeDir = path.join(parentDir, 'forge-runtime');
  const distDir = path.join(runtimeDir, 'dist');
  fs.mkdirSync(distDir, { recursive: true });
  const { wrapper, loader } = standinScripts();
  fs.writeFileSync(path.join(distDir, 'wrapper.js'), wrapper);
  fs.writeFileSync(path.join(distDir, 'loader.js'), loader);
  return runtimeDir;
}
