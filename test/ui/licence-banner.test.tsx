// The licence above the tabs: nothing for a paid licence, the trial's end for an evaluation, and for an unlicensed
// site what is paused and where to buy or renew.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { ofType } from './support/forge-doc-query';
import type { LicenseState } from '../../emulator/platform';

let app: AppHarness;
beforeAll(() => (app = AppHarness.start()));
afterAll(() => app.close());

async function pageText(state: LicenseState): Promise<{ text: string; links: unknown[] }> {
  app.platform.setLicense(state);
  const page = AdminPage.open(app, app.credentials.siteAdmin.accountId);
  try {
    await page.waitFor((doc) => ofType(doc, 'Tab').length > 0, 'the tabs');
    return { text: page.text(), links: ofType(page.doc, 'Link').map((l) => l.props.href) };
  } finally {
    await page.close();
  }
}

it('shows no licence banner for an active paid licence', async () => {
  const { text, links } = await pageText('active');
  expect(text).not.toContain('not licensed');
  expect(text).not.toContain('evaluation');
  expect(links).toEqual([]);
});

it('shows when an evaluation ends, with the listing', async () => {
  const ends = new Date(app.clock.now() + 30 * 86_400_000);
  const { text, links } = await pageText('evaluation');
  expect(text).toContain('Your free evaluation ends on');
  expect(text).toContain(String(ends.getUTCFullYear()));
  expect(links).toEqual([expect.stringContaining('marketplace.atlassian.com')]);
});

it.each(['inactive', 'none'] as const)(
  'explains what is paused and offers the listing when the licence is %s',
  async (state) => {
    const { text, links } = await pageText(state);
    expect(text).toContain('JIT Access is not licensed for this site');
    expect(text).toContain('the app takes no actions');
    expect(links).toEqual([expect.stringContaining('marketplace.atlassian.com')]);
  },
);
