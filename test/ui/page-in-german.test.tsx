// The admin page in German: the manifest's translations reach the page through @forge/react's I18nProvider (the
// page fetches `__LOCALES__` as from Forge's CDN), the tabs, the Overview and the licence banner read in German,
// with German dates, and a locale the app does not translate falls back to English while formatting stays local.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { ofType, textOf } from './support/forge-doc-query';
import english from '../../src/locales/en-US.json';
import german from '../../src/locales/de-DE.json';

let app: AppHarness;
beforeAll(() => (app = AppHarness.start()));
afterAll(() => app.close());

async function overviewIn(locale: string, timeZone = 'Europe/Berlin') {
  const page = AdminPage.open(app, app.credentials.siteAdmin.accountId, { locale, timeZone });
  await page.waitFor((doc) => ofType(doc, 'Tab').length > 0, 'the tabs');
  await page.waitForLoaded('the overview');
  return page;
}

it('shows the tabs, the Overview and the evaluation banner in German, dates in German and in the viewer’s zone', async () => {
  app.platform.setLicense('evaluation');
  const page = await overviewIn('de-DE');
  try {
    const tabs = ofType(page.doc, 'Tab').map(textOf);
    expect(tabs).toEqual(Object.values(german.tabs));
    const text = page.text();
    expect(text).toContain(german.app.tagline);
    expect(text).toContain(german.health.heading);
    expect(text).toContain(german.health.table.lastSuccess);
    expect(text).toContain(german.common.licence.evaluationTitle);
    expect(text).toContain(german.overview.charts.heading);
    // "Stand: 7. Dez. 2026, 15:05 MEZ": a German month abbreviation with its dot, and Berlin's zone name.
    expect(text).toMatch(/Stand: \d{1,2}\. [A-Z][a-zä]{2,3}\.? \d{4}, \d{2}:\d{2} MEZ/);
    for (const leftover of [
      english.tabs.overview,
      english.tabs.settings,
      english.health.heading,
      english.health.table.lastSuccess,
      english.common.licence.evaluationTitle,
      english.overview.charts.heading,
      'As of',
    ])
      expect(text).not.toContain(leftover);
  } finally {
    await page.close();
    app.platform.setLicense('active');
  }
});

it('falls back to English for a locale the app does not translate, with that locale’s dates', async () => {
  const page = await overviewIn('fr-FR', 'Europe/Paris');
  try {
    expect(ofType(page.doc, 'Tab').map(textOf)).toEqual(Object.values(english.tabs));
    // English words, French date order: "As of 7 déc. 2026, 15:05 UTC+1".
    expect(page.text()).toMatch(/As of \d{1,2} [a-zéû]{3,4}\.? \d{4}/);
  } finally {
    await page.close();
  }
});
