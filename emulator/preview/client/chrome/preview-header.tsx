// The preview's top bar: says plainly that this is a local preview, which page is loaded, who the viewer is.
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import type { PreviewPersona, PreviewState } from '../preview-api';

interface PersonaOption {
  label: string;
  value: string;
}

/** Locale names as their speakers write them, for the switch; others show their code. */
function localeName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale.split('-')[0] ?? locale);
    return name ? `${name} (${locale})` : locale;
  } catch {
    return locale;
  }
}

export function PreviewHeader(props: {
  state: PreviewState;
  persona: PreviewPersona;
  onSwitch: (accountId: string) => void;
  locale: string;
  onLocale: (locale: string) => void;
}): ReactNode {
  // The app's own locales, plus one it does not translate to, to show the fallback to its default.
  const localeOptions: PersonaOption[] = [...props.state.locales, 'fr-FR']
    .filter((l, i, all) => all.indexOf(l) === i)
    .map((l) => ({ value: l, label: localeName(l) }));
  const currentLocale = localeOptions.find((o) => o.value === props.locale) ?? null;
  const options: PersonaOption[] = props.state.personas.map((p) => ({
    label: `${p.displayName} (${p.role})`,
    value: p.accountId,
  }));
  const current = options.find((o) => o.value === props.persona.accountId) ?? null;
  return (
    <header className="preview-header" data-testid="preview-header">
      <div className="preview-header__title">
        <strong>Local preview — not Atlassian</strong>
        <Lozenge appearance="moved" isBold>
          emulator
        </Lozenge>
        <span className="preview-header__meta">
          {props.state.app.isDemo ? 'demo page (src/frontend/index.tsx not found)' : props.state.app.entry} ·
          jira:adminPage on {props.state.siteUrl}
        </span>
      </div>
      <div className="preview-header__user">
        <label htmlFor="preview-locale">Language</label>
        <div style={{ minWidth: 200 }}>
          <Select<PersonaOption>
            inputId="preview-locale"
            testId="preview-locale-switcher"
            options={localeOptions}
            value={currentLocale}
            spacing="compact"
            onChange={(o) => o && props.onLocale(o.value)}
          />
        </div>
        <label htmlFor="preview-user">Viewing as</label>
        <div style={{ minWidth: 320 }}>
          <Select<PersonaOption>
            inputId="preview-user"
            testId="preview-user-switcher"
            options={options}
            value={current}
            spacing="compact"
            onChange={(o) => o && props.onSwitch(o.value)}
          />
        </div>
      </div>
    </header>
  );
}
