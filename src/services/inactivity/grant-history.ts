// Keeps the index of licence-group changes current from the site's audit log ("User added to group" / "User removed
// from group" records for the licence groups): read once, far enough back for the policy, then forward from a
// watermark. Reading the audit log per user would cost one call per user; this costs about one call per catch-up.
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraAuditRecord } from '../../clients/jira-types';
import { DAY_MS, type InactivityPolicy } from '../../domain/inactivity';
import {
  USER_GRANTS_TTL_DAYS,
  getGrantHistoryState,
  getUserGrantHistories,
  putGrantHistoryState,
  putUserGrantHistories,
  type GrantHistoryReading,
  type GrantHistoryState,
  type GroupChanges,
  type UserGrantHistory,
} from '../../storage/grant-history-repository';
import type { RunContext } from './run-context';

/** Audit records can appear a little after the change; each forward read re-reads this much. */
const OVERLAP_MS = 10 * 60_000;
const AUDIT_PAGE = 1000;
/** The furthest back the first read goes, whatever the policy: older history would expire from storage anyway. */
const MAX_DEPTH_DAYS = USER_GRANTS_TTL_DAYS - 5;
const ADDED = 'User added to group';
const REMOVED = 'User removed from group';
/** Account ids are opaque but plain; anything else in a record is not a key the app will build. */
const ACCOUNT_ID = /^[A-Za-z0-9:._-]{1,128}$/;

/** What the index vouches for, for the facts: per licence group, since when every change is known. */
export interface GrantHistoryView {
  /** Lower-case group name → the earliest time from which its changes are all indexed (epoch ms). */
  readonly since: ReadonlyMap<string, number>;
  /** Set when the audit log could not be read: nobody's grant date can then be established. */
  readonly unavailable: string | null;
}

export interface CatchUpResult {
  /** False when the budget ran out first: the caller must try again before deciding anyone. */
  readonly complete: boolean;
  readonly view: GrantHistoryView;
  readonly auditCalls: number;
}

export interface CatchUpOptions {
  readonly now: number;
  /** Audit log calls this catch-up may make. */
  readonly maxCalls: number;
  readonly outOfTime: () => boolean;
  /** A forward read is skipped when the last one reached this close to now. */
  readonly freshMs: number;
}

/** How far back the history must reach for this policy: the recently-added window and every enabled threshold. */
export function historyDepthDays(policy: InactivityPolicy): number {
  const thresholds = Object.values(policy.products)
    .filter((product) => product.enabled)
    .map((product) => product.inactiveAfterDays);
  return Math.min(MAX_DEPTH_DAYS, Math.max(policy.exclusions.recentlyAddedDays, ...thresholds) + 1);
}

/** A record's own field only: group names are site data, and `__proto__` is a valid one. */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** The licence groups this run knows, by lower-case name (the audit log names groups). */
function wantedGroups(ctx: RunContext): string[] {
  const names = ctx.run.licenceGroupNames ?? {};
  const wanted = new Set<string>();
  for (const product of ctx.run.catalogue)
    for (const groupId of product.licenceGroupIds) {
      const name = ownEntry(names, groupId);
      if (name) wanted.add(name.toLowerCase());
    }
  return [...wanted].sort();
}

function nextReading(
  state: GrantHistoryState,
  wanted: readonly string[],
  desiredSince: number,
  options: CatchUpOptions,
): GrantHistoryReading | null {
  const { now } = options;
  const shallow = wanted.filter((group) => {
    const indexed = ownEntry(state.groups, group);
    return !indexed || indexed.since > desiredSince;
  });
  if (shallow.length > 0)
    return { purpose: 'backfill', groups: shallow, from: desiredSince, to: state.until ?? now, offset: 0 };
  if (state.until === null || now - state.until >= options.freshMs) {
    const from = Math.max(0, (state.until ?? now) - OVERLAP_MS);
    return { purpose: 'forward', groups: Object.keys(state.groups), from, to: now, offset: 0 };
  }
  return null;
}

/** Adds, removes, per account and group, for the reading's groups; other records are not the index's business. */
function changesIn(records: readonly JiraAuditRecord[], groups: ReadonlySet<string>) {
  const changes = new Map<string, Map<string, GroupChanges>>();
  for (const record of records) {
    const kind = record.summary === ADDED ? 'added' : record.summary === REMOVED ? 'removed' : null;
    const at = Date.parse(record.created);
    if (!kind || !Number.isFinite(at)) continue;
    const items = [record.objectItem, ...(record.associatedItems ?? [])];
    const group = items.find((item) => item?.typeName === 'GROUP')?.name?.toLowerCase();
    if (!group || !groups.has(group)) continue;
    for (const item of items) {
      const accountId = item?.typeName === 'USER' ? item.id : undefined;
      if (!accountId || !ACCOUNT_ID.test(accountId)) continue;
      const byGroup = changes.get(accountId) ?? new Map<string, GroupChanges>();
      const seen = byGroup.get(group) ?? { added: null, removed: null };
      byGroup.set(group, {
        added: kind === 'added' ? latest(seen.added, at) : seen.added,
        removed: kind === 'removed' ? latest(seen.removed, at) : seen.removed,
      });
      changes.set(accountId, byGroup);
    }
  }
  return changes;
}

