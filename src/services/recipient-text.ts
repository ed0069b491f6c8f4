// Notices in the language of the person who reads them: their Jira language setting, Forge's translations for it,
// and days in UTC (a notice goes to many people; UTC is the one zone the words can name). English when the setting
// is unknown, untranslated or cannot be read: a notice is never held back for want of a language.
import { createText, type Text } from '../shared/i18n/text';
import type { RuntimeDeps, Translations } from './runtime-deps';

/** The manifest's fallback locale: always translated. */
export const NOTICE_FALLBACK_LOCALE = 'en-US';
export const NOTICE_TIME_ZONE = 'UTC';

export interface RecipientTexts {
  /** The recipient's words and formats; never fails for a locale that cannot be read. */
  textFor(accountId: string): Promise<Text>;
  /** Jira reads made for locales so far (pacing counts them). */
  readonly reads: number;
}

export interface RecipientTextOptions {
  /** Reads a user's language setting from Jira (`de_DE`). */
  readLocale: (accountId: string) => Promise<string | undefined>;
  /** Locales already read this step (e.g. with the user's groups), so they cost no second call. */
  known?: ReadonlyMap<string, string>;
}

/** A day as notices name it: the reader's format, in UTC (`Apr 1, 2026 (UTC)`, `1. Apr. 2026 (UTC)`). */
export function noticeDay(text: Text, epochMs: number): string {
  return text.t('notices.day', { day: text.day(epochMs) });
}

/** One per step: each recipient's locale is read once, each locale's translations loaded once. */
export function recipientTexts(
  deps: Pick<RuntimeDeps, 'translations'>,
  options: RecipientTextOptions,
): RecipientTexts {
  const byLocale = new Map<string, Promise<Text>>();
  const byRecipient = new Map<string, Promise<Text>>();
  let reads = 0;

  const fallback = (): Promise<Text> => textIn(NOTICE_FALLBACK_LOCALE);
  function textIn(locale: string): Promise<Text> {
    let text = byLocale.get(locale);
    if (!text) {
      text = load(locale);
      byLocale.set(locale, text);
    }
    return text;
  }
  async function load(locale: string): Promise<Text> {
    let found: Translations | null;
    try {
      found = await deps.translations(locale);
    } catch (e) {
      // The fallback's own translations missing is a broken deployment: say so rather than send keys.
      if (locale === NOTICE_FALLBACK_LOCALE) throw e;
      found = null;
    }
    if (!found) {
      if (locale === NOTICE_FALLBACK_LOCALE)
        throw new Error(`The app has no ${NOTICE_FALLBACK_LOCALE} translations to write notices with`);
      return fallback();
    }
    return createText(found.lookup, found.locale, NOTICE_TIME_ZONE);
  }
  async function localeOf(accountId: string): Promise<string | undefined> {
    const known = options.known?.get(accountId);
    if (known !== undefined) return known;
    reads += 1;
    try {
      return await options.readLocale(accountId);
    } catch {
      return undefined;
    }
  }
  async function resolve(accountId: string): Promise<Text> {
    const locale = await localeOf(accountId);
    return locale ? textIn(locale) : fallback();
  }

  return {
    textFor(accountId) {
      let text = byRecipient.get(accountId);
      if (!text) {
        text = resolve(accountId);
        byRecipient.set(accountId, text);
      }
      return text;
    },
    get reads() {
      return reads;
    },
  };
}
