// Shorter x labels for the weekly charts: "16 Nov" reads better under a bar than "2026-11-16".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `YYYY-MM-DD` → `16 Nov`; anything else is kept as it is. */
export function weekLabel(day: string): string {
  const match = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? MONTHS[Number(match[1]) - 1] : undefined;
  return match && month ? `${Number(match[2])} ${month}` : day;
}

export function withWeekLabels<T extends { x: string }>(rows: readonly T[]): T[] {
  return rows.map((r) => ({ ...r, x: weekLabel(r.x) }));
}
