// A `Text` read straight from src/locales/<locale>.json, for unit tests of pure helpers that write display text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createText, type Text } from '../../src/shared/i18n/text';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix: string, into: Map<string, string>): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') into.set(`${prefix}${key}`, value);
    else flatten(value, `${prefix}${key}.`, into);
  }
  return into;
}

/** The catalogue's words for `locale` (e.g. `de-DE`), dates in `timeZone`. */
export function catalogueText(locale = 'en-US', timeZone = 'UTC'): Text {
  const file = join(__dirname, '..', '..', 'src', 'locales', `${locale}.json`);
  const messages = flatten(JSON.parse(readFileSync(file, 'utf8')) as Tree, '', new Map());
  return createText((key) => messages.get(key) ?? null, locale, timeZone);
}
