// The Rules tab for a German admin: the table, an impact preview, the backfill's confirmation (with a German date)
// and the editor's live check all read in German, and none of the tab's English messages shows.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, findAll, hasText, textOf, walk, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { salesRule } from './support/sales-rule';
import type { Reply, RulesSaveView } from '../../src/shared/contract';
import english from '../../src/locales/en-US.json';
import german from '../../src/locales/de-DE.json';

let app: AppHarness;
afterAll(() => app.close());

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The tab's English messages that German words differently (so seeing one on a German page is a leftover). */
const ENGLISH_ONLY: ReadonlySet<string> = (() => {
  const de = leaves(german.rules);
  return new Set(
    [...leaves(english.rules)]
      .filter(([key, text]) => de.get(key) !== text && !text.includes('{'))
      .map(([, text]) => text),
  );
})();

/** Props a person reads (a field's `value` is data the admin chose, not the page's words). */
const READ_PROPS = ['title', 'header', 'description', 'label', 'caption', 'placeholder', 'text', 'content'];

/** Every piece of text the page shows that is one of the tab's English messages. */
function englishLeftovers(page: AdminPage): string[] {
  const shown: string[] = [];
  walk(page.doc, (node) => {
    if (node.type === 'String') shown.push(textOf(node));
    else
      for (const name of READ_PROPS) if (typeof node.props[name] === 'string') shown.push(node.props[name]);
  });
  return shown.filter((text) => ENGLISH_ONLY.has(text.trim()));
}

it('shows the rules, a preview, the backfill confirmation and the editor in German', async () => {
  app = AppHarness.start();
  const { siteAdmin } = viewers(app);
  const saved = await app.asSiteAdmin<Reply<RulesSaveView>>('rules.save', { rule: salesRule(app) });
  expect(saved.ok).toBe(true);
  const page = AdminPage.open(app, siteAdmin, { locale: 'de-DE' });
  try {
    await page.openTab('Regeln');
    const table = await page.waitForTestId('rules-table');
    expect(table.props.caption).toBe('Regeln, höchste Priorität zuerst');
    expect(textOf(table)).toContain('Gruppe „sales-team“');
    expect(findAll(table, (n) => n.type === 'Toggle').map((n) => n.props.label)).toEqual([
      'IdP sales deaktivieren',
    ]);
    expect(hasText(page.doc, 'Neue Regel')).toBe(true);

    await page.click(byTestId(page.doc, 'impact-start')!);
    await app.drain({ scheduled: false });
    const preview = await page.waitFor((doc) => {
      const node = byTestId(doc, 'impact-preview');
      return node && hasText(node, 'Benutzer, die etwas erhalten würden') && node;
    }, 'the finished preview in German');
    expect(hasText(preview, 'Niemand würde etwas verlieren')).toBe(true);
    expect(hasText(preview, /^Alle \d+ anzeigen$/m)).toBe(true);
    expect(englishLeftovers(page)).toEqual([]);

    await page.click(byTestId(page.doc, 'backfill-start')!);
    const confirm = await page.waitForTestId('backfill-confirm');
    expect(hasText(confirm, 'Regeln jetzt auf alle Benutzer anwenden?')).toBe(true);
    // The preview's time in German order and month names ("7. Dez. 2026, 14:05 UTC"), its counts as plurals.
    expect(textOf(confirm)).toMatch(
      /Die letzte Vorschau \(\d{1,2}\. \p{L}{3,4}\.? \d{4}, \d{2}:\d{2} UTC\) plante \d+ Vergaben? zum Vergeben und 0 Vergaben zum Entziehen, für \d+ Benutzer\./u,
    );
    expect(textOf(confirm)).not.toMatch(/(AM|PM) UTC/);
    await page.click(cancelButton(confirm));
    await page.waitFor((doc) => !byTestId(doc, 'backfill-confirm'), 'the confirmation to close');

    await page.click(byTestId(page.doc, 'rule-new')!);
    await page.waitForTestId('rule-editor');
    expect(hasText(page.doc, 'Regel speichern')).toBe(true);
    await page.type(
      byTestId(page.doc, 'rule-condition')!,
      'user.department -eq "Sales"\n-and user.departmnet -eq "x"',
    );
    // The position is German; the rules engine's message is the one the backend also reports.
    await page.waitForText(/Zeile 2, Spalte 6: Unknown attribute "user\.departmnet"/);
    await page.type(byTestId(page.doc, 'rule-condition')!, 'user.department -eq "Sales"');
    await page.waitForText('Die Bedingung ist gültig.');
    expect(englishLeftovers(page)).toEqual([]);
  } finally {
    await page.close();
  }
});

/** The confirmation's cancel button (it has no test id of its own). */
function cancelButton(modal: ForgeDoc): ForgeDoc {
  const buttons = findAll(modal, (n) => n.type === 'Button');
  const cancel = buttons.find((b) => b.props.testId !== 'backfill-confirm-confirm');
  if (!cancel) throw new Error('the confirmation has no cancel button');
  return cancel;
}
