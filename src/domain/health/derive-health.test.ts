// Health from facts: a fresh install is never green, each part's freshness rule, and the headline is the worst.
import english from '../../locales/en-US.json';
import { healthMessageText } from '../../shared/health-text';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import {
  BACKSTOP_STALE_MS,
  DAILY_STALE_MS,
  deriveHealth as deriveFacts,
  type HealthFacts,
  type InactivityRunFacts,
} from './derive-health';
import { NO_RECORD, type HealthPart, type HealthPartId, type PartRecord } from './health-model';

const inEnglish = createText(lookupIn(english), 'en-US', 'UTC');
const worded = (p: HealthPart) => ({ ...p, message: healthMessageText(inEnglish, p.message) });

/** The summary with each part's message as the English page words it. */
function deriveHealth(facts: HealthFacts) {
  const summary = deriveFacts(facts);
  return { ...summary, parts: summary.parts.map(worded), attention: summary.attention.map(worded) };
}

// 2027-01-07 12:00 UTC.
const NOW = 1_799_323_200_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ok = (at: number, message = 'fine'): PartRecord => ({ lastOk: { at, message }, lastFailure: null });

/** A site where everything has run recently and succeeded. */
function healthy(): HealthFacts {
  return {
    now: NOW,
    settingsProblem: null,
    writePath: {
      mode: 'org-admin-api',
      missing: [],
      record: ok(NOW - HOUR, 'Writing through the Admin API'),
    },
    email: { enabled: true },
    scim: { enabled: true, missing: [], record: ok(NOW - DAY, 'SCIM profile read') },
    orgDirectory: { enabled: false, missing: [], record: NO_RECORD },
    pushed: { enabled: true, missing: [], record: ok(NOW - 2 * DAY, 'Push applied') },
    provisioning: { enabled: true, failedUsers: 0 },
    backstop: ok(NOW - 5 * 60_000),
    dailyPass: ok(NOW - 3 * HOUR),
    privileged: { snapshot: ok(NOW - 10 * 60_000), refusals: NO_RECORD },
    grantHistory: null,
    inactivity: {
      policy: 'on',
      policySavedAt: NOW - 30 * DAY,
      latestRun: run({ status: 'completed', startedAt: NOW - 5 * HOUR, finishedAt: NOW - 4 * HOUR }),
      lastCompletedAt: NOW - 4 * HOUR,
      lastFailure: null,
    },
  };
}

function run(overrides: Partial<InactivityRunFacts> = {}): InactivityRunFacts {
  return {
    status: 'completed',
    startedAt: NOW - HOUR,
    finishedAt: NOW - HOUR / 2,
    updatedAt: NOW - HOUR / 2,
    stopReason: null,
    failedActions: 0,
    undeliveredWarnings: 0,
    ...overrides,
  };
}

function stateOf(facts: HealthFacts, id: HealthPartId) {
  const found = deriveHealth(facts).parts.find((p) => p.id === id);
  if (!found) throw new Error(`no part ${id}`);
  return found;
}

it('is working only when every part is working or off', () => {
  const summary = deriveHealth(healthy());
  expect(summary.headline).toBe('working');
  expect(summary.attention).toEqual([]);
  expect(summary.parts.every((p) => p.state === 'working' || p.state === 'off')).toBe(true);
});

it('is never green on a fresh install: no write path chosen, nothing has run', () => {
  const summary = deriveHealth({
    ...healthy(),
    writePath: { mode: 'app-account', missing: [], record: NO_RECORD },
    scim: { enabled: false, missing: [], record: NO_RECORD },
    pushed: { enabled: true, missing: ['health.missing.pushSecret'], record: NO_RECORD },
    backstop: NO_RECORD,
    dailyPass: NO_RECORD,
    privileged: { snapshot: NO_RECORD, refusals: NO_RECORD },
    inactivity: {
      policy: 'none',
      policySavedAt: null,
      latestRun: null,
      lastCompletedAt: null,
      lastFailure: null,
    },
  });
  expect(summary.headline).toBe('not-configured');
  const byId = new Map(summary.parts.map((p) => [p.id, p]));
  expect(byId.get('write-path')).toMatchObject({
    state: 'not-configured',
    action: { tab: 'settings', label: 'health.actions.openSettings' },
  });
  expect(byId.get('source:pushed')?.state).toBe('not-configured');
  expect(byId.get('backstop')?.state).toBe('never-run');
  expect(byId.get('daily-pass')?.state).toBe('never-run');
  expect(byId.get('inactivity')?.state).toBe('off');
  expect(summary.attention.map((p) => p.id)).toEqual(['write-path', 'source:pushed']);
});

