// Values the page shows as they are (lists, empty cells) and the DatePicker's days; dates and counts in the viewer's
// words come from useText() (src/shared/i18n/text.ts).

/** `YYYY-MM-DD` (the DatePicker's value) as the first or last millisecond of that UTC day. */
export function dayToEpoch(day: string, edge: 'start' | 'end'): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start)) return undefined;
  return edge === 'start' ? start : start + 86_400_000 - 1;
}

/** Any value as short text for tables (lists joined, null as an em dash). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(v)).join(', ') : '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '—';
}
