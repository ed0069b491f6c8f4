// End to end in headless Chromium: `npm start`'s emulator and local preview, driven as a site admin would.
// Set the group write path, create a rule, simulate a SAML JIT login of a matching person from the site
// console, and see their new group in the page's Audit tab (and in the site's own audit log). Screenshots of
// every tab and the console land in test/e2e/screenshots/.
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { AccessibilityAudit } from './support/accessibility';
import { launchChromium } from './support/browser';
import { startEmulator, type EmulatorProcess } from './support/emulator-process';
import { SCREENSHOT_DIR, poll, visible, watchPage, type PageWatch } from './support/page-watch';
import english from '../../src/locales/en-US.json';
import german from '../../src/locales/de-DE.json';
import { PreviewPage, TAB_NAMES } from './support/preview-page';

const ADMIN = 'Avery Admin';
const STARTER = { email: 'new.starter@acme.example', name: 'New Starter' };
const RULE = { name: 'Acme engineers', domain: 'acme.example', group: 'jira-developers' };
const REVIEW = 'Quarterly developer access';
const PROVISIONING_TIMEOUT_MS = 60_000;
/** The sizes every tab is checked and photographed at: a laptop and a small (tablet-like) screen. */
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v)));
/**
 * Sentences of the English locale file (capitalised, several words, no placeholder). Lower-case pieces ("site
 * admin", values filled into other messages) also occur inside data the backend recorded in English, such as a
 * health part's last verdict or a privileged target's reason, which the page shows as it was written.
 */
const englishSentences = (): string[] =>
  leaves(english).filter((s) => /^\p{Lu}/u.test(s) && s.includes(' ') && s.length >= 10 && !s.includes('{'));
const germanSentences = new Set(leaves(german));

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

