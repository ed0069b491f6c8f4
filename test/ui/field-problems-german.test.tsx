// Field problems the backend finds are shown to a German admin in German (worded from their keys), beside the
// fields, with no English field problem left over; English admins keep the backend's sentences (settings-tab test).
import { englishLeftovers } from './support/english-leftovers';
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, findAll, ofType, textOf, visibleText, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { startEnv, type InactivityEnv } from '../integration/inactivity/inactivity-env';
import de from '../../src/locales/de-DE.json';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function field(doc: ForgeDoc, testId: string): ForgeDoc {
  const node = byTestId(doc, testId);
  if (!node) throw new Error(`no field ${testId}`);
  return node;
}

/** The error messages shown right under a field (inside its column). */
function errorsUnder(doc: ForgeDoc, testId: string): string[] {
  const column = findAll(
    doc,
    (n) => n.type === 'Stack' && n.children.some((c) => c.props.testId === testId),
  )[0];
  return column ? ofType(column, 'ErrorMessage').map(textOf) : [];
}

it('shows invalid settings in German beside each field', async () => {
  const app = AppHarness.start();
  close = () => app.close();
  const { siteAdmin } = viewers(app);
  const page = AdminPage.open(app, siteAdmin, { locale: 'de-DE' });
  try {
    await page.openTab(de.tabs.settings);
    await page.waitForLoaded('the settings');
    await page.toggle(await page.waitForNode('Toggle', de.settings.sources.scim));
    await page.type(field(page.doc, 'audit-retention-days'), '3');
    const writePath = ofType(page.doc, 'RadioGroup').find((n) => n.props.name === 'group-write-path')!;
    await page.fire(writePath, 'onChange', { target: { value: 'org-admin-api' } });
    await page.click(field(page.doc, 'settings-save'));
    await page.waitForText(/Speichern der Einstellungen \(3 Probleme\)/);
    expect(errorsUnder(page.doc, 'org-id')).toEqual(['Für die Admin API wird die Organisations-ID benötigt']);
    expect(errorsUnder(page.doc, 'org-directory-id')).toEqual([
      'Die SCIM-Quelle benötigt die Verzeichnis-ID',
    ]);
    expect(errorsUnder(page.doc, 'audit-retention-days')).toEqual(['Bewahren Sie mindestens 7 Tage auf']);
    expect(englishLeftovers([page.doc], ['fields'])).toEqual([]);
  } finally {
    await page.close();
  }
});

it('shows an invalid inactivity policy in German beside its field', async () => {
  const env: InactivityEnv = await startEnv();
  close = () => env.app.close();
  const page = AdminPage.open(env.app, env.admin, { locale: 'de-DE' });
  try {
    await page.openTab(de.tabs.inactivity);
    await page.waitForTestId('inactivity-policy');
    await page.type(field(page.doc, 'notify-webhook'), 'https://evil.example/hook');
    await page.click(field(page.doc, 'inactivity-policy-save'));
    await page.waitFor(
      () => field(page.doc, 'notify-webhook').props.isInvalid === true,
      'the webhook refused',
    );
    const policy = byTestId(page.doc, 'inactivity-policy')!;
    expect(visibleText(policy)).toMatch(
      /notifications\.webhook\.url muss auf einem dieser Hosts liegen: .+\. Die App darf nur an Hosts senden, die ihr Manifest angibt\./,
    );
    expect(englishLeftovers([page.doc], ['fields'])).toEqual([]);
  } finally {
    await page.close();
  }
});
