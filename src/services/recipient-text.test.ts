import { recipientTexts } from './recipient-text';
import type { Translations } from './runtime-deps';

const WORDS: Record<string, Record<string, string>> = {
  'en-US': { 'format.never': 'never' },
  'de-DE': { 'format.never': 'nie' },
};

/** Forge's view of the app: translated into en-US and de-DE; `de_DE` is Forge's `de-DE`. */
function forge() {
  const loads: string[] = [];
  const translations = (raw: string): Promise<Translations | null> => {
    loads.push(raw);
    const locale = raw.replace('_', '-');
    const words = WORDS[locale];
    return Promise.resolve(words ? { locale, lookup: (key: string) => words[key] ?? null } : null);
  };
  return { translations, loads };
}

function reader(locales: Record<string, string | Error>) {
  const reads: string[] = [];
  const readLocale = (accountId: string): Promise<string | undefined> => {
    reads.push(accountId);
    const locale = locales[accountId];
    return locale instanceof Error ? Promise.reject(locale) : Promise.resolve(locale);
  };
  return { readLocale, reads };
}

describe('recipient texts', () => {
  it("writes in the recipient's Jira language, in UTC, and in English for a language the app lacks", async () => {
    const { translations } = forge();
    const { readLocale } = reader({ greta: 'de_DE', ellen: 'en_US', francois: 'fr_FR' });
    const texts = recipientTexts({ translations }, { readLocale });
    const greta = await texts.textFor('greta');
    expect([greta.locale, greta.timeZone, greta.t('format.never')]).toEqual(['de-DE', 'UTC', 'nie']);
    expect(greta.day(Date.parse('2026-12-07T23:30:00Z'))).toBe('7. Dez. 2026');
    const ellen = await texts.textFor('ellen');
    expect([ellen.locale, ellen.t('format.never')]).toEqual(['en-US', 'never']);
    // French dates in English words would be worse than English throughout.
    const francois = await texts.textFor('francois');
    expect([francois.locale, francois.t('format.never')]).toEqual(['en-US', 'never']);
    expect(francois.day(Date.parse('2026-12-07T23:30:00Z'))).toBe('Dec 7, 2026');
  });

  it('falls back to English when the setting cannot be read or is absent, and counts the reads', async () => {
    const { translations } = forge();
    const { readLocale } = reader({ gone: new Error('Jira answered 503'), blank: '' });
    const texts = recipientTexts({ translations }, { readLocale });
    await expect(texts.textFor('gone')).resolves.toMatchObject({ locale: 'en-US' });
    await expect(texts.textFor('blank')).resolves.toMatchObject({ locale: 'en-US' });
    await expect(texts.textFor('nobody')).resolves.toMatchObject({ locale: 'en-US' });
    expect(texts.reads).toBe(3);
  });

  it('reads each recipient once, loads each language once, and uses settings already read', async () => {
    const { translations, loads } = forge();
    const { readLocale, reads } = reader({ greta: 'de_DE', gustav: 'de_DE' });
    const texts = recipientTexts({ translations }, { readLocale, known: new Map([['hans', 'de_DE']]) });
    const all = await Promise.all(['greta', 'gustav', 'greta', 'hans'].map((id) => texts.textFor(id)));
    expect(all.map((t) => t.locale)).toEqual(['de-DE', 'de-DE', 'de-DE', 'de-DE']);
    expect(reads).toEqual(['greta', 'gustav']);
    expect(texts.reads).toBe(2);
    expect(loads).toEqual(['de_DE']);
  });

  it('falls back when a language fails to load, and fails loudly only when English itself is missing', async () => {
    const broken = (raw: string): Promise<Translations | null> =>
      raw === 'de_DE' ? Promise.reject(new Error('no de-DE.json')) : forge().translations(raw);
    const texts = recipientTexts({ translations: broken }, reader({ greta: 'de_DE' }));
    await expect(texts.textFor('greta')).resolves.toMatchObject({ locale: 'en-US' });

    const bare = recipientTexts({ translations: () => Promise.resolve(null) }, reader({}));
    await expect(bare.textFor('anyone')).rejects.toThrow(/no en-US translations/);
  });
});
