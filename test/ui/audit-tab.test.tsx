// The Audit tab against the real resolvers: filters (outcome, action, user, time range), cursor pages forward
// and back, and the CSV export of exactly the filtered set.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, findAll, hasText, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import { appendAudit } from '../../src/storage/audit-repository';
import type { AuditEntry } from '../../src/shared/audit';
import { AUDIT_CSV_COLUMNS } from '../../src/shared/contract';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1, 12);

let app: AppHarness;
afterAll(() => app.close());

function entry(i: number, people: readonly string[]): AuditEntry {
  return {
    id: `ui-entry-${String(i).padStart(3, '0')}`,
    at: START + i * (DAY / 4),
    accountId: people[Math.floor(i / 2) % people.length]!,
    action: i % 2 ? 'group-added' : 'group-removed',
    target: 'group:g1',
    targetName: 'sales-team',
    ruleId: 'sales',
    reason: `entry ${i}`,
    outcome: i % 3 ? 'success' : 'failed',
    runId: 'run-1',
    actor: 'app',
  };
}

function rowsOf(doc: ForgeDoc): string[] {
  const table = byTestId(doc, 'audit-table');
  return table ? findAll(table, (n) => n.type === 'Row').map((r) => String(r.props.rowKey)) : [];
}

it('filters, pages and exports the audit log', async () => {
  app = AppHarness.start();
  const { siteAdmin, jiraAdmin } = viewers(app);
  const entries = Array.from({ length: 80 }, (_, i) => entry(i, [siteAdmin, jiraAdmin]));
  await app.inApp(async () => {
    for (const e of entries) await appendAudit(e);
  });
  const page = AdminPage.open(app, siteAdmin);
  try {
    await page.openTab('Audit');
    await page.waitFor((doc) => rowsOf(doc).length === 25, 'a first page of 25 entries');
    expect(rowsOf(page.doc)).toEqual(
      [...entries]
        .sort((a, b) => b.at - a.at)
        .slice(0, 25)
        .map((e) => e.id),
    );

    // Failed group removals by the Jira admin in the first ten days.
    await page.choose(byTestId(page.doc, 'audit-outcome')!, 'Failed');
    await page.choose(byTestId(page.doc, 'audit-action')!, 'Group removed');
    await page.pickUser(
      ofType(page.doc, 'UserPicker').find((n) => n.props.label === 'User')!,
      jiraAdmin,
    );
    await page.fire(byTestId(page.doc, 'audit-from')!, 'onChange', '2026-03-01');
    await page.fire(byTestId(page.doc, 'audit-to')!, 'onChange', '2026-03-10');
    await page.click(byTestId(page.doc, 'audit-apply')!);
    const expected = entries
      .filter(
        (e) =>
          e.outcome === 'failed' &&
          e.action === 'group-removed' &&
          e.accountId === jiraAdmin &&
          e.at <= Date.UTC(2026, 2, 10, 23, 59, 59, 999),
      )
      .sort((a, b) => b.at - a.at)
      .map((e) => e.id);
    expect(expected.length).toBeGreaterThan(1);
    await page.waitFor(
      (doc) => rowsOf(doc).join() === expected.join() && rowsOf(doc),
      'the filtered entries',
    );
    const query = page.invocations.filter((i) => i.key === 'audit.query').at(-1)?.payload;
    expect(query).toEqual({
      from: START - 12 * 3_600_000,
      to: Date.UTC(2026, 2, 10, 23, 59, 59, 999),
      accountId: jiraAdmin,
      action: 'group-removed',
      outcome: 'failed',
      limit: 25,
    });

    // The CSV holds the header and exactly the filtered rows.
    await page.click(byTestId(page.doc, 'audit-export')!);
    const csv = await page.waitForTestId('audit-csv');
    const lines = String(csv.props.text).trimEnd().split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected);
    expect(hasText(page.doc, `${expected.length} rows`)).toBe(true);

    // Clearing the filters pages through everything, forward and back.
    await page.click(await page.waitForNode('Button', 'Clear'));
    await page.waitFor((doc) => rowsOf(doc).length === 25, 'the unfiltered first page');
    const first = rowsOf(page.doc);
    await page.click(byTestId(page.doc, 'audit-next')!);
    await page.waitFor((doc) => rowsOf(doc)[0] !== first[0] && rowsOf(doc).length === 25, 'page 2');
    expect(textOf(page.doc)).toContain('Page 2');
    const second = rowsOf(page.doc);
    expect(second.some((id) => first.includes(id))).toBe(false);
    await page.click(await page.waitForNode('Button', 'Previous page'));
    await page.waitFor((doc) => rowsOf(doc).join() === first.join(), 'page 1 again');
  } finally {
    await page.close();
  }
});

it('says the log is empty rather than filtered, dates entries compactly, and names who acted', async () => {
  const fresh = AppHarness.start();
  const { siteAdmin, jiraAdmin } = viewers(fresh);
  const page = AdminPage.open(fresh, siteAdmin);
  try {
    await page.openTab('Audit');
    await page.waitFor((doc) => hasText(doc, 'Nothing recorded yet'), 'the empty-log state');
    expect(hasText(page.doc, 'Nothing matches these filters')).toBe(false);

    await fresh.inApp(async () => {
      await appendAudit({ ...entry(1, [jiraAdmin]), actor: siteAdmin, action: 'settings-changed' });
      await appendAudit({ ...entry(2, [jiraAdmin]), id: 'ui-entry-auto', ruleId: '' });
    });
    await page.openTab('Overview');
    await page.openTab('Audit');
    await page.waitFor((doc) => rowsOf(doc).length === 2, 'the two entries');
    const table = byTestId(page.doc, 'audit-table')!;
    // A person is shown as a User; a group removal no person or rule made is the app's provisioning.
    expect(ofType(table, 'User').map((u) => u.props.accountId)).toContain(siteAdmin);
    expect(textOf(table)).toContain('The app (provisioning)');
    // A compact date per cell (`Mar 1, 06:00 PM` this year, `Mar 1, 2026` before), the full one in its tooltip.
    const compact = new Date().getUTCFullYear() === 2026 ? 'Mar 1, 06:00 PM' : 'Mar 1, 2026';
    expect(ofType(table, 'Text').map(textOf)).toContain(compact);
    expect(ofType(table, 'Tooltip').some((t) => t.props.content === 'Mar 1, 2026, 06:00 PM UTC')).toBe(true);
    expect(textOf(table)).toContain('Settings changed');

    await page.choose(byTestId(page.doc, 'audit-outcome')!, 'Skipped');
    await page.click(byTestId(page.doc, 'audit-apply')!);
    await page.waitFor((doc) => hasText(doc, 'Nothing matches these filters'), 'the filtered-empty state');
  } finally {
    await page.close();
    await fresh.close();
  }
});
