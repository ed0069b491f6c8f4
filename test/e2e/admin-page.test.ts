// End to end in headless Chromium: `npm start`'s emulator and local preview, driven like an admin would.
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startEmulator, type EmulatorProcess } from './support/emulator-process';
import { SCREENSHOT_DIR, poll, visible, watchPage, type PageWatch } from './support/page-watch';

let emulator: EmulatorProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  emulator = await startEmulator();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  watch = watchPage(page, { emulatorOutput: () => emulator?.outputTail() ?? '' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.stop();
});

it('opens the admin page in the local preview and simulates a JIT login from the site console', async () => {
  const url = emulator?.url ?? '';
  await watch.step(
    'the preview to load, labelled as a local preview, with the UI Kit page rendered',
    async () => {
      await page.goto(`${url}/`);
      await visible(
        page.getByText('Local preview — not Atlassian'),
        'the "Local preview — not Atlassian" label',
      );
      await visible(page.getByTestId('preview-page').getByRole('tab'), 'a tab in the UI Kit page', 30_000);
    },
  );

  const tabs = page.getByTestId('preview-page').getByRole('tab');
  const names = (await tabs.allInnerTexts()).map((t) => t.trim());
  for (const name of names) {
    await watch.step(`the ${name} tab to open`, async () => {
      await page.getByTestId('preview-page').getByRole('tab', { name, exact: true }).click();
      await visible(page.getByTestId('preview-page').getByRole('tabpanel'), `the ${name} tab's panel`);
      await watch.assertHealthy(`the ${name} tab`);
      await watch.screenshot(`tab-${name}`);
    });
  }

  const email = `e2e.starter.${Date.now()}@acme.example`;
  const console = page.getByTestId('site-console');
  const accountId = await watch.step(`a SAML JIT login of ${email} to create the account`, async () => {
    await console.getByLabel('Email', { exact: true }).fill(email);
    await console.getByLabel('Display name', { exact: true }).fill('E2E Starter');
    await console.getByRole('button', { name: 'Log in via SSO' }).click();
    const notice = await visible(console.getByRole('status'), 'the console notice');
    return poll(
      'the console to report the created account',
      async () => {
        const text = (await notice.innerText()).trim();
        const created = /^JIT login: created (\S+)$/.exec(text);
        return created?.[1] ? { done: true, value: created[1] } : { done: false, state: text };
      },
      { timeout: 10_000 },
    );
  });

  await watch.step(`the app to notice ${accountId}'s creation (a trigger invocation in the console)`, () =>
    poll(
      'a successful trigger invocation',
      async () => {
        const items = await console.getByTestId('console-invocations').getByRole('listitem').allInnerTexts();
        const trigger = items.find((i) => i.includes('trigger'));
        return trigger?.startsWith('success')
          ? { done: true, value: trigger }
          : { done: false, state: items.slice(0, 5).join(' | ') || 'no invocations' };
      },
      { timeout: 20_000 },
    ),
  );
  await watch.screenshot('site-console');
  await watch.assertHealthy('the page after the JIT login');
});
