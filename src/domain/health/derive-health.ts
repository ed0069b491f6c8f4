// Health from facts: each part's state by its own freshness rule, and the headline as the worst of them. Pure:
// the service gathers the facts (settings, recorded verdicts, runs) and the clock; nothing here reads anything.
import {
  HEALTH_SEVERITY,
  latestFailed,
  needsAdmin,
  type HealthAction,
  type HealthPart,
  type HealthPartId,
  type HealthState,
  type HealthSummary,
  type PartRecord,
  type Verdict,
} from './health-model';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The backstop runs every five minutes: half an hour without a completed scan means its schedule stopped. */
export const BACKSTOP_STALE_MS = 30 * MINUTE_MS;
/** A daily job (the daily pass, the inactivity run) that has not completed in 26 hours has missed a day. */
export const DAILY_STALE_MS = 26 * HOUR_MS;
/** The backstop refreshes the privileged-targets snapshot every 15 minutes; an hour means it stopped. */
export const SNAPSHOT_STALE_MS = 60 * MINUTE_MS;

export interface SourceFacts {
  readonly enabled: boolean;
  /** What only an admin can give that is missing (e.g. "the SCIM directory key"); empty when configured. */
  readonly missing: readonly string[];
  readonly record: PartRecord;
}

export type InactivityRunState =
  'collecting' | 'finalizing' | 'awaiting-review' | 'executing' | 'completed' | 'stopped' | 'failed';

export interface InactivityRunFacts {
  readonly status: InactivityRunState;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly updatedAt: number;
  readonly stopReason: string | null;
  /** Actions carried out that failed. */
  readonly failedActions: number;
  /** Users warned whose warning reached nobody (no channel, or every channel failed). */
  readonly undeliveredWarnings: number;
}

export interface InactivityFacts {
  /** none: no policy saved; off: saved with no product enabled; on: at least one product is cleaned up. */
  readonly policy: 'none' | 'off' | 'on';
  readonly policySavedAt: number | null;
  /** The latest scheduled (live) run, whatever its state. */
  readonly latestRun: InactivityRunFacts | null;
  /** When a live run last completed, and the last live run that failed or stopped. */
  readonly lastCompletedAt: number | null;
  readonly lastFailure: Verdict | null;
}

export interface HealthFacts {
  readonly now: number;
  /** Why the stored settings cannot be used, if they cannot. */
  readonly settingsProblem: string | null;
  readonly writePath: {
    readonly mode: 'org-admin-api' | 'impersonate-admin' | 'app-account';
    readonly missing: readonly string[];
    readonly record: PartRecord;
  };
  readonly email: { readonly enabled: boolean };
  readonly scim: SourceFacts;
  readonly orgDirectory: SourceFacts;
  readonly pushed: SourceFacts;
  readonly provisioning: { readonly enabled: boolean; readonly failedUsers: number };
  /** Only once the app was paused for its licence (then resumed): Marketplace renewal is the admin's to do. */
  readonly licence?: PartRecord | null;
  readonly backstop: PartRecord;
  readonly dailyPass: PartRecord;
  readonly privileged: { readonly snapshot: PartRecord; readonly refusals: PartRecord };
  /** Only once a run has read (or failed to read) the audit log for licence grant dates. */
  readonly grantHistory: PartRecord | null;
  readonly inactivity: InactivityFacts;
}

/** "3 days", "1 hour", "12 minutes": how long ago, in the largest whole unit. */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE_MS));
  if (minutes < 120) return countOf(minutes, 'minute', 'minutes');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return countOf(hours, 'hour', 'hours');
  return countOf(Math.floor(hours / 24), 'day', 'days');
}

/** "1 user", "3 users": a count with its noun in the right number. */
export function countOf(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}

const SETTINGS: HealthAction = { tab: 'settings', label: 'Open Settings' };

interface PartInput {
  readonly id: HealthPartId;
  readonly label: string;
  readonly state: HealthState;
  readonly message: string;
  readonly record?: PartRecord;
  readonly action?: HealthAction | null;
}

function part({ id, label, state, message, record, action }: PartInput): HealthPart {
  return {
    id,
    label,
    state,
    message,
    lastSuccessAt: record?.lastOk?.at ?? null,
    lastFailureAt: record?.lastFailure?.at ?? null,
    lastFailureMessage: record?.lastFailure?.message ?? null,
    // Only a part that needs someone points somewhere.
    action: needsAdmin(state) || state === 'never-run' ? (action ?? null) : null,
  };
}

/**
 * A part used on demand (a source, the write path): its latest verdict decides; nothing recorded yet is "never
 * run" with what would tell.
 */
function onDemand(record: PartRecord, neverRun: string): { state: HealthState; message: string } {
  if (latestFailed(record)) return { state: 'failing', message: record.lastFailure?.message ?? '' };
  if (record.lastOk) return { state: 'working', message: record.lastOk.message };
  return { state: 'never-run', message: neverRun };
}

