// Renders the app's admin page with the real @forge/react reconciler, wired like Atlassian's host: `invoke`
// runs the app's resolvers on the emulated platform as the viewing user, `getContext` answers as the admin
// page's module would. Tests read the forgeDoc and call the function props an admin's clicks would call.
import { setBridgeHandler, setPageFiles } from './forge-bridge-seam';
import { localeFileResponse } from '../../../emulator/platform/locales';
import { useState, type ReactNode } from 'react';
import ForgeReconciler from '@forge/react';
import type { AppHarness } from '../../support/app-harness';
import { App } from '../../../src/frontend/app';
import { ReviewerApp } from '../../../src/frontend/reviewer/reviewer-app';
import {
  byTestId,
  byText,
  hasText,
  ofType,
  serialize,
  textOf,
  visibleText,
  type ForgeDoc,
} from './forge-doc-query';

/** The admin page's two modules, or the reviewer page (`jira:globalPage`, its own frontend and resolver). */
export type PageModule = 'jira:adminPage' | 'confluence:globalSettings' | 'jira:globalPage';

export interface InvokeRecord {
  key: string;
  payload: unknown;
  /** What the page received, JSON round-tripped as Forge does. */
  result?: unknown;
  error?: string;
}

export interface OpenOptions {
  module?: PageModule;
  /** How long waitFor waits before failing, in real milliseconds. */
  timeoutMs?: number;
  /** The viewer's locale in the page's context (`en-US` unless set) and time zone (`Etc/UTC`). */
  locale?: string;
  timeZone?: string;
}

