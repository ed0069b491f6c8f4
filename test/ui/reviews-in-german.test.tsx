// Access reviews for a German-speaking viewer: the admin's tab, form, campaign and report, and the reviewer page,
// say everything in German with German dates and numbers, and no English words of theirs are left over.
import { englishLeftovers } from './support/english-leftovers';
import { AdminPage } from './support/page-harness';
import { byTestId, findAll, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { openCampaign, startReviewEnv, type ReviewEnv } from '../integration/reviews/reviews-setup';

/** A German date with its time, e.g. `21. Dez. 2026, 14:05 UTC`. */
const GERMAN_WHEN = /\d{1,2}\. \p{L}+\.? \d{4}, \d{2}:\d{2} UTC/u;

let env: ReviewEnv | undefined;
afterEach(async () => {
  await env?.app.close();
  env = undefined;
});

function rowsOf(doc: ForgeDoc, testId: string): ForgeDoc[] {
  const table = byTestId(doc, testId);
  return table ? findAll(table, (n) => n.type === 'Row') : [];
}

/** Opens the Access reviews tab whichever language its label is in (the tabs are not this test's subject). */
async function openReviewsTab(page: AdminPage): Promise<void> {
  const tabs = await page.waitFor((doc) => ofType(doc, 'Tabs')[0], 'the tabs');
  const labels = tabs.children
    .filter((c) => c.type === 'TabList')
    .flatMap((list) => list.children.filter((c) => c.type === 'Tab').map(textOf));
  const index = labels.findIndex((l) => l === 'Access reviews' || l === 'Zugriffsprüfungen');
  if (index < 0) throw new Error(`no Access reviews tab (tabs: ${labels.join(', ')})`);
  await page.fire(tabs, 'onChange', index);
}

it('runs an access review in German: the form, the campaign, its progress, outcome and report', async () => {
  env = await startReviewEnv();
  const review = env;
  const page = AdminPage.open(review.app, review.app.credentials.siteAdmin.accountId, { locale: 'de-DE' });
  try {
    await openReviewsTab(page);
    await page.waitForText('Noch keine Zugriffsprüfungen');
    await page.click(byTestId(page.doc, 'campaign-new')!);
    const form = await page.waitForTestId('campaign-form');
    expect(textOf(form)).toContain('Neue Zugriffsprüfung');
    const scopes = (byTestId(form, 'campaign-scope')!.props.options as Array<{ label: string }>).map(
      (o) => o.label,
    );
    expect(scopes).toContain('Alle Mitglieder ausgewählter Gruppen');

    // The form's own problem, in German, beside its field.
    await page.type(byTestId(page.doc, 'campaign-name')!, 'Frühjahrsprüfung');
    await page.choose(byTestId(page.doc, 'campaign-scope')!, 'Alle Mitglieder ausgewählter Gruppen');
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForText('Wählen Sie mindestens eine Gruppe aus');
    // Only this area's part of the page: the tabs and the page's title are not its words.
    expect(englishLeftovers([byTestId(page.doc, 'campaign-form')!], ['reviews'])).toEqual([]);

    await page.choose(
      byTestId(page.doc, 'campaign-scope')!,
      'Von dieser App vergebener Zugriff (alle Regeln)',
    );
    await page.type(byTestId(page.doc, 'campaign-issue')!, 'ENG-1');
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForTestId('campaign-detail');
    await review.app.drain();

    await page.clickButton('Alle Zugriffsprüfungen');
    await page.waitForTestId('reviews-table');
    expect(textOf(byTestId(page.doc, 'reviews-table')!)).toMatch(GERMAN_WHEN);
    await page.clickButton('Frühjahrsprüfung');
    await page.waitFor((doc) => rowsOf(doc, 'campaign-progress').length === 2, 'two reviewers');
    const detail = textOf(byTestId(page.doc, 'campaign-detail')!);
    expect(detail).toMatch(new RegExp(`3 Einträge für 2 Prüfer; fällig am ${GERMAN_WHEN.source}`, 'u'));
    expect(detail).toMatch(new RegExp(`Start, ${GERMAN_WHEN.source}`, 'u'));

    // Closed early: the form's policy keeps what nobody decided, and the report says so in German.
    await page.click(byTestId(page.doc, 'campaign-close')!);
    await review.app.drain();
    await page.clickButton('Alle Zugriffsprüfungen');
    await page.clickButton('Frühjahrsprüfung');
    const outcome = await page.waitForTestId('campaign-outcome');
    expect(textOf(outcome)).toMatch(
      /^3 behalten, 0 entfernt, .*3 nicht entschieden \(gemäß der Richtlinie erledigt\)\.$/,
    );
    await page.waitFor((doc) => rowsOf(doc, 'campaign-report').length === 3, 'the report');
    const report = textOf(byTestId(page.doc, 'campaign-report')!);
    expect(report).toContain('Behalten: bis zum Ende nicht entschieden');
    expect(report).toContain('Gruppe „sales-team“');
    expect(englishLeftovers([byTestId(page.doc, 'campaign-detail')!], ['reviews'])).toEqual([]);
  } finally {
    await page.close();
  }
});

it('shows a reviewer their items in German and records a decision after a German confirmation', async () => {
  env = await startReviewEnv();
  const review = env;
  await openCampaign(review);
  const page = AdminPage.open(review.app, review.salesOwner, { module: 'jira:globalPage', locale: 'de-DE' });
  try {
    await page.waitForText('Q3 access review');
    await page.waitFor((doc) => rowsOf(doc, 'reviewer-table').length === 2, 'the two undecided items');
    const text = page.text();
    expect(text).toContain('Zugriffsprüfungen');
    expect(text).toMatch(new RegExp(`2 von 2 nicht entschieden; fällig am ${GERMAN_WHEN.source}`, 'u'));
    expect(text).toContain('Einträge, über die bis dahin niemand entscheidet, werden entfernt.');
    expect(text).toContain('Regel „Sales staff“: department = Sales');
    expect(text).toContain('Gruppe „sales-team“');

    // What the identity provider says now, in German.
    const [first, second] = rowsOf(page.doc, 'reviewer-table') as [ForgeDoc, ForgeDoc];
    await page.click(ofType(first, 'Button').find((b) => textOf(b) === 'Nachweise')!);
    const evidence = await page.waitFor((doc) => {
      const panel = byTestId(doc, 'reviewer-evidence');
      return panel && textOf(panel).includes('Regel trifft weiterhin zu: ja') ? panel : undefined;
    }, 'the live evidence');
    expect(textOf(evidence)).toMatch(new RegExp(`Gelesen am ${GERMAN_WHEN.source}`, 'u'));

    // Both chosen, removed after a confirmation that counts them in German and repeats the reason.
    await page.type(byTestId(page.doc, 'reviewer-reason')!, 'Hat das Vertriebsteam verlassen');
    await page.toggle(ofType(first, 'Checkbox')[0]!);
    await page.toggle(ofType(second, 'Checkbox')[0]!);
    expect(textOf(byTestId(page.doc, 'reviewer-remove-chosen')!)).toBe('2 ausgewählte Einträge entfernen');
    await page.click(byTestId(page.doc, 'reviewer-remove-chosen')!);
    await page.waitForText('2 Einträge entfernen?');
    expect(page.text()).toContain('Ihre Begründung für alle: „Hat das Vertriebsteam verlassen“');
    expect(englishLeftovers([page.doc], ['reviewer', 'reviews'])).toEqual([]);
    await page.click(byTestId(page.doc, 'reviewer-confirm')!);
    const done = await page.waitForTestId('reviewer-done');
    expect(textOf(done)).toBe('2 Einträge zum Entfernen vorgemerkt.');
    await page.waitForText(/0 von 2 nicht entschieden/);
    expect(englishLeftovers([page.doc], ['reviewer', 'reviews'])).toEqual([]);
  } finally {
    await page.close();
  }
});
