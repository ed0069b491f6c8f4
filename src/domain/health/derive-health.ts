// Health from facts: each part's state by its own freshness rule, and the headline as the worst of them. Pure:
// the service gathers the facts (settings, recorded verdicts, runs) and the clock; nothing here reads anything.
import {
  HEALTH_SEVERITY,
  latestFailed,
  needsAdmin,
  type HealthAction,
  type HealthMessage,
  type HealthPart,
  type HealthPartId,
  type HealthState,
  type HealthSummary,
  type PartRecord,
  type Verdict,
} from './health-model';
import type { TextKey } from '../../shared/i18n/text';

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
  /** What only an admin can give that is missing (keys: "the SCIM directory key"); empty when configured. */
  readonly missing: readonly TextKey[];
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
    readonly missing: readonly TextKey[];
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

const SETTINGS: HealthAction = { tab: 'settings', label: 'health.actions.openSettings' };

const say = (
  key: TextKey,
  extra: Omit<Extract<HealthMessage, { key: TextKey }>, 'key'> = {},
): HealthMessage => ({
  key,
  ...extra,
});
/** A recorded verdict's own words (written when it happened): shown as they are. */
const recorded = (verdict: Verdict | null | undefined): HealthMessage => ({ text: verdict?.message ?? '' });

interface PartInput {
  readonly id: HealthPartId;
  readonly state: HealthState;
  readonly message: HealthMessage;
  readonly record?: PartRecord;
  readonly action?: HealthAction | null;
}

