// How the page writes times, counts and account ids: one place, so every tab reads the same.

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** `3 Mar 2025, 14:05 UTC`, or the fallback for "never". */
export function formatWhen(epochMs: number | null | undefined, never = 'never'): string {
  if (epochMs === null || epochMs === undefined) return never;
  return `${DATE_TIME.format(new Date(epochMs))} UTC`;
}

const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const SHORT_DAY_YEAR = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const SHORT_TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/**
 * A compact time for table cells that must stay on one line: `7 Dec 14:05` this year, `7 Dec 2025` before.
 * Tables show the full `formatWhen` in a tooltip.
 */
export function formatCompactWhen(epochMs: number | null | undefined, now: number, never = '—'): string {
  if (epochMs === null || epochMs === undefined) return never;
  const date = new Date(epochMs);
  if (date.getUTCFullYear() !== new Date(now).getUTCFullYear()) return SHORT_DAY_YEAR.format(date);
  return `${SHORT_DAY.format(date)} ${SHORT_TIME.format(date)}`;
}

/** A run named by when it started (`Run of 7 Dec 2026, 14:05 UTC`): admins never see run ids. */
export function runName(startedAt: number, mode: 'live' | 'dry-run'): string {
  return mode === 'dry-run' ? `Dry run of ${formatWhen(startedAt)}` : `Run of ${formatWhen(startedAt)}`;
}

export function formatIsoWhen(iso: string | null | undefined, never = 'never'): string {
  if (!iso) return never;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatWhen(ms, never);
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

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
