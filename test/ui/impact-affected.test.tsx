// "Show all N" of an impact preview on the page: every affected user by name (ids only in tooltips), paged, the
// count equal to the rows listed, the CSV to copy holding everyone, and the outdated notice once the rules change.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, byText, findAll, hasText, textOf, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { salesRule } from './support/sales-rule';
import type { Reply, RulesSaveView } from '../../src/shared/contract';

let app: AppHarness;
afterAll(() => app.close());

const SELLERS = 110;

function rowsOf(list: ForgeDoc): ForgeDoc[] {
  return findAll(list, (n) => n.type === 'Row');
}

it('shows all the users a preview would give a group, a page at a time, with a CSV of everyone and the outdated notice', async () => {
  app = AppHarness.start();
  const { siteAdmin } = viewers(app);
  const domain = app.credentials.verifiedDomains[0] ?? 'example.com';
  const sellers: string[] = [];
  for (let i = 0; i < SELLERS; i++) {
    const id = app.site.simulateInvite({
      email: `seller${i}@${domain}`,
      displayName: `Seller ${i}`,
    }).accountId;
    app.site.setGroupMembership(id, 'idp-sales', true);
    sellers.push(id);
  }
  const rule = salesRule(app);
  expect((await app.asSiteAdmin<Reply<RulesSaveView>>('rules.save', { rule })).ok).toBe(true);
  const page = AdminPage.open(app, siteAdmin);
  try {
    await page.openTab('Rules');
    await page.click(await page.waitForTestId('impact-start'));
    await app.drain({ scheduled: false });
    const showAll = await page.waitFor(
      (doc) => byText(byTestId(doc, 'impact-preview') ?? doc, 'Button', /^Show all \d+$/),
      'the "Show all" button',
    );
    const count = Number(/\d+/.exec(textOf(showAll))![0]);
    expect(count).toBeGreaterThanOrEqual(SELLERS);
    await page.click(showAll);

    const listed: string[] = [];
    const first = await page.waitFor((doc) => {
      const list = byTestId(doc, 'affected-users');
      return list && rowsOf(list).length > 0 && list;
    }, 'the first page of users');
    expect(textOf(first)).toContain(`All ${count} who would gain group "sales-team"`);
    const collect = (list: ForgeDoc) => {
      for (const tip of findAll(list, (n) => n.type === 'Tooltip')) {
        listed.push(String(tip.props.content).replace('Account id ', ''));
        // The name is what the row says; the account id only in its tooltip.
        expect(textOf(tip)).not.toContain(String(tip.props.content).replace('Account id ', ''));
      }
    };
    collect(first);
    expect(textOf(first)).toContain('Seller ');

    // The rules change while the admin pages through: the next page says the list is outdated.
    expect(
      (
        await app.asSiteAdmin<Reply<RulesSaveView>>('rules.save', {
          rule: { ...rule, description: 'Sellers' },
        })
      ).ok,
    ).toBe(true);
    await page.click(byTestId(page.doc, 'affected-next')!);
    const second = await page.waitFor((doc) => {
      const list = byTestId(doc, 'affected-users');
      return list && hasText(list, 'Page 2') && hasText(list, 'This list is outdated') && list;
    }, 'the second page, outdated');
    collect(second);
    expect(byTestId(second, 'affected-next')?.props.isDisabled).toBe(true);
    expect(listed).toHaveLength(count);
    expect(new Set(listed).size).toBe(count);
    for (const id of sellers) expect(listed).toContain(id);

    // The CSV to copy (the audit tab's component) holds everyone once, with ids.
    await page.click(byTestId(second, 'affected-export')!);
    const csv = await page.waitForTestId('affected-csv');
    const lines = String(csv.props.text).trim().split('\r\n');
    expect(lines[0]).toBe('Display name,Account id');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual([...listed].sort());
    expect(hasText(page.doc, 'cannot save a file to your computer')).toBe(true);
  } finally {
    await page.close();
  }
});
