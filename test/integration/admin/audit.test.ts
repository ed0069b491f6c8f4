// The Audit tab's backend: filters (time, user, rule, action, outcome) with cursor pages, and the filtered set as
// CSV chunks the page joins: RFC 4180 quoting and spreadsheet formulas defused.
import type { AuditEntry } from '../../../src/shared/audit';
import { AUDIT_CSV_COLUMNS } from '../../../src/shared/contract';
import { appendAudit } from '../../../src/storage/audit-repository';
import type { AppHarness } from '../../support/app-harness';
import { asAdmin, startApp } from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

const MINUTE = 60_000;

function entry(i: number, at: number): AuditEntry {
  return {
    id: `entry-${String(i).padStart(4, '0')}`,
    at,
    accountId: i % 2 ? 'user-odd' : 'user-even',
    action: i % 3 ? 'group-added' : 'group-removed',
    target: `group:g${i % 4}`,
    targetName: i === 7 ? '=HYPERLINK("http://evil.example","click")' : `team, "${i % 4}"`,
    ruleId: i % 5 ? 'rule-a' : 'rule-b',
    reason: i === 11 ? "+cmd|' /C calc'!A0" : i === 13 ? 'line one\nline two' : `entry ${i}`,
    outcome: i % 7 ? 'success' : 'failed',
    runId: `run-${i % 2}`,
    actor: i === 17 ? '@admin' : 'app',
  };
}

/** A minimal RFC 4180 reader: quoted fields with doubled quotes and embedded line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('the audit tab', () => {
  let start: number;
  beforeEach(async () => {
    app = startApp({ seed: 'empty' });
    start = app.clock.now();
    await app.inApp(async () => {
      for (let i = 0; i < 120; i++) await appendAudit(entry(i, start + i * MINUTE));
    });
  });

  it('filters by time, user, rule, action and outcome, paging with cursors without gaps or repeats', async () => {
    const filters = {
      accountId: 'user-odd',
      ruleId: 'rule-a',
      action: 'group-added' as const,
      outcome: 'success' as const,
      from: start + 10 * MINUTE,
      to: start + 100 * MINUTE,
    };
    const want = Array.from({ length: 120 }, (_, i) => entry(i, start + i * MINUTE))
      .filter(
        (e) =>
          e.accountId === filters.accountId &&
          e.ruleId === filters.ruleId &&
          e.action === filters.action &&
          e.outcome === filters.outcome &&
          e.at >= filters.from &&
          e.at <= filters.to,
      )
      .map((e) => e.id)
      .reverse();
    expect(want.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await asAdmin(app, 'audit.query', { ...filters, limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(want);
    expect(pages).toBeGreaterThan(1);

    const failed = await asAdmin(app, 'audit.query', { outcome: 'failed', limit: 100 });
    expect(failed.entries.map((e) => e.id)).toEqual(
      Array.from({ length: 120 }, (_, i) => i)
        .filter((i) => i % 7 === 0)
        .reverse()
        .map((i) => `entry-${String(i).padStart(4, '0')}`),
    );
  });

  it('exports the filtered set as CSV in chunks: quoted, formulas defused, every row once', async () => {
    let csv = '';
    let cursor: string | undefined;
    let chunks = 0;
    do {
      const chunk = await asAdmin(app, 'audit.exportCsv', { ...(cursor ? { cursor } : {}) });
      csv += chunk.csv;
      cursor = chunk.cursor;
      chunks++;
    } while (cursor && chunks < 20);
    expect(chunks).toBe(1);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(121);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const col = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    expect(byId.get('entry-0007')![col('targetName')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byId.get('entry-0011')![col('reason')]).toBe(`'+cmd|' /C calc'!A0`);
    expect(byId.get('entry-0013')![col('reason')]).toBe('line one\nline two');
    expect(byId.get('entry-0017')![col('actor')]).toBe(`'@admin`);
    expect(byId.get('entry-0002')![col('targetName')]).toBe('team, "2"');
    expect(byId.get('entry-0000')![col('at')]).toBe(new Date(start).toISOString());
    // The raw text: the formula cell is quoted (it holds quotes) and starts with the apostrophe inside.
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
  });

  it('exports only the filtered set, across chunks, joined by the page', async () => {
    // Seeded in slices a minute apart: Forge's storage quota (and the emulator's) caps writes per minute.
    for (let from = 120; from < 1300; from += 400) {
      app.clock.advance(MINUTE);
      await app.inApp(async () => {
        for (let i = from; i < Math.min(from + 400, 1300); i++)
          await appendAudit(entry(i, start + i * MINUTE));
      });
    }
    let csv = '';
    let cursor: string | undefined;
    let chunks = 0;
    do {
      const chunk = await asAdmin(app, 'audit.exportCsv', { runId: 'run-1', ...(cursor ? { cursor } : {}) });
      expect(chunk.rows).toBeLessThanOrEqual(500);
      expect(chunk.csv.startsWith('id,at,')).toBe(chunks === 0);
      csv += chunk.csv;
      cursor = chunk.cursor;
      chunks++;
    } while (cursor && chunks < 20);
    expect(chunks).toBeGreaterThan(1);
    const rows = parseCsv(csv).slice(1);
    expect(rows).toHaveLength(650);
    expect(new Set(rows.map((r) => r[0])).size).toBe(650);
    expect(rows.every((r) => r[AUDIT_CSV_COLUMNS.indexOf('runId')] === 'run-1')).toBe(true);
  });
});
