// Writes a throw-away Forge app under the OS temp folder for the forge-checks tests, and removes it afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/forge-checks/run-forge-checks';

export interface TempApp {
  dir: string;
  remove(): void;
}

/** `files` maps app-relative paths to contents. The app resolves packages (@forge/api, react) from the repo. */
export function writeTempApp(files: Record<string, string>): TempApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-check-fixture-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  // Outside the repo, Node resolution would not reach the repo's node_modules; the bundler follows this link.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
