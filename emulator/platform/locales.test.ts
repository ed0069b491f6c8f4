// The deployed translations folder: built from the manifest as the Forge CLI packages it, and served safely.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLocaleBundle, localeFileResponse, writeLocaleBundle } from './locales';

function appWith(manifest: string, files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'locales-test-'));
  writeFileSync(join(dir, 'manifest.yml'), manifest);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(content));
  }
  return dir;
}

const MANIFEST = `
modules:
  jira:adminPage:
    - key: page
      title:
        i18n: app.title
translations:
  resources:
    - key: en-US
      path: locales/en-US.json
    - key: de-DE
      path: locales/de-DE.json
  fallback:
    default: en-US
    de-DE: [en-US]
`;

it('builds i18n-info.json and one file per locale, with the manifest texts resolved per locale', () => {
  const dir = appWith(MANIFEST, {
    'locales/en-US.json': { app: { title: 'Access' } },
    'locales/de-DE.json': { app: { title: 'Zugriff' } },
  });
  const bundle = buildLocaleBundle(dir);
  expect(bundle.locales).toEqual(['en-US', 'de-DE']);
  expect(JSON.parse(bundle.files.get('i18n-info.json') ?? '')).toEqual({
    translations: { 'app.title': { 'en-US': 'Access', 'de-DE': 'Zugriff' } },
    config: { locales: ['en-US', 'de-DE'], fallback: { default: 'en-US', 'de-DE': ['en-US'] } },
  });
  const written = writeLocaleBundle(bundle);
  expect(JSON.parse(readFileSync(join(written, '__LOCALES__', 'de-DE.json'), 'utf8'))).toEqual({
    app: { title: 'Zugriff' },
  });
  // Content-addressed: the same bundle lands in the same folder.
  expect(writeLocaleBundle(buildLocaleBundle(dir))).toBe(written);
});

it('serves only the bundle’s own files', () => {
  const bundle = buildLocaleBundle(
    appWith(MANIFEST, { 'locales/en-US.json': { a: 'A' }, 'locales/de-DE.json': { a: 'B' } }),
  );
  expect(localeFileResponse(bundle, '__LOCALES__/de-DE.json')).toBe(JSON.stringify({ a: 'B' }));
  expect(localeFileResponse(bundle, '/__LOCALES__/i18n-info.json')).not.toBeNull();
  expect(localeFileResponse(bundle, '/__LOCALES__/fr-FR.json')).toBeNull();
  expect(localeFileResponse(bundle, '/__LOCALES__/../manifest.yml')).toBeNull();
  expect(localeFileResponse(bundle, '/__LOCALES__/%2e%2e%2fmanifest.json')).toBeNull();
});

it('gives an app without translations an empty bundle', () => {
  expect(buildLocaleBundle(appWith('modules: {}\n', {})).files.size).toBe(0);
});
