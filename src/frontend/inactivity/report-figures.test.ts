// The dry-run report's figures add up: each product's outcome columns sum to the users it checked (every user
// checked), the totals row is the products' sum and equals the report's own totals, and hidden columns are empty.
import english from '../../locales/en-US.json';
import german from '../../locales/de-DE.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import { decideForUser, summarizeDecisions } from '../../domain/inactivity';
import {
  CONFLUENCE,
  JIRA,
  day,
  heldProduct,
  testPolicy,
  userAt,
} from '../../domain/inactivity/test-builders';
import { OUTCOME_COLUMNS, reportFigures } from './report-figures';

const en = createText(lookupIn(english), 'en-US', 'UTC');
const de = createText(lookupIn(german), 'de-DE', 'UTC');

function dryRunSummary() {
  const now = day(120);
  const policy = testPolicy({
    confluence: { warnDaysBefore: 0 },
    exclusions: { accountIds: ['excluded'] },
  });
  const held = (lastActive: number | null, group: string) =>
    heldProduct({ lastActiveAt: lastActive === null ? null : day(lastActive), licenceGroupIds: [group] });
  const users = [
    userAt(now, {
      accountId: 'active',
      products: { [JIRA]: held(119, 'g-jira'), [CONFLUENCE]: held(110, 'g-conf') },
    }),
    userAt(now, {
      accountId: 'idle',
      products: { [JIRA]: held(1, 'g-jira'), [CONFLUENCE]: held(1, 'g-conf') },
    }),
    userAt(now, { accountId: 'jira-only', products: { [JIRA]: held(20, 'g-jira') } }),
    userAt(now, { accountId: 'nothing', products: {} }),
    userAt(now, { accountId: 'excluded', products: { [JIRA]: held(1, 'g-jira') } }),
    userAt(now, { accountId: 'never', products: { [CONFLUENCE]: held(null, 'g-conf') } }),
  ];
  const { brake: _brake, ...summary } = summarizeDecisions(
    users.map((u) => decideForUser(u, policy, now)),
    { policy },
  );
  return summary;
}

it('adds up: product rows to users checked, the totals row to the report totals', () => {
  const summary = dryRunSummary();
  const figures = reportFigures(summary, en);

  expect(figures.products.map((p) => p.name).sort()).toEqual(['Confluence', 'Jira']);
  for (const product of figures.products) {
    const columns = OUTCOME_COLUMNS.reduce((n, [key]) => n + product.byOutcome[key], 0);
    expect(columns).toBe(product.checked);
    // Every user is decided once per enabled product, with or without it.
    expect(product.checked).toBe(summary.users);
    expect(product.holding).toBeLessThanOrEqual(product.checked - product.byOutcome['no-access']);
  }
  expect(figures.totals.byOutcome).toEqual(summary.totals);
  expect(figures.totals.checked).toBe(figures.products.reduce((n, p) => n + p.checked, 0));
  expect(figures.totals.seatsFreed).toBe(summary.products.reduce((n, p) => n + p.seatsFreed, 0));
  // The columns shown hold every user: hiding the empty ones loses nobody.
  const shown = figures.columns.reduce((n, [key]) => n + figures.totals.byOutcome[key], 0);
  expect(shown).toBe(figures.totals.checked);
  expect(figures.columns.map(([key]) => key)).toContain('no-access');
});

it('labels the columns and the totals row in the language of the reader', () => {
  const summary = dryRunSummary();
  const english = reportFigures(summary, en);
  const german = reportFigures(summary, de);
  expect(english.totals.name).toBe('All products');
  expect(german.totals.name).toBe('Alle Produkte');
  // The same columns, in the same order, only their labels differ.
  expect(german.columns.map(([key]) => key)).toEqual(english.columns.map(([key]) => key));
  const label = (figures: typeof german, key: string) => figures.columns.find(([k]) => k === key)?.[1];
  expect(label(english, 'no-access')).toBe('No access');
  expect(label(german, 'no-access')).toBe('Kein Zugriff');
  expect(label(german, 'excluded')).toBe('Ausgeschlossen');
});