it('is not green when the only news is that nothing has run yet', () => {
  expect(deriveHealth({ ...healthy(), backstop: NO_RECORD }).headline).toBe('never-run');
});

it('the write path: missing credentials, untested, proven by a write, failing after a later failure', () => {
  const base = healthy();
  expect(
    stateOf(
      {
        ...base,
        writePath: { mode: 'org-admin-api', missing: ['health.missing.orgApiKey'], record: NO_RECORD },
      },
      'write-path',
    ),
  ).toMatchObject({
    state: 'not-configured',
    message: expect.stringContaining('the organization API key') as unknown,
  });
  expect(
    stateOf(
      { ...base, writePath: { mode: 'impersonate-admin', missing: [], record: NO_RECORD } },
      'write-path',
    ).state,
  ).toBe('never-run');
  // The app's own account, once a write succeeded, is a write path like any other.
  expect(
    stateOf({ ...base, writePath: { mode: 'app-account', missing: [], record: ok(NOW - DAY) } }, 'write-path')
      .state,
  ).toBe('working');
  const failedLater: PartRecord = {
    lastOk: { at: NOW - DAY, message: 'ok' },
    lastFailure: { at: NOW - HOUR, message: 'The admin is no longer a site admin.' },
  };
  expect(
    stateOf(
      { ...base, writePath: { mode: 'org-admin-api', missing: [], record: failedLater } },
      'write-path',
    ),
  ).toMatchObject({
    state: 'failing',
    message: 'The admin is no longer a site admin.',
    lastSuccessAt: NOW - DAY,
    lastFailureAt: NOW - HOUR,
    lastFailureMessage: 'The admin is no longer a site admin.',
  });
  const recovered: PartRecord = { ...failedLater, lastOk: { at: NOW - 60_000, message: 'ok again' } };
  expect(
    stateOf({ ...base, writePath: { mode: 'org-admin-api', missing: [], record: recovered } }, 'write-path'),
  ).toMatchObject({
    state: 'working',
    lastFailureAt: NOW - HOUR,
  });
});

it('SCIM and the org directory are working after a passed test or real use, and say how to find out before', () => {
  const base = healthy();
  const scim = (record: PartRecord) =>
    stateOf({ ...base, scim: { enabled: true, missing: [], record } }, 'source:scim');
  expect(scim(NO_RECORD)).toMatchObject({ state: 'never-run', action: { tab: 'settings' } });
  expect(scim(ok(NOW - 40 * DAY, 'SCIM profile read')).state).toBe('working');
  expect(
    stateOf(
      { ...base, orgDirectory: { enabled: true, missing: ['health.missing.orgApiKey'], record: NO_RECORD } },
      'source:org-directory',
    ).state,
  ).toBe('not-configured');
  expect(stateOf(base, 'source:org-directory').state).toBe('off');
});

it('the backstop stalls after half an hour without a scan, the daily pass after 26 hours', () => {
  const base = healthy();
  expect(stateOf({ ...base, backstop: ok(NOW - BACKSTOP_STALE_MS) }, 'backstop').state).toBe('working');
  const stalled = stateOf({ ...base, backstop: ok(NOW - 2 * HOUR) }, 'backstop');
  expect(stalled).toMatchObject({ state: 'stalled', lastSuccessAt: NOW - 2 * HOUR });
  expect(stalled.message).toContain('last ran 2 hours ago');
  expect(stateOf({ ...base, dailyPass: ok(NOW - DAILY_STALE_MS) }, 'daily-pass').state).toBe('working');
  expect(stateOf({ ...base, dailyPass: ok(NOW - DAILY_STALE_MS - 1) }, 'daily-pass').state).toBe('stalled');
  expect(deriveHealth({ ...base, dailyPass: ok(NOW - 3 * DAY) }).headline).toBe('stalled');
});

it('a held inactivity run is awaiting the admin with a link to review it, however long it has waited', () => {
  const base = healthy();
  const held = {
    ...base,
    inactivity: {
      ...base.inactivity,
      latestRun: run({
        status: 'awaiting-review',
        startedAt: NOW - 22 * DAY,
        finishedAt: null,
        updatedAt: NOW - 22 * DAY,
      }),
      lastCompletedAt: NOW - 23 * DAY,
    },
  };
  const summary = deriveHealth(held);
  expect(summary.headline).toBe('awaiting-admin');
  expect(summary.attention[0]).toMatchObject({
    id: 'inactivity',
    state: 'awaiting-admin',
    action: { tab: 'inactivity', label: 'health.actions.reviewHeldRun' },
  });
  expect(summary.attention[0]?.message).toContain('for your review 22 days ago');
});

