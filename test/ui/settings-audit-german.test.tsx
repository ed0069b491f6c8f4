// The Settings and Audit tabs for a German-speaking admin in Berlin: German words, dates and numbers in German
// format and Berlin time, stored audit text shown as written, and no English sentence of either tab left over.
import { englishLeftovers } from './support/english-leftovers';
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, byText, findAll, ofType, textOf, visibleText } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { appendAudit } from '../../src/storage/audit-repository';
import de from '../../src/locales/de-DE.json';
import { TABS } from '../../src/frontend/admin-tabs';

const AUDIT_TAB = TABS.indexOf('audit');
const SETTINGS_TAB = TABS.indexOf('settings');

let app: AppHarness;
afterEach(() => app.close());

/** Lines of the open tab's panel (and any modal) that are an English message of the namespace. */
function leftovers(page: AdminPage, namespace: 'settings' | 'audit', tab: number): string[] {
  return englishLeftovers([ofType(page.doc, 'TabPanel')[tab]!, ...ofType(page.doc, 'Modal')], [namespace]);
}

it('shows the Settings tab in German, with German numbers and a Berlin date', async () => {
  app = AppHarness.start();
  const { siteAdmin } = viewers(app);
  const target = app.site.groups().find((g) => g.name === 'jira-administrators')!;
  // Allowed at the emulator's start, 5 Jan 2026 09:00 UTC: 10:00 in Berlin.
  await app.asSiteAdmin('security.allow', { key: `group:${target.groupId}`, acknowledgeRisk: true });
  const page = AdminPage.open(app, siteAdmin, { locale: 'de-DE', timeZone: 'Europe/Berlin' });
  try {
    await page.openTab(de.tabs.settings);
    await page.waitForTestId('privileged-targets-table');
    await page.waitForLoaded('the settings');
    const text = visibleText(page.doc);
    expect(text).toContain('Attributquellen');
    expect(text).toContain('Organisation und Zugangsdaten');
    expect(text).toContain('Gilt für die Administrationsseiten von Jira und Confluence');
    // A German thousands separator in the retention range.
    expect(text).toContain(
      'Zwischen 7 und 3.650 Tagen; ältere Einträge werden beim täglichen Durchlauf entfernt.',
    );
    expect(byText(page.doc, 'Button', 'Einstellungen speichern')).toBeDefined();
    expect(byText(page.doc, 'Button', 'Schreibweg testen')).toBeDefined();
    const radio = ofType(page.doc, 'RadioGroup')[0]!;
    expect((radio.props.options as Array<{ label: string }>).map((o) => o.label)).toContain(
      'Als Site-Administrator handeln',
    );

    // The allowance: who and when, the date in German and in the viewer's zone.
    const table = byTestId(page.doc, 'privileged-targets-table')!;
    const row = findAll(table, (n) => n.type === 'Row' && n.props.rowKey === `group:${target.groupId}`)[0]!;
    expect(textOf(row)).toMatch(/erlaubt.*von.*5\. Jan\. 2026, 10:00 MEZ.*Zurückziehen$/);
    // The reasons are the backend's words (data), shown as they are.
    expect(textOf(table)).toMatch(/Jira lists it among the site-admin groups/);

    // The confirmation asks in German and names the target as a value.
    const siteAdmins = app.site.groups().find((g) => g.name === 'site-admins')!;
    await page.click(await page.waitForTestId(`allow-group:${siteAdmins.groupId}`));
    const modal = await page.waitForTestId('allow-target');
    expect(visibleText(modal)).toContain('Dürfen Regeln site-admins vergeben?');
    expect(textOf(modal)).toContain('Jeder, auf den eine Regel zutrifft, erhält site-admins');
    expect(leftovers(page, 'settings', SETTINGS_TAB)).toEqual([]);
    await page.clickButton('Weiterhin verweigern');
    await page.waitFor((doc) => !byTestId(doc, 'allow-target'), 'the confirmation to close');

    // A save with problems counts them in German.
    await page.type(byTestId(page.doc, 'audit-retention-days')!, '3');
    await page.click(byTestId(page.doc, 'settings-save')!);
    await page.waitForText(/Speichern der Einstellungen \(1 Problem\)/);
    expect(byTestId(page.doc, 'settings-unsaved')).toBeDefined();
    expect(textOf(byTestId(page.doc, 'settings-unsaved')!)).toBe('Nicht gespeicherte Änderungen');
    expect(leftovers(page, 'settings', SETTINGS_TAB)).toEqual([]);
  } finally {
    await page.close();
  }
});

it('shows the Audit tab in German: actions, outcomes, Berlin times, and stored reasons as written', async () => {
  app = AppHarness.start();
  const { siteAdmin, jiraAdmin } = viewers(app);
  const at = Date.UTC(2025, 2, 1, 18);
  await app.inApp(async () => {
    await appendAudit({
      id: 'de-1',
      at,
      accountId: '',
      action: 'settings-changed',
      target: 'settings',
      targetName: 'Settings',
      ruleId: '',
      reason: 'Keep the audit log for (days): 1,000',
      outcome: 'success',
      runId: 'run-1',
      actor: siteAdmin,
    });
    await appendAudit({
      id: 'de-2',
      at: at + 60_000,
      accountId: jiraAdmin,
      action: 'group-removed',
      target: 'group:g1',
      targetName: 'sales-team',
      ruleId: '',
      reason: 'stored reason',
      outcome: 'failed',
      runId: 'run-1',
      actor: 'app',
    });
  });
  const page = AdminPage.open(app, siteAdmin, { locale: 'de-DE', timeZone: 'Europe/Berlin' });
  try {
    await page.openTab(de.tabs.audit);
    const table = await page.waitForTestId('audit-table');
    const text = visibleText(table);
    for (const words of ['Wann', 'Wer', 'Aktion und Ergebnis', 'Grund', 'Prüfprotokoll'])
      expect(text.split('\n')).toContain(words);
    expect(textOf(table)).toContain('Einstellungen geändert');
    expect(textOf(table)).toContain('Gruppe entfernt');
    expect(textOf(table)).toContain('Erfolgreich');
    expect(textOf(table)).toContain('Fehlgeschlagen');
    expect(textOf(table)).toContain('Die App (Bereitstellung)');
    // Stored text is data: shown in the words it was written in.
    expect(textOf(table)).toContain('Keep the audit log for (days): 1,000');
    // 18:00 UTC on 1 March 2025 is 19:00 in Berlin; last year's entry shows its day, the tooltip the full time.
    expect(ofType(table, 'Text').map(textOf)).toContain('1. März 2025');
    expect(ofType(table, 'Tooltip').map((t) => t.props.content)).toContain('1. März 2025, 19:00 MEZ');

    const outcome = byTestId(page.doc, 'audit-outcome')!;
    expect((outcome.props.options as Array<{ label: string }>).map((o) => o.label)).toEqual([
      'Alle',
      'Erfolgreich',
      'Fehlgeschlagen',
      'Übersprungen',
      'Probelauf',
    ]);
    expect(byTestId(page.doc, 'audit-from')!.props.locale).toBe('de-DE');
    expect(visibleText(page.doc)).toContain('Seite 1');
    expect(leftovers(page, 'audit', AUDIT_TAB)).toEqual([]);

    // An empty filtered result says so in German.
    await page.choose(outcome, 'Übersprungen');
    await page.click(byTestId(page.doc, 'audit-apply')!);
    await page.waitForText('Nichts entspricht diesen Filtern');
    expect(leftovers(page, 'audit', AUDIT_TAB)).toEqual([]);
  } finally {
    await page.close();
  }
});
