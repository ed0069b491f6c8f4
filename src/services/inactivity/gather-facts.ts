// Gathers the facts the domain decides on for a batch of users: directory entries, groups, stored warnings,
// activity (fetching last-active dates from the Admin API only for users whose decision could depend on them), and
// when each licence was (re)granted (the audit-log index, plus the app's own grants for anyone who may be warned).
import type { DirectoryUser, LastActiveDates } from '../../clients/admin-types';
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraUser } from '../../clients/jira-types';
import {
  decideForUser,
  type DecisionOutcome,
  type ProductCatalogueEntry,
  type RecordedAction,
  type UserFacts,
} from '../../domain/inactivity';
import { getUserGrantHistories } from '../../storage/grant-history-repository';
import {
  getActivity,
  getWarnings,
  putActivity,
  type StoredActivity,
  type StoredWarning,
} from '../../storage/inactivity-user-repository';
import { appGrantsOf } from './app-grants';
import { catchUpGrantHistory } from './grant-history';
import { needsActivityRefresh } from './refresh-rule';
import { mapLimit, type RunContext } from './run-context';
import { activityFromLastActiveDates } from './site-activity';
import { buildUserFacts, isActiveAccount, type AppGrants } from './user-facts';

/** Admin API pages of one user's product access followed at most (each page is a call against the budget). */
const MAX_ACTIVITY_PAGES = 5;
/** Outcomes that warn or act (now or later): only for these is a later grant by the app worth reading. */
const TOUCHING: readonly DecisionOutcome[] = ['warn', 'still-in-grace', 'act', 'blocked'];

export interface GatherOptions {
  readonly now: number;
  /** `page`: reuse recent activity as the refresh rule allows; `reconfirm`: fetch anything not fresh. */
  readonly purpose: 'page' | 'reconfirm';
  readonly actionsThisRun?: ReadonlyMap<string, readonly RecordedAction[]>;
  /** True when the invocation is running out of time: no new activity fetches start. */
  readonly outOfTime: () => boolean;
}

export interface Gathered {
  /** In the order of the input users. */
  readonly facts: readonly UserFacts[];
  readonly warnings: ReadonlyMap<string, readonly StoredWarning[]>;
  readonly activityCalls: number;
  /** People whose activity was not fetched: not needed for their decision, or recent enough to reuse. */
  readonly activityNotFetched: number;
  /** Jira calls made, the audit log's included. */
  readonly jiraCalls: number;
  /** Language settings (`de_DE`) of the users read one by one: warnings are written in them at no extra call. */
  readonly locales: ReadonlyMap<string, string>;
  /** Set when activity fetching stopped early (rate limit or time): the batch must be retried, not decided. */
  readonly incomplete: {
    readonly reason: 'rate-limited' | 'out-of-time';
    readonly retryAfterSeconds: number;
  } | null;
}

/** The run's products, for reading warnings: catalogue products plus any product the policy still names. */
export function productKeysOf(
  catalogue: readonly ProductCatalogueEntry[],
  policyProducts: readonly string[],
) {
  return [...new Set([...catalogue.map((p) => p.key), ...policyProducts])];
}

async function directoryOf(ctx: RunContext, accountIds: readonly string[]) {
  const admin = ctx.clients.admin;
  const found = new Map<string, DirectoryUser>();
  if (!admin || accountIds.length === 0) return found;
  for (let i = 0; i < accountIds.length; i += 100) {
    const page = await admin.directoryUsersByIds(accountIds.slice(i, i + 100));
    for (const user of page.data) found.set(user.accountId, user);
  }
  return found;
}

/** `/user?expand=groups,applicationRoles`; an account deleted since the listing reads as inactive. */
async function withGroups(ctx: RunContext, user: JiraUser): Promise<JiraUser> {
  try {
    return await ctx.clients.jira.getUser(user.accountId);
  } catch (e) {
    if (e instanceof AtlassianApiError && e.kind === 'not-found') return { ...user, active: false };
    throw e;
  }
}

async function fetchActivity(ctx: RunContext, accountId: string, now: number) {
  const admin = ctx.clients.admin;
  if (!admin) throw new Error('Activity cannot be fetched without the Admin API (org key).');
  const pages: LastActiveDates[] = [];
  let cursor: string | undefined;
  do {
    const page = await admin.lastActiveDates(accountId, cursor);
    pages.push(page);
    cursor = page.links?.next ?? undefined;
  } while (cursor && pages.length < MAX_ACTIVITY_PAGES);
  const site = { cloudId: ctx.run.cloudId, siteAris: ctx.run.siteAris };
  return { snapshot: activityFromLastActiveDates(accountId, pages, site, now), calls: pages.length };
}