it('the inactivity run: stalled without a completed run for 26 hours, failing, degraded, under way', () => {
  const base = healthy();
  const inactivity = (over: Partial<HealthFacts['inactivity']>) =>
    stateOf({ ...base, inactivity: { ...base.inactivity, ...over } }, 'inactivity');
  expect(
    inactivity({ lastCompletedAt: NOW - 3 * DAY, latestRun: run({ startedAt: NOW - 3 * DAY - HOUR }) }).state,
  ).toBe('stalled');
  expect(inactivity({ latestRun: null, lastCompletedAt: null, policySavedAt: NOW - 2 * DAY }).state).toBe(
    'stalled',
  );
  expect(inactivity({ latestRun: null, lastCompletedAt: null, policySavedAt: NOW - HOUR }).state).toBe(
    'never-run',
  );
  // A run started this morning after two quiet days is under way, not stalled.
  expect(
    inactivity({
      lastCompletedAt: NOW - 2 * DAY,
      latestRun: run({ status: 'collecting', startedAt: NOW - HOUR, finishedAt: null }),
    }).state,
  ).toBe('working');
  expect(
    inactivity({ latestRun: run({ status: 'stopped', stopReason: 'The org API key is missing.' }) }),
  ).toMatchObject({ state: 'failing', message: 'The org API key is missing.' });
  expect(inactivity({ latestRun: run({ failedActions: 2 }) })).toMatchObject({
    state: 'degraded',
    message: expect.stringContaining('2 actions') as unknown,
  });
  expect(inactivity({ latestRun: run({ undeliveredWarnings: 1 }) })).toMatchObject({
    state: 'degraded',
    message: expect.stringContaining('could not tell 1 warned user:') as unknown,
  });
  expect(inactivity({ policy: 'off' }).state).toBe('off');
});

it('a refused privileged grant waits for the admin in Rules; an old snapshot means the backstop stopped', () => {
  const base = healthy();
  const refused: PartRecord = {
    lastOk: null,
    lastFailure: { at: NOW - HOUR, message: 'site-admins is privileged' },
  };
  expect(
    stateOf({ ...base, privileged: { snapshot: ok(NOW - 60_000), refusals: refused } }, 'privileged-targets'),
  ).toMatchObject({
    state: 'awaiting-admin',
    message: 'site-admins is privileged',
    action: { tab: 'rules' },
  });
  expect(
    stateOf(
      { ...base, privileged: { snapshot: ok(NOW - 3 * HOUR), refusals: NO_RECORD } },
      'privileged-targets',
    ).state,
  ).toBe('stalled');
});

it('the headline is the worst state, and the parts needing the admin are listed worst first', () => {
  const summary = deriveHealth({
    ...healthy(),
    settingsProblem: 'The stored settings are unreadable.',
    provisioning: { enabled: true, failedUsers: 3 },
    dailyPass: ok(NOW - 5 * DAY),
  });
  expect(summary.headline).toBe('failing');
  expect(summary.attention.map((p) => [p.id, p.state])).toEqual([
    ['settings', 'failing'],
    ['daily-pass', 'stalled'],
    ['provisioning', 'degraded'],
  ]);
});

it('writes how long ago in whole units with the right number, in English and German', () => {
  expect(inEnglish.ago(60_000)).toBe('1 minute ago');
  expect(inEnglish.ago(119 * 60_000)).toBe('119 minutes ago');
  expect(inEnglish.ago(2 * HOUR)).toBe('2 hours ago');
  expect(inEnglish.ago(DAY + HOUR)).toBe('25 hours ago');
  expect(inEnglish.ago(22 * DAY)).toBe('22 days ago');
  const inGerman = createText(() => null, 'de-DE', 'UTC');
  expect(inGerman.ago(22 * DAY)).toBe('vor 22 Tagen');
  expect(inGerman.ago(60_000)).toBe('vor 1 Minute');
});

it('shows the licence only once the app was paused for it, and is not green while it is paused', () => {
  expect(deriveHealth(healthy()).parts.some((p) => p.id === 'licence')).toBe(false);
  const paused: PartRecord = { lastOk: null, lastFailure: { at: NOW - HOUR, message: 'Paused: inactive' } };
  const summary = deriveHealth({ ...healthy(), licence: paused });
  expect(summary.headline).toBe('awaiting-admin');
  expect(summary.attention.map((p) => p.id)).toEqual(['licence']);
  const resumed: PartRecord = { lastOk: { at: NOW, message: 'Resumed' }, lastFailure: paused.lastFailure };
  expect(stateOf({ ...healthy(), licence: resumed }, 'licence')).toMatchObject({
    state: 'working',
    message: 'Resumed',
    lastFailureAt: NOW - HOUR,
  });
});
