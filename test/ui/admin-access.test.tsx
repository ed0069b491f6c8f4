// Only administrators get the page: anyone else sees one "Admins only" message, no tabs and no data.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { ofType } from './support/forge-doc-query';
import { viewers, type Viewers } from './support/personas';

let app: AppHarness;
let people: Viewers;

beforeAll(() => {
  app = AppHarness.start();
  people = viewers(app);
});
afterAll(() => app.close());

describe.each(['jira:adminPage', 'confluence:globalSettings'] as const)('the %s page', (module) => {
  it('shows an ordinary member only the refusal', async () => {
    const page = AdminPage.open(app, people.member, { module });
    try {
      await page.waitForText('Admins only');
      expect(page.text()).toContain('Only Jira or Confluence administrators can use this page.');
      expect(ofType(page.doc, 'Tabs')).toHaveLength(0);
      expect(ofType(page.doc, 'DynamicTable')).toHaveLength(0);
      // The page asked who is calling and nothing else.
      expect(page.invocations.map((i) => i.key)).toEqual(['session.get']);
      expect(page.invocations[0]?.result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    } finally {
      await page.close();
    }
  });

  it('shows an administrator the five tabs', async () => {
    const page = AdminPage.open(app, people.siteAdmin, { module });
    try {
      const tabs = await page.waitFor(
        (doc) => ofType(doc, 'Tab').length > 0 && ofType(doc, 'Tab'),
        'the tabs',
      );
      expect(tabs.map((t) => t.children.map((c) => c.props.text).join(''))).toEqual([
        'Overview',
        'Rules',
        'Inactivity',
        'Audit',
        'Settings',
      ]);
      expect(page.text()).not.toContain('Admins only');
    } finally {
      await page.close();
    }
  });
});
