// Secrets are write-only: once set through the Settings tab, no rendered tree of any tab and no resolver
// answer the page received holds them, even after "Test connection" used them.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, hasText, textOf } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { TABS } from '../../src/frontend/admin-tabs';
import english from '../../src/locales/en-US.json';

const SECRETS = {
  'org-api-key': 'ORGKEY-do-not-show-7f9a1b2c3d',
  'scim-directory-key': 'SCIMKEY-do-not-show-4e5f6a7b8c',
  'webtrigger-secret': 'HOOKSECRET-do-not-show-9d0e1f2a',
} as const;

let app: AppHarness;

beforeAll(() => {
  app = AppHarness.start();
});
afterAll(() => app.close());

function leaks(text: string): string[] {
  return Object.values(SECRETS).filter((secret) => text.includes(secret));
}

it('never shows a secret in any tab or in any resolver answer', async () => {
  const { siteAdmin } = viewers(app);
  const page = AdminPage.open(app, siteAdmin);
  const trees: Array<[string, string]> = [];
  try {
    await page.openTab('Settings');
    for (const [name, value] of Object.entries(SECRETS)) {
      const input = await page.waitForTestId(`secret-${name}-input`);
      await page.type(input, value);
      // The typed value stays out of the tree even before it is saved, and the tab says it is not saved yet.
      trees.push([`typing ${name}`, page.serialized()]);
      expect(byTestId(page.doc, 'settings-unsaved')).toBeDefined();
    }
    // One save for the whole tab saves every pasted key.
    await page.click(byTestId(page.doc, 'settings-save')!);
    for (const name of Object.keys(SECRETS))
      await page.waitFor(
        (doc) => hasText(byTestId(doc, `secret-${name}`)!, /\bsince\b/),
        `${name} to show as set`,
      );
    expect(byTestId(page.doc, 'settings-unsaved')).toBeUndefined();
    trees.push(['settings saved', page.serialized()]);
    for (const target of ['org-api', 'scim', 'write-path']) {
      await page.click(byTestId(page.doc, `test-connection-${target}`)!);
      await page.waitFor(
        (doc) => textOf(byTestId(doc, `test-connection-${target}`)!).startsWith('Test'),
        `the ${target} test to finish`,
      );
    }
    trees.push(['settings after tests', page.serialized()]);

    for (const id of TABS) {
      const tab = english.tabs[id];
      await page.openTab(tab);
      await page.waitForLoaded(`the ${tab} tab`);
      trees.push([tab, page.serialized()]);
    }
  } finally {
    await page.close();
  }

  for (const [where, tree] of trees) expect([where, leaks(tree)]).toEqual([where, []]);
  const answers = page.invocations.filter((i) => i.key !== 'settings.setSecret' || i.result !== undefined);
  expect(answers.map((i) => i.key)).toEqual(
    expect.arrayContaining(['settings.get', 'settings.setSecret', 'settings.testConnection', 'overview.get']),
  );
  for (const call of page.invocations)
    expect([call.key, leaks(JSON.stringify(call.result ?? call.error ?? null))]).toEqual([call.key, []]);
  // The secrets really were stored (so the search above was not vacuous).
  const stored = page.invocations.filter((i) => i.key === 'settings.setSecret').map((i) => i.result);
  expect(stored).toHaveLength(3);
  for (const reply of stored) expect(reply).toMatchObject({ ok: true, value: { isSet: true } });
});
