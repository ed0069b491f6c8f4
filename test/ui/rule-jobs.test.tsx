// Impact preview and backfill from the Rules tab: started from the page, progress polled to the end, who would
// gain each group (with samples), and a backfill cancelled midway.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, findAll, hasText, ofType, textOf } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { salesRule } from './support/sales-rule';
import type { Reply, RulesSaveView } from '../../src/shared/contract';

let app: AppHarness;
afterAll(() => app.close());

it('previews a rule set’s impact with progress and samples, then starts and cancels a backfill', async () => {
  app = AppHarness.start();
  const { siteAdmin } = viewers(app);
  const saved = await app.asSiteAdmin<Reply<RulesSaveView>>('rules.save', { rule: salesRule(app) });
  expect(saved.ok).toBe(true);
  const page = AdminPage.open(app, siteAdmin);
  try {
    await page.openTab('Rules');
    await page.click(await page.waitForTestId('impact-start'));
    await page.waitFor((doc) => ofType(doc, 'ProgressBar').length > 0, 'the preview progress bar');
    await app.drain({ scheduled: false });
    const preview = await page.waitFor((doc) => {
      const node = byTestId(doc, 'impact-preview');
      return node && hasText(node, 'Users who would gain') && node;
    }, 'the finished preview');
    const bar = ofType(preview, 'ProgressBar')[0]!;
    expect(bar.props.value).toBe(1);
    const gains = findAll(
      preview,
      (n) => n.type === 'DynamicTable' && n.props.caption === 'Users who would gain',
    )[0]!;
    const row = findAll(gains, (n) => n.type === 'Row')[0]!;
    expect(textOf(row)).toContain('sales-team');
    const count = Number(textOf(findAll(row, (n) => n.type === 'Cell')[1]!));
    expect(count).toBeGreaterThan(0);
    const samples = findAll(row, (n) => n.type === 'User').map((n) => String(n.props.accountId));
    expect(samples.length).toBeGreaterThan(0);
    for (const id of samples) expect(app.groupNamesOf(id)).not.toContain('sales-team');

    // A backfill, cancelled before its pages run: nobody is changed.
    await page.click(byTestId(page.doc, 'backfill-start')!);
    // Nothing starts before the admin confirms, and the confirmation quotes the preview's numbers.
    const confirm = await page.waitForTestId('backfill-confirm');
    expect(textOf(confirm)).toMatch(
      /The latest preview \(.+\) planned \d+ grants? to give and 0 grants to take away/,
    );
    expect(page.invocations.filter((i) => i.key === 'jobs.startBackfill')).toHaveLength(0);
    await page.click(byTestId(confirm, 'backfill-confirm-confirm')!);
    const cancel = await page.waitForTestId('backfill-cancel');
    await page.click(cancel);
    await page.waitFor(
      (doc) => hasText(byTestId(doc, 'backfill-panel')!, 'cancelled'),
      'the cancelled backfill',
    );
    await app.drain({ scheduled: false });
    for (const id of samples) expect(app.groupNamesOf(id)).not.toContain('sales-team');
    expect(byTestId(page.doc, 'backfill-cancel')).toBeUndefined();

    // Leaving the tab and coming back shows the latest preview and backfill again.
    await page.openTab('Audit');
    await page.openTab('Rules');
    await page.waitFor(
      (doc) =>
        hasText(byTestId(doc, 'impact-preview') ?? doc, 'Users who would gain') &&
        hasText(byTestId(doc, 'backfill-panel') ?? doc, 'cancelled'),
      'the latest preview and backfill',
    );
  } finally {
    await page.close();
  }
});
