// The translations a deployed Forge app carries: the Forge CLI copies each `translations.resources` file of the
// manifest into `__LOCALES__/<locale>.json` beside an `i18n-info.json` (the locales, the fallback, and the
// manifest's own `i18n:` texts). @forge/api reads that folder from the function's code directory; @forge/bridge
// fetches it relative to the page. This builds the same folder from manifest.yml, so both find what they would.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The folder and info file names @forge/i18n defines (`I18N_BUNDLE_FOLDER_NAME`, `I18N_INFO_FILE_NAME`). */
export const LOCALES_FOLDER = '__LOCALES__';
export const LOCALES_INFO_FILE = 'i18n-info.json';

export interface LocaleBundle {
  /** File name (`i18n-info.json`, `de-DE.json`) → its JSON text. */
  readonly files: ReadonlyMap<string, string>;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every `{ i18n: key }` in the manifest's modules (titles, descriptions): Forge resolves them per locale. */
function manifestI18nKeys(node: unknown, keys: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) manifestI18nKeys(item, keys);
  else if (isObject(node)) {
    if (typeof node.i18n === 'string' && Object.keys(node).length === 1) keys.add(node.i18n);
    else for (const value of Object.values(node)) manifestI18nKeys(value, keys);
  }
  return keys;
}

function valueAt(content: unknown, key: string): string | null {
  let node: unknown = content;
  if (isObject(node) && typeof node[key] === 'string') return node[key];
  for (const part of key.split('.')) node = isObject(node) ? node[part] : undefined;
  return typeof node === 'string' ? node : null;
}

/** Builds the bundle from `<appDir>/manifest.yml`; an app without `translations` gets an empty bundle. */
export function buildLocaleBundle(appDir: string): LocaleBundle {
  const doc = parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8')) as Raw;
  const translations = doc.translations;
  if (!isObject(translations)) return { files: new Map(), locales: [], defaultLocale: 'en-US' };
  const resources = Array.isArray(translations.resources) ? (translations.resources as Raw[]) : [];
  const fallback = isObject(translations.fallback) ? translations.fallback : {};
  const files = new Map<string, string>();
  const contents = new Map<string, unknown>();
  for (const resource of resources) {
    const locale = String(resource.key);
    const text = readFileSync(join(appDir, String(resource.path)), 'utf8');
    contents.set(locale, JSON.parse(text) as unknown);
    files.set(`${locale}.json`, text);
  }
  const manifestTexts: Record<string, Record<string, string>> = {};
  for (const key of manifestI18nKeys(doc.modules, new Set())) {
    manifestTexts[key] = {};
    for (const [locale, content] of contents) {
      const value = valueAt(content, key);
      if (value !== null) manifestTexts[key][locale] = value;
    }
  }
  const locales = [...contents.keys()];
  const defaultLocale = typeof fallback.default === 'string' ? fallback.default : (locales[0] ?? 'en-US');
  files.set(
    LOCALES_INFO_FILE,
    JSON.stringify({ translations: manifestTexts, config: { locales, fallback } }),
  );
  return { files, locales, defaultLocale };
}

/**
 * Writes the bundle as a deployed app's code directory holds it (`<dir>/__LOCALES__/…`) and returns that directory.
 * Content-addressed under the OS temp folder, written whole then renamed, so parallel test workers share it safely.
 */
export function writeLocaleBundle(bundle: LocaleBundle): string {
  const hash = createHash('sha256');
  for (const [name, text] of [...bundle.files].sort(([a], [b]) => a.localeCompare(b)))
    hash.update(name).update(text);
  const dir = join(tmpdir(), `forge-emulator-app-code-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, LOCALES_FOLDER, LOCALES_INFO_FILE))) return dir;
  const staging = `${dir}.${randomUUID()}`;
  mkdirSync(join(staging, LOCALES_FOLDER), { recursive: true });
  for (const [name, text] of bundle.files) writeFileSync(join(staging, LOCALES_FOLDER, name), text);
  try {
    renameSync(staging, dir);
  } catch {
    // Another worker renamed its identical copy first.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** Answers a page's `fetch('./__LOCALES__/<file>')` as the CDN would: the file, or null for a 404. */
export function localeFileResponse(bundle: LocaleBundle, path: string): string | null {
  const match = /(?:^|\/)__LOCALES__\/([A-Za-z0-9_.-]+\.json)$/.exec(path.split('?')[0] ?? '');
  return match?.[1] ? (bundle.files.get(match[1]) ?? null) : null;
}