it('grants a JIT-provisioned user the group a rule names, and shows it in the Audit tab', async () => {
  const preview = new PreviewPage(page);
  const { app, console: siteConsole } = preview;

  await watch.step(
    'the local preview to open the real admin page (not the demo) as the site admin',
    async () => {
      const response = await page.goto(`${emulator?.url ?? ''}/`);
      if (!response?.ok())
        throw new Error(
          `GET / answered ${response?.status() ?? 'nothing'}: ${(await page.locator('body').innerText()).slice(0, 2000)}`,
        );
      await visible(
        page.getByText('Local preview — not Atlassian'),
        'the "Local preview — not Atlassian" label',
      );
      await visible(page.getByText('src/frontend/index.tsx ·'), 'the header naming src/frontend/index.tsx');
      await visible(
        app.getByRole('heading', { name: 'JIT Access' }),
        'the page heading "JIT Access"',
        30_000,
      );
      const tabs = (await app.getByRole('tab').allInnerTexts()).map((t) => t.trim());
      expect(tabs).toEqual([...TAB_NAMES]);
      await preview.settled('the Overview tab');
      await watch.assertHealthy('the Overview tab');
    },
  );

  await watch.step(`the Settings tab to save "${ADMIN}" as the site admin the app acts as`, async () => {
    await preview.openTab('Settings');
    await app.getByRole('radio', { name: 'Act as a site admin' }).check();
    await preview.pickUser('Site admin to act as', ADMIN);
    await app.getByRole('button', { name: 'Test the write path' }).click();
    // The verdict is the result message's appearance (its icon), whatever its wording.
    const result = app.locator('section').filter({ has: page.getByText(/^Checked /) });
    await visible(result, 'the write-path test result');
    if ((await result.getByRole('img', { name: 'success', exact: true }).count()) === 0)
      throw new Error(`the write-path test did not pass:\n${await result.innerText()}`);
    await app.getByRole('button', { name: 'Save settings' }).click();
    await visible(app.getByText('Settings saved', { exact: true }), 'the "Settings saved" message');
    await watch.assertHealthy('the Settings tab');
    await watch.screenshot('tab-settings');
  });

  await watch.step(
    `the Rules tab to create "${RULE.name}" (email domain ${RULE.domain} → ${RULE.group}) and list it`,
    async () => {
      await preview.openTab('Rules');
      await app.getByRole('button', { name: 'New rule' }).click();
      await app.getByLabel('Name', { exact: true }).fill(RULE.name);
      // The condition builder writes the expression into the editor, where the live check validates it.
      await preview.pick('builder-attribute', 'Email domain', 'Email domain (user.emailDomain)');
      await app.getByLabel('Value', { exact: true }).fill(RULE.domain);
      await app.getByRole('button', { name: 'Add condition' }).click();
      expect(await app.getByLabel('Condition', { exact: true }).inputValue()).toBe(
        `user.emailDomain -eq "${RULE.domain}"`,
      );
      await visible(
        app.getByText('The condition is valid.'),
        'the live check saying "The condition is valid."',
      );
      await preview.pick('grant-group', RULE.group.slice(0, 8), RULE.group);
      await app.getByRole('button', { name: 'Add group' }).click();
      await visible(
        app.getByRole('cell', { name: `group "${RULE.group}"` }),
        `${RULE.group} among the grants`,
      );
      await app.getByRole('button', { name: 'Save rule' }).click();
      await visible(app.getByText(`Created rule "${RULE.name}".`), 'the "Created rule" message');
      await preview.settled('the rules list');
      const row = app
        .getByRole('table', { name: 'Rules, highest priority first' })
        .getByRole('row')
        .filter({ hasText: RULE.name });
      await visible(row, `a row for "${RULE.name}" in the rules table`);
      expect(await row.innerText()).toContain(RULE.group);
      await watch.assertHealthy('the Rules tab');
      await watch.screenshot('tab-rules');
    },
  );

  const accountId = await watch.step(
    `a SAML JIT login of ${STARTER.email} from the site console`,
    async () => {
      await siteConsole.getByLabel('Email', { exact: true }).fill(STARTER.email);
      await siteConsole.getByLabel('Display name', { exact: true }).fill(STARTER.name);
      await siteConsole.getByRole('button', { name: 'Log in via SSO' }).click();
      const notice = await visible(siteConsole.getByRole('status'), 'the console notice');
      return poll(
        'the console to report the created account',
        async () => {
          const text = (await notice.innerText()).trim();
          const created = /^JIT login: created (\S+)$/.exec(text);
          return created?.[1] ? { done: true, value: created[1] } : { done: false, state: text };
        },
        { timeout: 10_000 },
      );
    },
  );

  await watch.step(`the app to add ${STARTER.name} (${accountId}) to ${RULE.group} on the site`, () =>
    poll(
      `the site's audit log (site console) to show a user added to ${RULE.group}`,
      async () => {
        const entries = await siteConsole.getByTestId('console-audit').getByRole('listitem').allInnerTexts();
        const added = entries.find((e) => e.includes('User added to group') && e.includes(RULE.group));
        return added
          ? { done: true, value: added }
          : { done: false, state: entries.slice(0, 6).join(' | ') || 'no entries' };
      },
      { timeout: PROVISIONING_TIMEOUT_MS },
    ),
  );
  await watch.screenshot('site-console');

  await watch.step(
    `the Audit tab, filtered to ${STARTER.name}, to show the group they were given`,
    async () => {
      const auditTable = app.getByRole('table', { name: 'Audit log' });
      await preview.openTab('Audit');
      await preview.pickUser('User', STARTER.name);
      await app.getByRole('button', { name: 'Apply filters' }).click();
      const row = await poll(
        `an audit row: ${STARTER.name}, Group added, ${RULE.group}, Success`,
        async () => {
          await preview.settled('the audit log');
          const rows = await auditTable.getByRole('row').allInnerTexts();
          const granted = rows.find(
            (r) => r.includes(STARTER.name) && r.includes('Group added') && r.includes(RULE.group),
          );
          if (granted) return { done: true, value: granted };
          // The tab loads once when opened; opening it again asks the backend afresh.
          await preview.openTab('Overview');
          await preview.openTab('Audit');
          await preview.pickUser('User', STARTER.name);
          await app.getByRole('button', { name: 'Apply filters' }).click();
          return { done: false, state: rows.join(' | ') || 'no rows' };
        },
        { timeout: PROVISIONING_TIMEOUT_MS },
      );
      expect(row).toContain('Success');
      expect(row).toContain(RULE.name);
      const others = (await auditTable.getByRole('row').allInnerTexts()).slice(1);
      expect(others.every((r) => r.includes(STARTER.name))).toBe(true);
      await watch.assertHealthy('the Audit tab');
      await watch.screenshot('tab-audit');
    },
  );

  await watch.step('the Overview tab to report the group write path as working', async () => {
    await preview.openTab('Overview');
    const writePath = app.getByRole('row').filter({ hasText: 'Group write path' });
    await visible(writePath, 'the "Group write path" row of the health table');
    expect(await writePath.innerText()).toContain('working');
    await watch.assertHealthy('the Overview tab');
    await watch.screenshot('tab-overview');
  });

  await watch.step(
    `the Access reviews tab to start a review of ${STARTER.name}'s ${RULE.group} by ${ADMIN}, close it and report it`,
    async () => {
      await preview.openTab('Access reviews');
      await app.getByRole('button', { name: 'New access review' }).click();
      await app.getByLabel('Name', { exact: true }).fill(REVIEW);
      await preview.pick('campaign-reviewers', 'named', 'Named people');
      await preview.pickUser("Reviewers (each user's items go to one of them)", ADMIN);
      await app.getByRole('button', { name: 'Start the access review' }).click();
      await visible(app.getByRole('heading', { name: REVIEW }), `the "${REVIEW}" campaign view`);
      await watch.screenshot('tab-access-reviews-started');
      // Collecting runs in the background: open the campaign again until its progress table names the reviewer.
      const progress = app.getByRole('table', { name: 'Progress per reviewer' });
      await poll(
        `the progress table to list ${ADMIN} with 1 item`,
        async () => {
          await preview.settled('the access review');
          const rows = await progress.getByRole('row').allInnerTexts();
          if (rows.some((r) => r.includes(ADMIN))) return { done: true, value: rows };
          await app.getByRole('button', { name: 'All access reviews' }).click();
          await app.getByRole('button', { name: REVIEW }).click();
          return { done: false, state: rows.join(' | ') || 'no rows' };
        },
        { timeout: PROVISIONING_TIMEOUT_MS },
      );
      await watch.screenshot('tab-access-reviews-progress');
      await app.getByRole('button', { name: /^Close now/ }).click();
      const report = app.getByRole('table', { name: 'Report: every item' });
      const row = await poll(
        `the report to show ${STARTER.name}'s ${RULE.group} kept by the policy`,
        async () => {
          await preview.settled('the report');
          const rows = await report.getByRole('row').allInnerTexts();
          const kept = rows.find(
            (r) => r.includes(STARTER.name) && r.includes('Kept: not decided by the end'),
          );
          if (kept) return { done: true, value: kept };
          await app.getByRole('button', { name: 'All access reviews' }).click();
          await app.getByRole('button', { name: REVIEW }).click();
          return { done: false, state: rows.join(' | ') || 'no rows' };
        },
        { timeout: PROVISIONING_TIMEOUT_MS },
      );
      expect(row).toContain(RULE.group);
      await app.getByRole('button', { name: 'Export the report as CSV' }).click();
      await visible(app.getByText(/^1 row$/), 'the CSV export of one item');
      await visible(app.getByText(/copy it into a file ending in \.csv/), 'why the export is copied');
      await watch.assertHealthy('the Access reviews tab');
      await watch.screenshot('tab-access-reviews-report');
    },
  );

  await watch.step('the Inactivity tab to load without errors', async () => {
    await preview.openTab('Inactivity');
    await visible(app.getByRole('heading', { name: 'Policy' }), 'the "Policy" heading');
    await watch.assertHealthy('the Inactivity tab');
    await watch.screenshot('tab-inactivity');
  });

  await watch.step(
    'every tab, at 1440×900 and at 1024×768, to have no serious or critical accessibility violation',
    async () => {
      const audit = new AccessibilityAudit();
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const tab of TAB_NAMES) {
          await preview.openTab(tab);
          const size = `${viewport.width}x${viewport.height}`;
          await watch.screenshot(`${tab}-${size}`);
          await audit.check(page, `the ${tab} tab`);
          await watch.assertHealthy(`the ${tab} tab at ${size}`);
        }
      }
      // A confirmation dialog too: the one before a backfill, opened and cancelled (nothing starts).
      await preview.openTab('Rules');
      await app.getByTestId('backfill-start').click();
      const dialog = await visible(
        page.getByRole('dialog', { name: 'Apply the rules to every user now?' }),
        'the backfill confirmation dialog',
      );
      await watch.screenshot('rules-backfill-confirmation');
      await audit.check(page, 'the backfill confirmation dialog');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await poll(
        'the dialog to close',
        async () =>
          (await page.getByRole('dialog').count()) === 0
            ? { done: true, value: undefined }
            : { done: false, state: 'still open' },
        { timeout: 5_000 },
      );
    },
  );
  await watch.step(
    'every tab in German, with no English sentence of the app left, photographed',
    async () => {
      await page.setViewportSize(VIEWPORTS[0]);
      await preview.switchLanguage(/Deutsch/, german.tabs.overview);
      // Every sentence whose English and German differ: none of the English may remain on a German page.
      const englishOnly = englishSentences().filter((s) => !germanSentences.has(s));
      const audit = new AccessibilityAudit();
      for (const [id, tab] of Object.entries(german.tabs)) {
        await preview.openTab(tab);
        const shown = await app.innerText();
        // Audit rows are data written when they happened (a settings change records its English labels): the
        // table's body is what was stored, not what the page says.
        const stored =
          tab === german.tabs.audit ? (await app.locator('tbody').allInnerTexts()).join('\n') : '';
        const leftovers = englishOnly.filter((s) => shown.includes(s) && !stored.includes(s));
        if (leftovers.length > 0)
          throw new Error(`English left on the German ${tab} tab: ${leftovers.join(' | ')}`);
        await watch.screenshot(`de-DE-${id}-1440x900`);
        await audit.check(page, `the German ${tab} tab`);
        await watch.assertHealthy(`the German ${tab} tab`);
      }
    },
  );
});
