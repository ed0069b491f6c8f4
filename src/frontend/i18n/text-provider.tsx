// Gives every component the viewer's words: Forge's translations (@forge/react's I18nProvider, the manifest's
// `translations`) for the locale in the page's context, with dates in the viewer's time zone.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider, Spinner, useTranslation } from '@forge/react';
import { view } from '@forge/bridge';
import { createText, type Lookup, type Text } from '../../shared/i18n/text';

const TextContext = createContext<Text | null>(null);

// Forge's `t(key, default)` answers the default when no locale has the key; this tells "missing" apart.
const MISSING = '\u0000missing';

function TextReady({ children }: { children: ReactNode }) {
  const i18n = useTranslation();
  const [timeZone, setTimeZone] = useState<string | null>(null);
  useEffect(() => {
    view.getContext().then(
      (context) => setTimeZone(context.timezone || 'UTC'),
      () => setTimeZone('UTC'),
    );
  }, []);
  const text = useMemo(() => {
    if (!i18n.ready || timeZone === null) return null;
    const translate = i18n.t;
    const lookup: Lookup = (key) => {
      const value = translate(key, MISSING);
      return value === MISSING ? null : value;
    };
    return createText(lookup, i18n.locale, timeZone);
  }, [i18n, timeZone]);
  // Until the words have loaded there are none to show: a spinner says the page is coming.
  if (!text) return <Spinner size="large" />;
  return <TextContext.Provider value={text}>{children}</TextContext.Provider>;
}

export function TextProvider({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <TextReady>{children}</TextReady>
    </I18nProvider>
  );
}

/** The viewer's words and formats; only inside TextProvider (both pages' roots render it). */
export function useText(): Text {
  const text = useContext(TextContext);
  // i18n-exempt: a programming error, never shown to an admin
  if (!text) throw new Error('useText() needs a TextProvider above it');
  return text;
}
