// The preview host's entry in the browser: loads the Atlassian theme, sets window.__bridge, renders the chrome
// and the app's forgeDoc, then loads the app's UI Kit bundle (which needs the bridge when it first runs).
import '@atlaskit/css-reset';
import './chrome/preview.css';
import { StrictMode, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { createCallBridge, type CallBridge } from './bridge';
import { BridgeLog } from './chrome/bridge-log';
import { PreviewHeader } from './chrome/preview-header';
import { SiteConsole } from './chrome/site-console';
import {
  fetchProduct,
  getJson,
  invokeResolver,
  lookupUser,
  searchUsers,
  type PreviewPersona,
  type PreviewState,
} from './preview-api';
import { ForgeDocView, UI_KIT_ADAPTERS, type ForgeDoc, type PreviewServices } from './renderer';

declare global {
  interface Window {
    __bridge?: { callBridge: CallBridge };
  }
}

const PERSONA_KEY = 'jit-preview.accountId';
const LOCALE_KEY = 'jit-preview.locale';

/** The viewer's locale: `?locale=` in the address, else the one last chosen, else the app's default. */
function chooseLocale(state: PreviewState): string {
  const asked = new URLSearchParams(location.search).get('locale') ?? localStorage.getItem(LOCALE_KEY);
  return asked && /^[a-z]{2}-[A-Z]{2}$/.test(asked) ? asked : (state.locales[0] ?? 'en-US');
}

/** The latest forgeDoc, observable by React. */
class DocStore {
  private doc: ForgeDoc | undefined;
  private readonly listeners = new Set<() => void>();
  readonly get = (): ForgeDoc | undefined => this.doc;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(doc: ForgeDoc): void {
    this.doc = doc;
    for (const listener of this.listeners) listener();
  }
}

function choosePersona(state: PreviewState): PreviewPersona {
  const saved = localStorage.getItem(PERSONA_KEY);
  const persona = state.personas.find((p) => p.accountId === saved) ?? state.personas[0];
  if (!persona) throw new Error('the preview server offered no user to view the page as');
  return persona;
}

const services: PreviewServices = { searchUsers, lookupUser };

function PreviewApp(props: {
  state: PreviewState;
  persona: PreviewPersona;
  locale: string;
  docs: DocStore;
  log: BridgeLog;
}): ReactNode {
  const doc = useSyncExternalStore(props.docs.subscribe, props.docs.get);
  const bridgeLog = useSyncExternalStore(props.log.subscribe, props.log.snapshot);
  const onSwitch = useMemo(
    () => (accountId: string) => {
      localStorage.setItem(PERSONA_KEY, accountId);
      // A different person opening the page starts the app afresh, as in the product.
      location.reload();
    },
    [],
  );
  const onLocale = useMemo(
    () => (locale: string) => {
      localStorage.setItem(LOCALE_KEY, locale);
      // Atlassian reloads the page when a user changes their language; `?locale=` would override the choice.
      const url = new URL(location.href);
      url.searchParams.delete('locale');
      location.assign(url.href);
    },
    [],
  );
  return (
    <>
      <PreviewHeader
        state={props.state}
        persona={props.persona}
        onSwitch={onSwitch}
        locale={props.locale}
        onLocale={onLocale}
      />
      <main className="preview-main">
        <div className="preview-page" data-testid="preview-page">
          {doc ? (
            <ForgeDocView doc={doc} registry={UI_KIT_ADAPTERS} services={services} />
          ) : (
            <p className="preview-page__empty">Loading the app&apos;s UI Kit page…</p>
          )}
        </div>
        <SiteConsole bridgeLog={bridgeLog} />
      </main>
    </>
  );
}

function loadAppBundle(): void {
  const script = document.createElement('script');
  script.src = '/__preview/app/app.js';
  script.onerror = () => console.error('preview: the app bundle failed to load');
  document.body.appendChild(script);
}

async function main(): Promise<void> {
  await setGlobalTheme({ colorMode: 'light' });
  const state = await getJson<PreviewState>('/__preview/state');
  const persona = choosePersona(state);
  const locale = chooseLocale(state);
  const docs = new DocStore();
  const log = new BridgeLog();
  const localId = crypto.randomUUID();
  window.__bridge = {
    callBridge: createCallBridge({
      render: (doc) => docs.set(doc),
      invoke: (functionKey, payload) => invokeResolver(persona.accountId, functionKey, payload),
      fetchProduct: (request) => fetchProduct(persona.accountId, request),
      context: () => ({
        ...structuredClone(state.context),
        accountId: persona.accountId,
        localId,
        locale,
        timezone: persona.timeZone,
      }),
      record: (cmd, detail, failed) => log.record(cmd, detail, failed),
    }),
  };
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('preview page has no #root');
  createRoot(rootElement).render(
    <StrictMode>
      <PreviewApp state={state} persona={persona} locale={locale} docs={docs} log={log} />
    </StrictMode>,
  );
  loadAppBundle();
}

main().catch((e: unknown) => {
  document.body.textContent = `Local preview failed to start: ${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
});
