// Only administrators get the page: anyone else sees one "Admins only" message, no tabs and no data.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { ofType, textOf } from './support/forge-doc-query';
import { viewers, type Viewers } from './support/personas';

let app: AppHarness;
let people: Viewers;

beforeAll(() => {
  app = AppHarness.start();
  people = viewers(app);
});
afterAll(() => app.close());

it.each(['jira:adminPage', 'confluence:globalSettings'] as const)(
  'shows an ordinary member only the refusal on the %s page',
  async (module) => {
    const page = AdminPage.open(app, people.member, { module });
    try {
      await page.waitForText('Admins only');
      expect(page.text()).toContain('Only Jira or Confluence administrators can use this page.');
      // The backend's reason names the product whose administrators may use this page.
      expect(page.text()).toContain(
        `configured by ${module === 'jira:adminPage' ? 'Jira' : 'Confluence'} administrators`,
      );
      expect(ofType(page.doc, 'Tabs')).toHaveLength(0);
      expect(ofType(page.doc, 'DynamicTable')).toHaveLength(0);
      // The page asked who is calling and nothing else.
      expect(page.invocations.map((i) => i.key)).toEqual(['session.get']);
      expect(page.invocations[0]?.result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    } finally {
      await page.close();
    }
  },
);

it.each([
  ['site admin', 'siteAdmin', 'jira:adminPage'],
  ['Jira admin', 'jiraAdmin', 'jira:adminPage'],
  ['site admin', 'siteAdmin', 'confluence:globalSettings'],
] as const)('shows a %s (%s) the six tabs on the %s page', async (_who, viewer, module) => {
  const page = AdminPage.open(app, people[viewer], { module });
  try {
    const tabs = await page.waitFor((doc) => ofType(doc, 'Tab').length > 0 && ofType(doc, 'Tab'), 'the tabs');
    expect(tabs.map(textOf)).toEqual([
      'Overview',
      'Rules',
      'Inactivity',
      'Access reviews',
      'Audit',
      'Settings',
    ]);
    expect(page.text()).not.toContain('Admins only');
    expect(page.invocations[0]?.result).toEqual({
      ok: true,
      value: {
        accountId: people[viewer],
        product: module === 'jira:adminPage' ? 'jira' : 'confluence',
        role: viewer === 'siteAdmin' ? 'site-admin' : 'product-admin',
        orgSettingsReadOnly:
          viewer === 'siteAdmin' ? null : (expect.stringMatching(/site admins only/) as unknown),
        licence: { state: 'active', mayAct: true, trialEndDate: null },
      },
    });
  } finally {
    await page.close();
  }
});

it('refuses a Jira-only administrator on the Confluence page', async () => {
  const page = AdminPage.open(app, people.jiraAdmin, { module: 'confluence:globalSettings' });
  try {
    await page.waitForText('Admins only');
    expect(ofType(page.doc, 'Tabs')).toHaveLength(0);
    expect(page.invocations.map((i) => i.key)).toEqual(['session.get']);
    expect(page.invocations[0]?.result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  } finally {
    await page.close();
  }
});
