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

/** One labelled switch of the bar (the language, the viewer): picking an option reloads the page. */
function HeaderSelect(props: {
  id: string;
  label: string;
  minWidth: number;
  options: PersonaOption[];
  value: string;
  onPick: (value: string) => void;
}): ReactNode {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <div style={{ minWidth: props.minWidth }}>
        <Select<PersonaOption>
          inputId={props.id}
          testId={`${props.id}-switcher`}
          options={props.options}
          value={props.options.find((o) => o.value === props.value) ?? null}
          spacing="compact"
          onChange={(o) => o && props.onPick(o.value)}
        />
      </div>
    </>
  );
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
  const options: PersonaOption[] = props.state.personas.map((p) => ({
    label: `${p.displayName} (${p.role})`,
    value: p.accountId,
  }));
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
        <HeaderSelect
          id="preview-locale"
          label="Language"
          minWidth={200}
          options={localeOptions}
          value={props.locale}
          onPick={props.onLocale}
        />
        <HeaderSelect
          id="preview-user"
          label="Viewing as"
          minWidth={320}
          options={options}
          value={props.persona.accountId}
          onPick={props.onSwitch}
        />
      </div>
    </header>
  );
}
