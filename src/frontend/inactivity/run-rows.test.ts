// The runs table's rows: a warning run never reads "0 done", a run being restored is not "completed", and a week
// of identical stops is one row that says how many runs it stands for.
import english from '../../locales/en-US.json';
import german from '../../locales/de-DE.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import type { InactivityRunView } from '../../shared/contract';
import { foldRepeatedStops, runOutcome, runStateShown } from './run-rows';

const en = createText(lookupIn(english), 'en-US', 'UTC');
const de = createText(lookupIn(german), 'de-DE', 'UTC');

const DAY = 86_400_000;

function run(over: Partial<InactivityRunView> = {}): InactivityRunView {
  return {
    id: 'r',
    mode: 'live',
    trigger: 'schedule',
    requestedBy: 'app',
    status: 'completed',
    startedAt: 10 * DAY,
    updatedAt: 10 * DAY,
    finishedAt: 10 * DAY,
    stopReason: null,
    policyVersion: 1,
    progress: { pages: 1, users: 62, activityCalls: 40, rateLimitedWaits: 0, updatedAt: 10 * DAY },
    licensedUsers: 40,
    report: null,
    brake: null,
    review: null,
    execution: null,
    restore: null,
    ...over,
  };
}

const report = (
  warn: number,
  affected: number,
  notTold?: number,
): NonNullable<InactivityRunView['report']> => ({
  users: 62,
  totals: {
    excluded: 0,
    'already-acted': 0,
    'no-access': 22,
    'unknown-activity': 0,
    active: 40 - warn - affected,
    warn,
    'still-in-grace': 0,
    'cancel-warning': 0,
    act: affected,
    blocked: 0,
  },
  products: [],
  plannedActions: { removeLicence: affected, suspend: 0, affectedUsers: affected },
  ...(notTold !== undefined ? { notTold } : {}),
});

it('says what a live run did, warnings and users left alone included', () => {
  const parts = runOutcome(
    run({ report: report(11, 0, 3), execution: { done: 0, dropped: 0, failed: 0 } }),
    en,
  ).map((p) => p.text);
  expect(parts).toEqual(['warned 11 users', 'left 3 users alone who were never told', 'acted on 0 users']);
  const acted = runOutcome(run({ report: report(0, 5), execution: { done: 3, dropped: 1, failed: 1 } }), en);
  // Every planned user is accounted for: done, not approved or failed.
  const executed = acted.filter((p) => ['acted', 'not-approved', 'failed'].includes(p.key));
  expect(executed.reduce((n, p) => n + p.count, 0)).toBe(5);
  expect(acted.map((p) => p.text)).toEqual([
    'warned 0 users',
    'acted on 3 users',
    '1 user not approved',
    '1 user failed',
  ]);
  expect(runOutcome(run({ mode: 'dry-run', report: report(2, 4) }), en).map((p) => p.text)).toEqual([
    'would warn 2 users',
    'would act on 4 users',
  ]);
});

it('says it in German, counts in German digits and plurals in German grammar', () => {
  const restore = { status: 'completed' as const, requestedBy: 'a', requestedAt: 1, finishedAt: 2 };
  const parts = runOutcome(
    run({
      report: report(1200, 0, 1),
      execution: { done: 1, dropped: 0, failed: 0 },
      restore: { ...restore, restoredUsers: 1, failedUsers: 2 },
    }),
    de,
  ).map((p) => p.text);
  expect(parts).toEqual([
    '1.200 Benutzer gewarnt',
    '1 nie benachrichtigten Benutzer unberührt gelassen',
    'bei 1 Benutzer gehandelt',
    '1 Benutzer wiederhergestellt, 2 Wiederherstellungen fehlgeschlagen',
  ]);
  expect(runOutcome(run({ mode: 'dry-run', report: report(2, 4) }), de).map((p) => p.text)).toEqual([
    'würde 2 Benutzer warnen',
    'würde bei 4 Benutzern handeln',
  ]);
});

it('shows a run as restoring until its restore is done', () => {
  const restore = { requestedBy: 'a', requestedAt: 1, finishedAt: null, restoredUsers: 2, failedUsers: 0 };
  expect(runStateShown(run({ restore: { ...restore, status: 'queued' } }))).toBe('restoring');
  expect(runStateShown(run({ restore: { ...restore, status: 'completed', finishedAt: 2 } }))).toBe(
    'completed',
  );
});

it('folds consecutive identical stops into one row and keeps everything else apart', () => {
  const stop = (day: number, reason = 'No org API key') =>
    run({ id: `s${day}`, status: 'stopped', stopReason: reason, startedAt: day * DAY });
  const rows = foldRepeatedStops([
    stop(9),
    stop(8),
    stop(7),
    run({ id: 'ok', startedAt: 6 * DAY }),
    stop(5),
    stop(4, 'other'),
  ]);
  expect(rows.map((r) => [r.run.id, r.repeats, r.firstStartedAt / DAY])).toEqual([
    ['s9', 3, 7],
    ['ok', 1, 6],
    ['s5', 1, 5],
    ['s4', 1, 4],
  ]);
});
