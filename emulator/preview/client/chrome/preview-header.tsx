// The preview's top bar: says plainly that this is a local preview, which page is loaded, who the viewer is.
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import type { PreviewPersona, PreviewState } from '../preview-api';

interface PersonaOption {
  label: string;
  value: string;
}

export function PreviewHeader(props: {
  state: PreviewState;
  persona: PreviewPersona;
  onSwitch: (accountId: string) => void;
}): ReactNode {
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