/** Merges into what is stored, writing only users whose record changes (re-read overlaps change nothing). */
async function indexChanges(changes: Map<string, Map<string, GroupChanges>>): Promise<void> {
  if (changes.size === 0) return;
  const stored = await getUserGrantHistories([...changes.keys()]);
  const changed: UserGrantHistory[] = [];
  for (const [accountId, byGroup] of changes) {
    const before = stored.get(accountId);
    const groups = new Map<string, GroupChanges>(Object.entries(before?.groups ?? {}));
    let differs = !before;
    for (const [group, seen] of byGroup) {
      const had = groups.get(group) ?? { added: null, removed: null };
      const merged = { added: latest(had.added, seen.added), removed: latest(had.removed, seen.removed) };
      if (merged.added !== had.added || merged.removed !== had.removed) differs = true;
      groups.set(group, merged);
    }
    // fromEntries defines own properties, so a group called "__proto__" is stored like any other.
    if (differs) changed.push({ accountId, groups: Object.fromEntries(groups) });
  }
  await putUserGrantHistories(changed);
}

function finished(state: GrantHistoryState, reading: GrantHistoryReading, now: number): GrantHistoryState {
  if (reading.purpose === 'forward') return { ...state, until: reading.to, reading: null, updatedAt: now };
  const groups = new Map(Object.entries(state.groups));
  for (const group of reading.groups) groups.set(group, { since: reading.from });
  return {
    until: state.until ?? reading.to,
    groups: Object.fromEntries(groups),
    reading: null,
    updatedAt: now,
  };
}

function viewOf(state: GrantHistoryState, wanted: readonly string[], now: number): GrantHistoryView {
  // A user's record may have expired: nothing older than its time to live is vouched for.
  const retained = now - (USER_GRANTS_TTL_DAYS - 1) * DAY_MS;
  const since = new Map<string, number>();
  for (const group of wanted) {
    const indexed = ownEntry(state.groups, group);
    if (indexed && state.until !== null) since.set(group, Math.max(indexed.since, retained));
  }
  return { since, unavailable: null };
}

/**
 * Brings the index up to date within the budget. Transient API failures propagate (the step is retried); a
 * refusal (no permission to read the audit log) makes every grant date unknown for this catch-up.
 */
export async function catchUpGrantHistory(ctx: RunContext, options: CatchUpOptions): Promise<CatchUpResult> {
  const { now } = options;
  const wanted = wantedGroups(ctx);
  const desiredSince = now - historyDepthDays(ctx.policy) * DAY_MS;
  let state: GrantHistoryState = (await getGrantHistoryState()) ?? {
    until: null,
    groups: {},
    reading: null,
    updatedAt: now,
  };
  let calls = 0;
  try {
    for (;;) {
      const reading = state.reading ?? nextReading(state, wanted, desiredSince, options);
      if (!reading) return { complete: true, view: viewOf(state, wanted, now), auditCalls: calls };
      if (calls >= options.maxCalls || options.outOfTime())
        return { complete: false, view: viewOf(state, wanted, now), auditCalls: calls };
      const page = await ctx.clients.jira.auditRecords({
        from: new Date(reading.from).toISOString(),
        to: new Date(reading.to).toISOString(),
        offset: reading.offset,
        limit: AUDIT_PAGE,
        filter: 'group',
      });
      calls += 1;
      await indexChanges(changesIn(page.records, new Set(reading.groups)));
      const offset = reading.offset + page.records.length;
      const done = page.records.length === 0 || offset >= page.total;
      state = done
        ? finished(state, reading, now)
        : { ...state, reading: { ...reading, offset }, updatedAt: now };
      // Progress is kept after every page: a later catch-up resumes here (re-reading a page is harmless).
      await putGrantHistoryState(state);
    }
  } catch (e) {
    if (e instanceof AtlassianApiError && !e.transient) {
      return {
        complete: true,
        view: { since: new Map(), unavailable: `the site's audit log could not be read: ${e.message}` },
        auditCalls: calls,
      };
    }
    throw e;
  }
}