/** A scheduled part: failing, stalled past its freshness limit, never run, or working. */
function scheduled(
  record: PartRecord,
  now: number,
  staleAfterMs: number,
  texts: { neverRun: string; stalled: (ago: string) => string },
): { state: HealthState; message: string } {
  if (latestFailed(record)) return { state: 'failing', message: record.lastFailure?.message ?? '' };
  if (!record.lastOk) return { state: 'never-run', message: texts.neverRun };
  const age = now - record.lastOk.at;
  if (age > staleAfterMs) return { state: 'stalled', message: texts.stalled(durationText(age)) };
  return { state: 'working', message: record.lastOk.message };
}

function writePathPart(facts: HealthFacts): HealthPart {
  const { mode, missing, record } = facts.writePath;
  const base = { id: 'write-path' as const, label: 'Group write path', record, action: SETTINGS };
  if (missing.length > 0)
    return part({
      ...base,
      state: 'not-configured',
      message: `The group write path needs ${missing.join(', ')}: add it in Settings, then test the write path.`,
    });
  // The app's own account is the default and is almost never a site admin: until a write proves otherwise, the
  // admin has not chosen a write path.
  if (mode === 'app-account' && !record.lastOk && !latestFailed(record))
    return part({
      ...base,
      state: 'not-configured',
      message:
        "No write path chosen: the app's own account can change groups only if it was made a site admin. " +
        'Choose the organization Admin API or a site admin to act as in Settings, then test the write path.',
    });
  return part({
    ...base,
    ...onDemand(
      record,
      'No group has been written yet: use "Test the write path" in Settings to prove it works.',
    ),
  });
}

function sourcePart(
  id: 'source:scim' | 'source:org-directory' | 'source:pushed',
  label: string,
  source: SourceFacts,
  neverRun: string,
): HealthPart {
  const base = { id, label, record: source.record, action: SETTINGS };
  if (!source.enabled) return part({ ...base, state: 'off', message: 'Switched off in Settings.' });
  if (source.missing.length > 0)
    return part({
      ...base,
      state: 'not-configured',
      message: `On, but ${source.missing.join(', ')} is missing: add it in Settings or switch the source off.`,
    });
  return part({ ...base, ...onDemand(source.record, neverRun) });
}

function privilegedPart(facts: HealthFacts): HealthPart {
  const { snapshot, refusals } = facts.privileged;
  const base = { id: 'privileged-targets' as const, label: 'Privileged targets' };
  if (latestFailed(refusals))
    return part({
      ...base,
      record: refusals,
      state: 'awaiting-admin',
      message: refusals.lastFailure?.message ?? '',
      action: { tab: 'rules', label: 'Open Rules' },
    });
  return part({
    ...base,
    record: snapshot,
    ...scheduled(snapshot, facts.now, SNAPSHOT_STALE_MS, {
      neverRun:
        'Not read yet: the backstop reads which groups and project roles are privileged every 15 minutes.',
      stalled: (ago) =>
        `Last read ${ago} ago: the backstop refreshes it every 15 minutes, so its schedule has stopped. Reinstall the app if it does not recover.`,
    }),
  });
}

function inactivityPart(facts: HealthFacts): HealthPart {
  const { inactivity, now } = facts;
  const record: PartRecord = {
    lastOk: inactivity.lastCompletedAt === null ? null : { at: inactivity.lastCompletedAt, message: '' },
    lastFailure: inactivity.lastFailure,
  };
  const base = {
    id: 'inactivity' as const,
    label: 'Inactivity clean-up',
    record,
    action: { tab: 'inactivity', label: 'Open Inactivity' } as HealthAction,
  };
  if (inactivity.policy === 'none')
    return part({ ...base, state: 'off', message: 'No policy saved: nobody is cleaned up.' });
  if (inactivity.policy === 'off')
    return part({ ...base, state: 'off', message: 'The saved policy cleans up no product.' });
  const run = inactivity.latestRun;
  if (run?.status === 'awaiting-review')
    return part({
      ...base,
      state: 'awaiting-admin',
      message: `A run is held by the safety brake for your review since ${durationText(now - run.updatedAt)} ago; no clean-up runs until you answer it.`,
      action: { tab: 'inactivity', label: 'Review the held run' },
    });
  if (run && (run.status === 'failed' || run.status === 'stopped'))
    return part({
      ...base,
      state: 'failing',
      message: run.stopReason ?? 'The latest run stopped before it finished.',
    });
  const since = inactivity.lastCompletedAt ?? inactivity.policySavedAt;
  const underWay = run !== null && run.status !== 'completed';
  // A run under way for less than a day is not stalled, however long ago the last one completed.
  if (since !== null && now - since > DAILY_STALE_MS && (!underWay || now - run.startedAt > DAILY_STALE_MS))
    return part({
      ...base,
      state: 'stalled',
      message:
        inactivity.lastCompletedAt === null
          ? `No run has completed in the ${durationText(now - since)} since the policy was saved: the daily run is not starting. Reinstall the app if it does not recover.`
          : `The last run completed ${durationText(now - since)} ago: the daily run has missed a day. Reinstall the app if it does not recover.`,
    });
  if (!run)
    return part({
      ...base,
      state: 'never-run',
      message: 'The first daily run starts within a day of saving the policy.',
    });
  if (run.status !== 'completed')
    return part({
      ...base,
      state: 'working',
      message: `A run started ${durationText(now - run.startedAt)} ago is under way.`,
    });
  if (run.failedActions > 0)
    return part({
      ...base,
      state: 'degraded',
      message: `The latest run could not carry out ${countOf(run.failedActions, 'action', 'actions')}: see the run's actions.`,
    });
  if (run.undeliveredWarnings > 0)
    return part({
      ...base,
      state: 'degraded',
      message: `The latest run could not tell ${countOf(run.undeliveredWarnings, 'warned user', 'warned users')}: they are not acted on until a warning reaches them. Set a notification channel in the policy.`,
    });
  return part({
    ...base,
    state: 'working',
    message: `The latest run completed ${durationText(now - (run.finishedAt ?? run.updatedAt))} ago.`,
  });
}

