// Runs as admins know them: by when they started ("the run of 16 Dec 2026, 15:07 UTC"), never by id. Run ids
// begin with their start time (start-run.ts), so a message that only has the id can still name the run.
import { type Words, words } from '../domain/inactivity/words';

const WHEN = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** The start time a run id carries (`20261216T150749816Z-live`), or null for anything else. */
export function runStartOf(runId: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-(live|dry)$/.exec(runId);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms] = match;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  return Number.isNaN(at) ? null : at;
}

/** `the run of 16 Dec 2026, 15:07 UTC` (`the dry run of …`); an id that carries no time is described as such. */
export function runName(runId: string): string {
  const at = runStartOf(runId);
  if (at === null) return 'an earlier run';
  const kind = runId.endsWith('-dry') ? 'dry run' : 'run';
  return `the ${kind} of ${WHEN.format(new Date(at))} UTC`;
}

/** "in the run of 16 Dec 2026, 15:07 UTC" as words for the page: the start time in the reader's format. */
export function inRunWords(runId: string): Words {
  const at = runStartOf(runId);
  if (at === null) return words('inactivity.runName.inEarlier');
  return words(runId.endsWith('-dry') ? 'inactivity.runName.inDryRun' : 'inactivity.runName.inRun', {
    when: { when: at },
  });
}

/** The same, starting a sentence. */
export function RunName(runId: string): string {
  const name = runName(runId);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
