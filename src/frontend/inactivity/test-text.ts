// The app's words for unit tests of this area's pure helpers: a Text read straight from the locale files, in UTC.
import deDE from '../../locales/de-DE.json';
import enUS from '../../locales/en-US.json';
import { createText, type Text } from '../../shared/i18n/text';

const CATALOGUES: Readonly<Record<string, unknown>> = { 'en-US': enUS, 'de-DE': deDE };

export function textIn(locale: 'en-US' | 'de-DE'): Text {
  const catalogue = CATALOGUES[locale];
  const lookup = (key: string): string | null => {
    let node: unknown = catalogue;
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null) return null;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string' ? node : null;
  };
  return createText(lookup, locale, 'UTC');
}
