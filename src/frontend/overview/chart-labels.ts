// Shorter x labels for the weekly charts: "16 Nov" (or "Nov 16", "16. Nov.") reads better than "2026-11-16".

/** `YYYY-MM-DD` → the day and short month in the viewer's locale; anything else is kept as it is. */
export function weekLabel(day: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const date = new Date(at);
  // 2026-13-05 is not a day: Date.UTC would roll it over into the next year.
  if (date.getUTCMonth() !== Number(match[2]) - 1) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

export function withWeekLabels<T extends { x: string }>(rows: readonly T[], locale: string): T[] {
  return rows.map((r) => ({ ...r, x: weekLabel(r.x, locale) }));
}