export async function gatherFacts(
  ctx: RunContext,
  users: readonly JiraUser[],
  options: GatherOptions,
): Promise<Gathered> {
  const { now } = options;
  // Nobody is decided on a history that stops short of now: a licence given back since would be missed.
  const history = await catchUpGrantHistory(ctx, {
    now,
    maxCalls: ctx.tuning.grantHistoryCallsPerPage,
    outOfTime: options.outOfTime,
    freshMs: ctx.tuning.grantHistoryFreshMs,
  });
  if (!history.complete) {
    return {
      facts: [],
      warnings: new Map(),
      activityCalls: 0,
      activityNotFetched: 0,
      jiraCalls: history.auditCalls,
      locales: new Map(),
      incomplete: { reason: 'out-of-time', retryAfterSeconds: 0 },
    };
  }
  const people = users.filter((u) => (u.accountType ?? 'atlassian') === 'atlassian');
  const peopleIds = people.map((u) => u.accountId);
  const products = productKeysOf(ctx.run.catalogue, Object.keys(ctx.policy.products));
  const [warnings, cached, directory, grantHistories] = await Promise.all([
    getWarnings(peopleIds, products),
    getActivity(peopleIds),
    directoryOf(ctx, peopleIds),
    getUserGrantHistories(peopleIds),
  ]);

  // Groups matter only for accounts still active: the domain excludes the others before looking at access.
  let jiraCalls = history.auditCalls;
  const detailed = await mapLimit(users, ctx.tuning.concurrency, async (user) => {
    if (!peopleIds.includes(user.accountId) || !isActiveAccount(user, directory.get(user.accountId)))
      return user;
    jiraCalls += 1;
    return withGroups(ctx, user);
  });

  const factsContext = {
    catalogue: ctx.run.catalogue,
    adminGroupIds: new Set(ctx.run.adminGroupIds),
    cloudId: ctx.run.cloudId,
  };
  const factsFor = (user: JiraUser, activity: StoredActivity | undefined, appGrants?: AppGrants): UserFacts =>
    buildUserFacts(
      {
        jiraUser: user,
        directory: directory.get(user.accountId),
        activity,
        warnings: warnings.get(user.accountId) ?? [],
        actionsThisRun: options.actionsThisRun?.get(user.accountId) ?? [],
        grants: {
          view: history.view,
          history: grantHistories.get(user.accountId),
          ...(appGrants ? { appGrants } : {}),
        },
      },
      factsContext,
    );

  const toRefresh = detailed.filter((user) => {
    const snapshot = cached.get(user.accountId);
    const usable = snapshot?.cloudId === ctx.run.cloudId ? snapshot : undefined;
    const probe = decideForUser(factsFor(user, usable), ctx.policy, now);
    if (options.purpose === 'reconfirm') {
      return (
        probe.decisions.some((d) => d.outcome !== 'excluded' && d.outcome !== 'no-access') &&
        (!usable || now - usable.refreshedAt >= ctx.tuning.decisiveRefreshAfterMs)
      );
    }
    return needsActivityRefresh(probe, usable, now, ctx.tuning);
  });

  let activityCalls = 0;
  // Assigned inside the workers below; a holder object keeps TypeScript from narrowing it to its initial null.
  const stop: { incomplete: Gathered['incomplete'] } = { incomplete: null };
  const stopFor = (why: NonNullable<Gathered['incomplete']>) => {
    const longest = Math.max(why.retryAfterSeconds, stop.incomplete?.retryAfterSeconds ?? 0);
    stop.incomplete = { reason: stop.incomplete?.reason ?? why.reason, retryAfterSeconds: longest };
  };
  const fresh: StoredActivity[] = [];
  await mapLimit(toRefresh, ctx.tuning.concurrency, async (user) => {
    if (stop.incomplete) return;
    if (options.outOfTime()) {
      stopFor({ reason: 'out-of-time', retryAfterSeconds: 0 });
      return;
    }
    try {
      const { snapshot, calls } = await fetchActivity(ctx, user.accountId, now);
      activityCalls += calls;
      fresh.push(snapshot);
    } catch (e) {
      activityCalls += 1;
      if (e instanceof AtlassianApiError && e.kind === 'rate-limited') {
        stopFor({ reason: 'rate-limited', retryAfterSeconds: e.retryAfterSeconds ?? 60 });
        return;
      }
      throw e;
    }
  });
  // Whatever was fetched is kept even when the batch stops early: the retry skips those users.
  if (fresh.length > 0) await putActivity(fresh);

  const freshById = new Map(fresh.map((snapshot) => [snapshot.accountId, snapshot]));
  const snapshotOf = (user: JiraUser) => freshById.get(user.accountId) ?? cached.get(user.accountId);
  const first = detailed.map((user) => factsFor(user, snapshotOf(user)));
  // A grant the app made (or gave back) shows at once in its own records, before the audit log has it. Read for
  // the few who would otherwise be warned or acted on, so the many others cost nothing.
  const candidates = detailed.filter((user, i) =>
    decideForUser(first[i] as UserFacts, ctx.policy, now).decisions.some((d) => TOUCHING.includes(d.outcome)),
  );
  const appGrants = new Map<string, AppGrants>();
  await mapLimit(candidates, ctx.tuning.concurrency, async (user) => {
    appGrants.set(user.accountId, await appGrantsOf(user.accountId));
  });
  const facts = detailed.map((user, i) => {
    const own = appGrants.get(user.accountId);
    return own ? factsFor(user, snapshotOf(user), own) : (first[i] as UserFacts);
  });
  return {
    facts,
    warnings,
    activityCalls,
    activityNotFetched: peopleIds.length - toRefresh.length,
    jiraCalls,
    locales: new Map(
      detailed.flatMap((user) => (user.locale ? [[user.accountId, user.locale] as const] : [])),
    ),
    incomplete: stop.incomplete,
  };
}
