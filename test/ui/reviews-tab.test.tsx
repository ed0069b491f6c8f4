// The Access reviews tab against the real resolvers: a site admin starts a campaign from the form, follows
// progress per reviewer, reassigns a reviewer's undecided items, closes it early and exports the report; a Jira
// administrator who is not a site admin is told the tab is for site admins.
import { AdminPage } from './support/page-harness';
import { byTestId, findAll, hasText, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { startReviewEnv, type ReviewEnv } from '../integration/reviews/reviews-setup';
import { REVIEW_CSV_COLUMNS } from '../../src/shared/contract';

let env: ReviewEnv;
afterAll(() => env.app.close());

function progressRows(doc: ForgeDoc): string[] {
  const table = byTestId(doc, 'campaign-progress');
  return table ? findAll(table, (n) => n.type === 'Row').map((r) => String(r.props.rowKey)) : [];
}

it('starts a campaign, shows progress per reviewer, reassigns, closes early and exports the report', async () => {
  env = await startReviewEnv();
  const admin = env.app.credentials.siteAdmin.accountId;
  const page = AdminPage.open(env.app, admin);
  try {
    await page.openTab('Access reviews');
    await page.waitForText('No access reviews yet');
    await page.click(byTestId(page.doc, 'campaign-new')!);
    await page.waitForTestId('campaign-form');

    // A remind interval longer than the campaign is refused beside its field; nothing starts.
    await page.type(byTestId(page.doc, 'campaign-name')!, 'Spring certification');
    await page.type(byTestId(page.doc, 'campaign-duration')!, '3');
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForText(/Reminders every 5 days would never be sent in a campaign of 3 days/);

    await page.type(byTestId(page.doc, 'campaign-duration')!, '14');
    await page.type(byTestId(page.doc, 'campaign-issue')!, 'ENG-1');
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForTestId('campaign-detail');
    await env.app.drain();

    // Progress per reviewer (the page reloads it when asked: go back and open the campaign again).
    await page.clickButton('All access reviews');
    await page.waitForTestId('reviews-table');
    await page.clickButton('Spring certification');
    await page.waitFor((doc) => progressRows(doc).length === 2, 'two reviewers in the progress table');
    expect(progressRows(page.doc).sort()).toEqual([env.salesOwner, env.engineeringOwner].sort());
    expect(page.text()).toMatch(/3 items for 2 reviewers/);
    expect(page.text()).toMatch(/start, .* UTC/);

    // Reassign the engineering owner's item to the outsider.
    const row = findAll(byTestId(page.doc, 'campaign-progress')!, (n) => n.type === 'Row').find(
      (r) => r.props.rowKey === env.engineeringOwner,
    )!;
    await page.pickUser(ofType(row, 'UserPicker')[0]!, env.outsider);
    await page.click(byTestId(page.doc, `reassign-${env.engineeringOwner}`)!);
    await page.waitForText(/1 undecided item moves in the background/);
    await env.app.drain();
    await page.clickButton('All access reviews');
    await page.clickButton('Spring certification');
    await page.waitFor((doc) => progressRows(doc).includes(env.outsider), 'the new reviewer in the table');

    // Close early: undecided items are kept by this campaign's policy.
    await page.click(byTestId(page.doc, 'campaign-close')!);
    await env.app.drain();
    await page.clickButton('All access reviews');
    await page.clickButton('Spring certification');
    await page.waitForTestId('campaign-outcome');
    expect(textOf(byTestId(page.doc, 'campaign-outcome')!)).toMatch(/^3 kept, 0 removed.*3 not decided/);
    await page.waitFor(
      (doc) => hasText(byTestId(doc, 'campaign-report') ?? doc, /Kept: not decided by the end/),
      'the report',
    );

    await page.click(byTestId(page.doc, 'campaign-export')!);
    const csv = await page.waitForTestId('campaign-csv');
    const lines = String(csv.props.text).trimEnd().split('\r\n');
    expect(lines[0]).toBe(REVIEW_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
  } finally {
    await page.close();
  }

  const jiraAdmin = AdminPage.open(env.app, env.app.credentials.jiraAdmin.accountId);
  try {
    await jiraAdmin.openTab('Access reviews');
    await jiraAdmin.waitForText('Site admins only');
    expect(jiraAdmin.text()).toMatch(/Only a site admin can run access reviews/);
    expect(byTestId(jiraAdmin.doc, 'campaign-new')).toBeUndefined();
  } finally {
    await jiraAdmin.close();
  }
});
