// Campaign time: when it is due, which reminder round is due, and when a repeated campaign starts next.
import type { CampaignSchedule } from './campaign';

export const DAY_MS = 86_400_000;

export function dueAtOf(openedAt: number, durationDays: number): number {
  return openedAt + durationDays * DAY_MS;
}

/**
 * How many reminder rounds are due by `now`: round n falls n × every days after opening, and never at or after the
 * due time (the end notice says the rest). 0 when none yet, or reminders are off.
 */
export function reminderRoundsDue(now: number, openedAt: number, dueAt: number, everyDays: number): number {
  if (everyDays <= 0 || now <= openedAt) return 0;
  const interval = everyDays * DAY_MS;
  const lastBeforeDue = Math.floor((dueAt - 1 - openedAt) / interval);
  return Math.max(0, Math.min(Math.floor((now - openedAt) / interval), lastBeforeDue));
}

/** When the next campaign of a series starts, or null for a one-off. */
export function nextStartAt(startedAt: number, schedule: CampaignSchedule): number | null {
  return schedule.kind === 'every' ? startedAt + schedule.days * DAY_MS : null;
}

/** A closed campaign's report is kept this long, then purged (the audit log's retention). */
export function purgeAtOf(closedAt: number, retentionDays: number): number {
  return closedAt + retentionDays * DAY_MS;
}
