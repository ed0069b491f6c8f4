// The reviewer page against the real resolvers: a rule owner sees only their own items with the evidence, reads
// what the identity provider says now, decides one item with a reason and several after a confirmation; someone
// who reviews nothing sees an empty page.
import { AdminPage } from './support/page-harness';
import { byTestId, findAll, hasText, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { openCampaign, startReviewEnv, type ReviewEnv } from '../integration/reviews/reviews-setup';

let env: ReviewEnv;
afterAll(() => env.app.close());

function rowKeys(doc: ForgeDoc): string[] {
  const table = byTestId(doc, 'reviewer-table');
  return table ? findAll(table, (n) => n.type === 'Row').map((r) => String(r.props.rowKey)) : [];
}

function rowOf(doc: ForgeDoc, key: string): ForgeDoc {
  const row = findAll(byTestId(doc, 'reviewer-table')!, (n) => n.type === 'Row').find(
    (r) => r.props.rowKey === key,
  );
  if (!row) throw new Error(`no row ${key}`);
  return row;
}

function buttonIn(node: ForgeDoc, text: string): ForgeDoc {
  const button = ofType(node, 'Button').find((b) => textOf(b) === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

it('shows a rule owner only their items with the evidence, and records single and bulk decisions', async () => {
  env = await startReviewEnv();
  const campaign = await openCampaign(env);
  const items = await env.app.inApp(async () => {
    const { itemsOfCampaign } = await import('../../src/storage/review-item-repository');
    return (await itemsOfCampaign(campaign.id)).items;
  });
  const mine = items.filter((i) => i.reviewer === env.salesOwner);
  expect(mine).toHaveLength(2);

  const page = AdminPage.open(env.app, env.salesOwner, { module: 'jira:globalPage' });
  try {
    await page.waitForText('Q3 access review');
    await page.waitFor((doc) => rowKeys(doc).length === 2, 'the two undecided items');
    expect(rowKeys(page.doc).sort()).toEqual(mine.map((i) => i.id).sort());
    expect(page.text()).toMatch(/Rule "Sales staff": department = Sales/);
    expect(page.text()).not.toContain(env.eve);
    // Only the reviewer page's resolver was called, and only about the caller's own items.
    expect(new Set(page.invocations.map((i) => i.key))).toEqual(
      new Set(['reviewer.campaigns', 'reviewer.items']),
    );

    // Evidence from the identity provider, on demand.
    const [first, second] = mine.map((i) => i.id) as [string, string];
    await page.click(buttonIn(rowOf(page.doc, first), 'Evidence'));
    await page.waitFor(
      (doc) => hasText(byTestId(doc, 'reviewer-evidence') ?? doc, /Rule still matches: yes/),
      'the live evidence',
    );
    expect(textOf(byTestId(page.doc, 'reviewer-evidence')!)).toMatch(/department: Sales/);

    // Keep one with a reason.
    await page.type(byTestId(page.doc, 'reviewer-reason')!, 'Works on the Sales pipeline');
    await page.click(buttonIn(rowOf(page.doc, first), 'Keep'));
    await page.waitForTestId('reviewer-done');
    await page.waitFor((doc) => rowKeys(doc).join() === second, 'only the undecided item left');

    // Remove the rest in bulk, after a confirmation that says what happens.
    await page.type(byTestId(page.doc, 'reviewer-reason')!, 'Left the Sales team');
    await page.toggle(ofType(rowOf(page.doc, second), 'Checkbox')[0]!);
    await page.click(byTestId(page.doc, 'reviewer-remove-chosen')!);
    await page.waitForText('Remove 1 item?');
    expect(page.text()).toMatch(/lose this access when the review closes.*"Left the Sales team"/s);
    await page.click(byTestId(page.doc, 'reviewer-confirm')!);
    await page.waitFor((doc) => rowKeys(doc).length === 0, 'no undecided items left');
    await page.waitForText(/0 of 2 undecided/);

    const decided = page.invocations.filter((i) => i.key === 'reviewer.decide').map((i) => i.payload);
    expect(decided).toEqual([
      {
        campaignId: campaign.id,
        decisions: [{ itemId: first, decision: 'keep', reason: 'Works on the Sales pipeline' }],
      },
      {
        campaignId: campaign.id,
        decisions: [{ itemId: second, decision: 'remove', reason: 'Left the Sales team' }],
      },
    ]);
  } finally {
    await page.close();
  }

  // Someone who reviews nothing sees that, and nothing else.
  const outsider = AdminPage.open(env.app, env.outsider, { module: 'jira:globalPage' });
  try {
    await outsider.waitForText('You have no access reviews');
    expect(byTestId(outsider.doc, 'reviewer-table')).toBeUndefined();
  } finally {
    await outsider.close();
  }
});