export function deriveHealth(facts: HealthFacts): HealthSummary {
  const { now } = facts;
  const parts: HealthPart[] = [];
  if (facts.licence)
    parts.push(
      part({
        id: 'licence',
        label: 'Licence',
        // Paused work resumes by itself once the licence is back; only an admin can renew it.
        state: latestFailed(facts.licence) ? 'awaiting-admin' : 'working',
        message:
          (latestFailed(facts.licence) ? facts.licence.lastFailure : facts.licence.lastOk)?.message ?? '',
        record: facts.licence,
      }),
    );
  if (facts.settingsProblem)
    parts.push(
      part({
        id: 'settings',
        label: 'Settings',
        state: 'failing',
        message: facts.settingsProblem,
        action: SETTINGS,
      }),
    );
  parts.push(writePathPart(facts));
  parts.push(
    facts.email.enabled
      ? part({
          id: 'source:email',
          label: 'Email (Jira)',
          state: 'working',
          message: "Read from Jira with the app's own permission.",
        })
      : part({
          id: 'source:email',
          label: 'Email (Jira)',
          state: 'off',
          message: 'Switched off in Settings.',
        }),
  );
  parts.push(
    sourcePart(
      'source:scim',
      'SCIM directory',
      facts.scim,
      'Not used yet: use "Test SCIM" in Settings, or wait for the next user it is read for.',
    ),
  );
  parts.push(
    sourcePart(
      'source:org-directory',
      'Organization directory',
      facts.orgDirectory,
      'Not used yet: use "Test the organization API" in Settings, or wait for the next user it is read for.',
    ),
  );
  parts.push(
    sourcePart(
      'source:pushed',
      'IdP push (web trigger)',
      facts.pushed,
      'Ready for signed pushes; none received yet.',
    ),
  );
  const { provisioning } = facts;
  parts.push(
    !provisioning.enabled
      ? part({
          id: 'provisioning',
          label: 'Provisioning',
          state: 'off',
          message: 'Switched off in Settings: users are noticed but left as they are.',
        })
      : provisioning.failedUsers > 0
        ? part({
            id: 'provisioning',
            label: 'Provisioning',
            state: 'degraded',
            message: `${countOf(provisioning.failedUsers, 'user', 'users')} could not be provisioned: see the failures under Queue.`,
          })
        : part({
            id: 'provisioning',
            label: 'Provisioning',
            state: 'working',
            message: 'No user is failing.',
          }),
  );
  parts.push(
    part({
      id: 'backstop',
      label: 'Backstop scan',
      record: facts.backstop,
      ...scheduled(facts.backstop, now, BACKSTOP_STALE_MS, {
        neverRun: 'The backstop has not run yet; it runs every five minutes.',
        stalled: (ago) =>
          `The five-minute backstop last ran ${ago} ago: missed sign-ups are not being caught. Check the app's scheduled triggers (reinstall if they stopped).`,
      }),
    }),
  );
  parts.push(
    part({
      id: 'daily-pass',
      label: 'Daily pass',
      record: facts.dailyPass,
      ...scheduled(facts.dailyPass, now, DAILY_STALE_MS, {
        neverRun: 'The daily pass has not completed yet; it runs once a day.',
        stalled: (ago) =>
          `The daily pass last completed ${ago} ago: users who failed or were missed are not retried. Reinstall the app if it does not recover.`,
      }),
    }),
  );
  parts.push(privilegedPart(facts));
  parts.push(inactivityPart(facts));
  if (facts.grantHistory)
    parts.push(
      part({
        id: 'inactivity-grant-history',
        label: 'Licence grant dates (audit log)',
        record: facts.grantHistory,
        ...onDemand(facts.grantHistory, ''),
      }),
    );
  const attention = parts
    .filter((p) => needsAdmin(p.state))
    .sort((a, b) => HEALTH_SEVERITY[b.state] - HEALTH_SEVERITY[a.state]);
  const headline = parts.reduce<HealthState>(
    (worst, p) => (HEALTH_SEVERITY[p.state] > HEALTH_SEVERITY[worst] ? p.state : worst),
    'working',
  );
  return { headline, parts, attention };
}