/** The event shape Atlassian's host sends for input changes (`SerialisableEvent`), never a DOM event. */
export function inputEvent(target: { value?: unknown; checked?: boolean }): Record<string, unknown> {
  return {
    bubbles: true,
    cancelable: false,
    defaultPrevented: false,
    eventPhase: 2,
    isTrusted: true,
    target,
    timeStamp: 0,
    type: 'change',
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface GateControl {
  close?: () => void;
}

/** Lets a test unmount the page (the reconciler's render has no unmount); wired during render, not in an effect. */
function Gate({ children, control }: { children: ReactNode; control: GateControl }): ReactNode {
  const [open, setOpen] = useState(true);
  control.close = () => setOpen(false);
  return open ? children : null;
}

export class AdminPage {
  readonly invocations: InvokeRecord[] = [];
  readonly bridgeErrors: string[] = [];
  private root: ForgeDoc | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly gate: GateControl = {};

  private constructor(
    private readonly app: AppHarness,
    readonly accountId: string,
    readonly module: PageModule,
    private readonly timeoutMs: number,
    readonly locale: string,
    readonly timeZone: string,
  ) {}

  static open(app: AppHarness, accountId: string, options: OpenOptions = {}): AdminPage {
    const page = new AdminPage(
      app,
      accountId,
      options.module ?? 'jira:adminPage',
      options.timeoutMs ?? 10_000,
      options.locale ?? 'en-US',
      options.timeZone ?? 'Etc/UTC',
    );
    setBridgeHandler((cmd, data) => page.answer(cmd, data));
    setPageFiles((path) => localeFileResponse(app.platform.locales, path));
    // Legacy-root rendering: the first commit (and its reconcile) happens inside render().
    ForgeReconciler.render(
      <Gate control={page.gate}>{page.module === 'jira:globalPage' ? <ReviewerApp /> : <App />}</Gate>,
    );
    if (!page.root) throw new Error('@forge/react rendered nothing through the bridge');
    return page;
  }

  /** The live forgeDoc (the reconciler mutates it in place between commits). */
  get doc(): ForgeDoc {
    if (!this.root) throw new Error('the page has not rendered');
    return this.root;
  }

  text(): string {
    return visibleText(this.doc);
  }

  serialized(): string {
    return serialize(this.doc);
  }

  /** Waits (real time) until `probe` returns something truthy, failing with what the page shows instead. */
  async waitFor<T>(probe: (doc: ForgeDoc) => T | undefined | null | false, what: string): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const value = probe(this.doc);
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(
          `Timed out waiting for ${what}. The page shows:\n${this.text().slice(0, 3000)}` +
            (this.bridgeErrors.length ? `\nBridge errors:\n${this.bridgeErrors.join('\n')}` : ''),
        );
      await tick();
    }
  }

  /** Waits until no panel shows its loading spinner. */
  waitForLoaded(what: string): Promise<true> {
    return this.waitFor((doc) => ofType(doc, 'Spinner').length === 0, `${what} to finish loading`);
  }

  waitForText(text: string | RegExp): Promise<true> {
    return this.waitFor((doc) => hasText(doc, text), `text ${String(text)}`);
  }

  waitForTestId(testId: string): Promise<ForgeDoc> {
    return this.waitFor((doc) => byTestId(doc, testId), `an element with testId "${testId}"`);
  }

  waitForNode(type: string, text: string | RegExp): Promise<ForgeDoc> {
    return this.waitFor((doc) => byText(doc, type, text), `a ${type} showing ${String(text)}`);
  }

  /** Calls a node's handler prop as the host would, then lets the resulting commits and effects run. */
  async fire(node: ForgeDoc, prop: string, ...args: unknown[]): Promise<void> {
    const handler = node.props[prop];
    if (typeof handler !== 'function')
      throw new Error(
        `${node.type} "${textOf(node)}" has no ${prop} handler (props: ${Object.keys(node.props).join(', ')})`,
      );
    (handler as (...a: unknown[]) => unknown)(...args);
    await tick();
  }

  click(node: ForgeDoc): Promise<void> {
    return this.fire(node, 'onClick', inputEvent({}));
  }

  async clickButton(text: string | RegExp): Promise<void> {
    await this.click(await this.waitForNode('Button', text));
  }

  /** Types into a Textfield or TextArea: the host sends the whole new value. */
  type(node: ForgeDoc, value: string): Promise<void> {
    return this.fire(node, 'onChange', inputEvent({ value }));
  }

  toggle(node: ForgeDoc): Promise<void> {
    return this.fire(node, 'onChange', inputEvent({ checked: node.props.isChecked !== true }));
  }

  /** Picks one option of a Select by its label (Atlaskit Select calls onChange with the option object). */
  async choose(select: ForgeDoc, label: string): Promise<void> {
    const options = (select.props.options ?? []) as Array<{ label: string; value: unknown }>;
    const option = options.find((o) => o.label === label);
    if (!option)
      throw new Error(`no option "${label}" in Select (options: ${options.map((o) => o.label).join(', ')})`);
    await this.fire(select, 'onChange', option, { action: 'select-option' });
  }

  /** Picks a user in a UserPicker the way the host reports it: `{id, name, email, avatarUrl, type}`. */
  async pickUser(picker: ForgeDoc, accountId: string): Promise<void> {
    const account = this.app.site.account(accountId);
    if (!account) throw new Error(`no account ${accountId} on the site`);
    await this.fire(picker, 'onChange', {
      id: account.accountId,
      name: account.displayName,
      email: account.email,
      avatarUrl: '',
      type: 'user',
    });
  }

  /** Switches tab by its label (Tabs are controlled by the page; the host reports the new index). */
  async openTab(label: string): Promise<void> {
    const tabs = await this.waitFor((doc) => byText(doc, 'Tabs', label), `the tabs with "${label}"`);
    const labels = tabs.children
      .filter((c) => c.type === 'TabList')
      .flatMap((list) => list.children.filter((c) => c.type === 'Tab').map(textOf));
    const index = labels.indexOf(label);
    if (index < 0) throw new Error(`no tab "${label}" (tabs: ${labels.join(', ')})`);
    await this.fire(tabs, 'onChange', index);
  }

  /** Unmounts the page, then waits for resolver calls still running so the platform can close cleanly. */
  async close(): Promise<void> {
    this.gate.close?.();
    setBridgeHandler(undefined);
    await Promise.allSettled([...this.pending]);
  }

  private context(): Record<string, unknown> {
    const ui = this.app.platform.manifest.uiModules.find((m) => m.moduleType === this.module);
    return {
      accountId: this.accountId,
      cloudId: this.app.site.cloudId,
      siteUrl: this.app.site.siteUrl,
      locale: this.locale,
      timezone: this.timeZone,
      environmentType: 'DEVELOPMENT',
      moduleKey: ui?.key ?? 'admin-page',
      localId: `${ui?.key ?? 'admin-page'}-local`,
      extension: { type: this.module },
    };
  }

  private async answer(cmd: string, data: unknown): Promise<unknown> {
    const field = (name: string): unknown =>
      data && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined;
    switch (cmd) {
      case 'reconcile': {
        const doc = field('forgeDoc') as ForgeDoc;
        this.root ??= doc;
        return undefined;
      }
      case 'getContext':
        return this.context();
      case 'invoke': {
        const call = this.invoke(String(field('functionKey')), field('payload') ?? {});
        this.pending.add(call);
        void call.catch(() => undefined).finally(() => this.pending.delete(call));
        return call;
      }
      default:
        this.bridgeErrors.push(`bridge command "${cmd}" is not available to this page`);
        throw new Error(`bridge command "${cmd}" is not available to this page`);
    }
  }

  private async invoke(key: string, payload: unknown): Promise<unknown> {
    const ui = this.app.platform.manifest.uiModules.find((m) => m.moduleType === this.module);
    const record: InvokeRecord = { key, payload };
    this.invocations.push(record);
    try {
      const result = await this.app.platform.invokeResolver({
        key,
        payload: payload as Record<string, unknown>,
        accountId: this.accountId,
        extension: { type: this.module },
        ...(ui?.resolverFunctionKey ? { functionKey: ui.resolverFunctionKey } : {}),
      });
      record.result = result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as unknown);
      return record.result;
    } catch (e) {
      record.error = e instanceof Error ? e.message : String(e);
      this.bridgeErrors.push(`invoke ${key}: ${record.error}`);
      throw new Error(record.error);
    }
  }
}
