// Watches a preview page for what makes it broken (uncaught errors, failed bridge calls logged as errors,
// components the preview cannot render) and runs each step so a failure says what was expected, with a
// screenshot and the page's and emulator's recent output.
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = resolve(__dirname, '..', 'screenshots');
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface PageWatch {
  /** Uncaught page errors and console errors since the page opened. */
  readonly errors: string[];
  /** Saves a full-page screenshot as `<name>.png` and returns its path relative to the repo. */
  screenshot(name: string): Promise<string>;
  /** Runs one step; on failure rethrows with the expectation, a screenshot, and recent output attached. */
  step<T>(expectation: string, action: () => Promise<T>): Promise<T>;
  /** Fails if the page showed an uncaught error or a component the preview could not render. */
  assertHealthy(where: string): Promise<void>;
}

function fileName(name: string): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.png`;
}

export function watchPage(page: Page, context: { emulatorOutput: () => string }): PageWatch {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let failures = 0;

  const screenshot = async (name: string): Promise<string> => {
    const path = join(SCREENSHOT_DIR, fileName(name));
    // From the top: the preview's sticky header would otherwise sit mid-way down a full-page shot.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage: true });
    return relative(REPO_ROOT, path);
  };

  const step = async <T>(expectation: string, action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (e) {
      failures += 1;
      const shot = await screenshot(`failed-${failures}-${expectation.slice(0, 60)}`).catch(
        (s: unknown) => `(no screenshot: ${s instanceof Error ? s.message : String(s)})`,
      );
      const cause = e instanceof Error ? e.message : String(e);
      throw new Error(
        [
          `Expected: ${expectation}`,
          `Failed: ${cause}`,
          `Screenshot: ${shot}`,
          `Page errors: ${errors.length > 0 ? `\n  ${errors.slice(-10).join('\n  ')}` : 'none'}`,
          `--- emulator output ---`,
          context.emulatorOutput(),
        ].join('\n'),
      );
    }
  };

  const assertHealthy = async (where: string): Promise<void> => {
    const unsupported = await page.getByTestId('preview-unsupported').allInnerTexts();
    const problems = [...errors, ...unsupported.map((t) => `rendered as: ${t}`)];
    if (problems.length > 0) throw new Error(`the page is broken on ${where}:\n  ${problems.join('\n  ')}`);
  };

  return { errors, screenshot, step, assertHealthy };
}

/** Waits for a locator to be visible, naming it in the error rather than quoting a selector engine's. */
export async function visible(locator: Locator, what: string, timeout = 15_000): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`${what} did not appear within ${timeout} ms`);
  }
  return locator.first();
}

/** Polls `probe` until it returns a value, or fails after `timeout` naming what it waited for and the last state. */
export async function poll<T>(
  what: string,
  probe: () => Promise<{ done: true; value: T } | { done: false; state: string }>,
  options: { timeout: number; interval?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeout;
  let last = 'never checked';
  for (;;) {
    const result = await probe();
    if (result.done) return result.value;
    last = result.state;
    if (Date.now() >= deadline) throw new Error(`${what} within ${options.timeout} ms; last seen: ${last}`);
    await new Promise((done) => setTimeout(done, options.interval ?? 500));
  }
}
