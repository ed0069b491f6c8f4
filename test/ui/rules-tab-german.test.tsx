// The Rules tab for a German admin: the table, an impact preview, the backfill's confirmation (with a German date)
// and the editor's live check all read in German, and none of the tab's English messages shows.
import { englishLeftovers } from './support/english-leftovers';
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, findAll, hasText, textOf, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { salesRule } from './support/sales-rule';
import type { Reply, RulesSaveView } from '../../src/shared/contract';

let app: AppHarness;
afterAll(() => app.close());

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
    expect(englishLeftovers([page.doc], ['rules'])).toEqual([]);

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
    // The position and the problem are German; the admin's tokens stay as written.
    await page.waitForText(
      'Zeile 2, Spalte 6: Unbekanntes Attribut "user.departmnet" – meinten Sie "user.department"?',
    );
    expect(hasText(page.doc, /Unknown attribute/)).toBe(false);
    // A problem that embeds a phrase (what was found) words the phrase in German too.
    await page.type(byTestId(page.doc, 'rule-condition')!, 'user.department -eq "a" -or');
    await page.waitForText(
      'Zeile 1, Spalte 28: Nach -or wird eine Bedingung erwartet, z. B. user.department -eq "Sales"',
    );
    await page.type(byTestId(page.doc, 'rule-condition')!, 'user.department -eq 5');
    await page.waitForText(
      'Zeile 1, Spalte 21: user.department enthält Text; setzen Sie den Wert in Anführungszeichen: "5"',
    );
    await page.type(byTestId(page.doc, 'rule-condition')!, 'user.department -eq "a" user.jobTitle -eq "b"');
    await page.waitForText(
      'Zeile 1, Spalte 25: Erwartet wurde -and, -or oder das Ende der Regel, gefunden wurde "user.jobTitle"',
    );
    expect(hasText(page.doc, /Expected|found|holds text/)).toBe(false);
    await page.type(byTestId(page.doc, 'rule-condition')!, 'user.department -eq "Sales"');
    await page.waitForText('Die Bedingung ist gültig.');
    expect(englishLeftovers([page.doc], ['rules'])).toEqual([]);
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
