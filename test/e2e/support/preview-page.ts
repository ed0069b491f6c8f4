// The preview as an admin sees it: the UI Kit page's tabs and fields, and the site console beside it.
// Selectors are roles, labels and visible text; Atlaskit Selects are reached through the testId the page gives
// them, because UI Kit's Label names the Select's container, not its input.
import type { Locator, Page } from 'playwright-core';
import english from '../../../src/locales/en-US.json';
import german from '../../../src/locales/de-DE.json';
import { poll, visible } from './page-watch';

export const TAB_NAMES = ['Overview', 'Rules', 'Inactivity', 'Access reviews', 'Audit', 'Settings'] as const;
export type TabName = (typeof TAB_NAMES)[number];

/** Every "Loading …" sentence the page can show, in each language it speaks. */
const LOADING_SENTENCES = new Set<string>([
  ...Object.values(english.loading),
  ...Object.values(german.loading),
]);

const SETTLE_TIMEOUT_MS = 20_000;

export class PreviewPage {
  readonly app: Locator;
  readonly console: Locator;

  constructor(readonly page: Page) {
    this.app = page.getByTestId('preview-page');
    this.console = page.getByTestId('site-console');
  }

  /** Waits until nothing in the page says it is loading (the app's "Loading …" lines and spinners). */
  async settled(where: string): Promise<void> {
    const loading = this.app.getByText(/…$/);
    await poll(
      `${where} to finish loading`,
      async () => {
        const still = (await loading.allInnerTexts()).filter((t) => LOADING_SENTENCES.has(t.trim()));
        return still.length === 0
          ? { done: true, value: undefined }
          : { done: false, state: still.join(', ') };
      },
      { timeout: SETTLE_TIMEOUT_MS, interval: 200 },
    );
  }

  /** Opens a tab (re-opening it remounts it, so it loads afresh) and waits for its data. */
  async openTab(name: string): Promise<void> {
    const tab = await visible(this.app.getByRole('tab', { name, exact: true }), `the ${name} tab`);
    await tab.click();
    await poll(
      `the ${name} tab to be selected`,
      async () =>
        (await tab.getAttribute('aria-selected')) === 'true'
          ? { done: true, value: undefined }
          : { done: false, state: 'not selected' },
      { timeout: 5_000, interval: 100 },
    );
    await this.settled(`the ${name} tab`);
  }

  /** Switches the viewer's language with the preview's switch; the page reloads in it. */
  async switchLanguage(optionName: RegExp, firstTab: string): Promise<void> {
    const input = await visible(this.page.locator('#preview-locale'), 'the language switch');
    await input.click();
    const option = await visible(
      this.page.getByRole('option', { name: optionName }),
      `the language ${String(optionName)}`,
    );
    await option.click();
    await visible(
      this.app.getByRole('tab', { name: firstTab, exact: true }),
      `the "${firstTab}" tab after the reload`,
    );
  }

  /** Types into an Atlaskit Select (by the testId the page gave it) and picks the option with that name. */
  async pick(selectTestId: string, typed: string, option: string | RegExp): Promise<void> {
    const input = await visible(
      this.app.getByTestId(`${selectTestId}-select--input`),
      `the ${selectTestId} select`,
    );
    await input.click();
    await input.fill(typed);
    const choice = await visible(
      this.page.getByRole('option', { name: option, exact: typeof option === 'string' }),
      `the option ${String(option)} after typing "${typed}" into ${selectTestId}`,
    );
    await choice.click();
  }

  /** Types into a UI Kit UserPicker (labelled) and picks the person with that display name. */
  async pickUser(label: string, displayName: string): Promise<void> {
    const input = await visible(this.app.getByLabel(label, { exact: true }), `the "${label}" user picker`);
    await input.click();
    await input.fill(displayName);
    const person = await visible(
      this.page.getByRole('option', { name: new RegExp(`^${displayName}\\b`) }),
      `${displayName} among the "${label}" picker's suggestions`,
    );
    await person.click();
  }
}