function part({ id, state, message, record, action }: PartInput): HealthPart {
  return {
    id,
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
function onDemand(
  record: PartRecord,
  neverRun: HealthMessage,
): { state: HealthState; message: HealthMessage } {
  if (latestFailed(record)) return { state: 'failing', message: recorded(record.lastFailure) };
  if (record.lastOk) return { state: 'working', message: recorded(record.lastOk) };
  return { state: 'never-run', message: neverRun };
}

/** A scheduled part: failing, stalled past its freshness limit, never run, or working. */
function scheduled(
  record: PartRecord,
  now: number,
  staleAfterMs: number,
  texts: { neverRun: TextKey; stalled: TextKey },
): { state: HealthState; message: HealthMessage } {
  if (latestFailed(record)) return { state: 'failing', message: recorded(record.lastFailure) };
  if (!record.lastOk) return { state: 'never-run', message: say(texts.neverRun) };
  const age = now - record.lastOk.at;
  if (age > staleAfterMs) return { state: 'stalled', message: say(texts.stalled, { ago: age }) };
  return { state: 'working', message: recorded(record.lastOk) };
}

function writePathPart(facts: HealthFacts): HealthPart {
  const { mode, missing, record } = facts.writePath;
  const base = { id: 'write-path' as const, record, action: SETTINGS };
  if (missing.length > 0)
    return part({ ...base, state: 'not-configured', message: say('health.writePath.needs', { missing }) });
  // The app's own account is the default and is almost never a site admin: until a write proves otherwise, the
  // admin has not chosen a write path.
  if (mode === 'app-account' && !record.lastOk && !latestFailed(record))
    return part({
      ...base,
      state: 'not-configured',
      message: say('health.writePath.notChosen'),
    });
  return part({ ...base, ...onDemand(record, say('health.writePath.neverRun')) });
}

function sourcePart(
  id: 'source:scim' | 'source:org-directory' | 'source:pushed',
  source: SourceFacts,
  neverRun: TextKey,
): HealthPart {
  const base = { id, record: source.record, action: SETTINGS };
  if (!source.enabled) return part({ ...base, state: 'off', message: say('health.switchedOff') });
  if (source.missing.length > 0)
    return part({
      ...base,
      state: 'not-configured',
      message: say('health.sourceMissing', { missing: source.missing }),
    });
  return part({ ...base, ...onDemand(source.record, say(neverRun)) });
}

function privilegedPart(facts: HealthFacts): HealthPart {
  const { snapshot, refusals } = facts.privileged;
  const base = { id: 'privileged-targets' as const };
  if (latestFailed(refusals))
    return part({
      ...base,
      record: refusals,
      state: 'awaiting-admin',
      message: recorded(refusals.lastFailure),
      action: { tab: 'rules', label: 'health.actions.openRules' },
    });
  return part({
    ...base,
    record: snapshot,
    ...scheduled(snapshot, facts.now, SNAPSHOT_STALE_MS, {
      neverRun: 'health.privileged.neverRun',
      stalled: 'health.privileged.stalled',
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
    record,
    action: { tab: 'inactivity', label: 'health.actions.openInactivity' } as HealthAction,
  };
  if (inactivity.policy === 'none')
    return part({ ...base, state: 'off', message: say('health.inactivity.noPolicy') });
  if (inactivity.policy === 'off')
    return part({ ...base, state: 'off', message: say('health.inactivity.noProduct') });
  const run = inactivity.latestRun;
  if (run?.status === 'awaiting-review')
    return part({
      ...base,
      state: 'awaiting-admin',
      message: say('health.inactivity.held', { ago: now - run.updatedAt }),
      action: { tab: 'inactivity', label: 'health.actions.reviewHeldRun' },
    });
  if (run && (run.status === 'failed' || run.status === 'stopped'))
    return part({
      ...base,
      state: 'failing',
      message: run.stopReason ? { text: run.stopReason } : say('health.inactivity.stopped'),
    });
  const since = inactivity.lastCompletedAt ?? inactivity.policySavedAt;
  const underWay = run !== null && run.status !== 'completed';
  // A run under way for less than a day is not stalled, however long ago the last one completed.
  if (since !== null && now - since > DAILY_STALE_MS && (!underWay || now - run.startedAt > DAILY_STALE_MS))
    return part({
      ...base,
      state: 'stalled',
      message: say(
        inactivity.lastCompletedAt === null ? 'health.inactivity.notStarting' : 'health.inactivity.missedDay',
        { ago: now - since },
      ),
    });
  if (!run)
    return part({
      ...base,
      state: 'never-run',
      message: say('health.inactivity.firstRun'),
    });
  if (run.status !== 'completed')
    return part({
      ...base,
      state: 'working',
      message: say('health.inactivity.underWay', { ago: now - run.startedAt }),
    });
  if (run.failedActions > 0)
    return part({
      ...base,
      state: 'degraded',
      message: { plural: 'health.inactivity.failedActions', count: run.failedActions },
    });
  if (run.undeliveredWarnings > 0)
    return part({
      ...base,
      state: 'degraded',
      message: { plural: 'health.inactivity.undelivered', count: run.undeliveredWarnings },
    });
  return part({
    ...base,
    state: 'working',
    message: say('health.inactivity.completed', { ago: now - (run.finishedAt ?? run.updatedAt) }),
  });
}

export function deriveHealth(facts: HealthFacts): HealthSummary {
  const { now } = facts;
  const parts: HealthPart[] = [];
  if (facts.licence)
    parts.push(
      part({
        id: 'licence',
        // Paused work resumes by itself once the licence is back; only an admin can renew it.
        state: latestFailed(facts.licence) ? 'awaiting-admin' : 'working',
        message: recorded(latestFailed(facts.licence) ? facts.licence.lastFailure : facts.licence.lastOk),
        record: facts.licence,
      }),
    );
  if (facts.settingsProblem)
    parts.push(
      part({
        id: 'settings',
        state: 'failing',
        message: say('health.settingsUnreadable', { detail: facts.settingsProblem }),
        action: SETTINGS,
      }),
    );
  parts.push(writePathPart(facts));
  parts.push(
    facts.email.enabled
      ? part({ id: 'source:email', state: 'working', message: say('health.email.working') })
      : part({ id: 'source:email', state: 'off', message: say('health.switchedOff') }),
  );
  parts.push(sourcePart('source:scim', facts.scim, 'health.scim.neverRun'));
  parts.push(sourcePart('source:org-directory', facts.orgDirectory, 'health.orgDirectory.neverRun'));
  parts.push(sourcePart('source:pushed', facts.pushed, 'health.pushed.neverRun'));
  const { provisioning } = facts;
  parts.push(
    !provisioning.enabled
      ? part({ id: 'provisioning', state: 'off', message: say('health.provisioning.off') })
      : provisioning.failedUsers > 0
        ? part({
            id: 'provisioning',
            state: 'degraded',
            message: { plural: 'health.provisioning.failing', count: provisioning.failedUsers },
          })
        : part({ id: 'provisioning', state: 'working', message: say('health.provisioning.working') }),
  );
  parts.push(
    part({
      id: 'backstop',
      record: facts.backstop,
      ...scheduled(facts.backstop, now, BACKSTOP_STALE_MS, {
        neverRun: 'health.backstop.neverRun',
        stalled: 'health.backstop.stalled',
      }),
    }),
  );
  parts.push(
    part({
      id: 'daily-pass',
      record: facts.dailyPass,
      ...scheduled(facts.dailyPass, now, DAILY_STALE_MS, {
        neverRun: 'health.dailyPass.neverRun',
        stalled: 'health.dailyPass.stalled',
      }),
    }),
  );
  parts.push(privilegedPart(facts));
  parts.push(inactivityPart(facts));
  if (facts.grantHistory)
    parts.push(
      part({
        id: 'inactivity-grant-history',
        record: facts.grantHistory,
        ...onDemand(facts.grantHistory, { text: '' }),
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
