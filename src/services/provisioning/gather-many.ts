// Gathers many users' attributes with a few bulk calls instead of one call per user and source: Jira's
// `/user/bulk` and `/user/email/bulk`, and the Admin API's user search (profile fields and, with them, each
// user's groups). Whatever a batch cannot answer for a user (not in the directory, a locale a rule reads) is read
// for that user alone, so a batch gives every user exactly what the one-by-one path would.
import type { DirectoryUser, ManagedProfile } from '../../clients/admin-types';
import type { JiraUser } from '../../clients/jira-types';
import { EVERY_SOURCE, type AttributePlan } from '../../domain/attribute-plan';
import type { AppSettings } from '../../shared/settings';
import type { ApiClients } from '../api-clients';
import { classify } from '../failures';
import { provisioningTuning } from './provisioning-tuning';
import {
  gatherAttributes,
  readsEmail,
  readsOneByOne,
  SourceFailedError,
  type GatheredUser,
  type SourceReads,
} from './gather-attributes';

/** Reads one user's attributes: one by one, or out of a batch read for many users. */
export interface AttributeReader {
  /** Throws SourceFailedError when a source the user needs failed for good, AtlassianApiError when it may pass. */
  read(accountId: string): Promise<GatheredUser>;
}

/**
 * One call per user and source (the low-latency path for a single user); every enabled source when tuning asks
 * for the old reads.
 */
export function readOneByOne(
  clients: ApiClients,
  settings: AppSettings,
  plan: AttributePlan,
): AttributeReader {
  const reads = provisioningTuning().attributeReads === 'as-needed' ? plan : EVERY_SOURCE;
  return { read: (accountId) => gatherAttributes(accountId, clients, settings, reads) };
}

const byName = (a: { name: string }, b: { name: string }) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** What the Admin API's directory says of a user, as the user-management profile would (managed accounts only). */
function directoryProfile(user: DirectoryUser): ManagedProfile | 'unmanaged' {
  if (user.claimStatus === 'unmanaged') return 'unmanaged';
  return {
    jobTitle: user.jobTitle ?? null,
    department: user.department ?? null,
    organization: user.organization ?? null,
    location: user.location ?? null,
    timeZone: user.timeZone ?? null,
  };
}

/**
 * A bulk read, or `undefined` when it is refused for good (a permission, a missing scope): each user is then read
 * alone, where the refusal (or the answer) is exactly what the one-by-one path would meet. A failure that may
 * pass (a rate limit, an outage) propagates: the whole batch is tried again later.
 */
async function orAlone<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (e) {
    if (classify(e).kind !== 'refused') throw e;
    return undefined;
  }
}

/**
 * The facts of many users read in bulk up front, each source answering from the batch where it can and with a
 * call of its own where it cannot.
 */
class BatchReads implements SourceReads {
  private readonly single: SourceReads;

  private constructor(
    clients: ApiClients,
    /** Jira users from `/user/bulk`, with their groups from the directory: complete without a call of their own. */
    private readonly jira: ReadonlyMap<string, JiraUser>,
    private readonly emails: ReadonlyMap<string, string> | undefined,
    private readonly directory: ReadonlyMap<string, DirectoryUser>,
  ) {
    this.single = readsOneByOne(clients);
  }

  static async load(
    accountIds: readonly string[],
    clients: ApiClients,
    settings: AppSettings,
    plan: AttributePlan,
  ): Promise<BatchReads> {
    const wantsEmail = readsEmail(settings, plan);
    // The directory's user search gives each user's groups (and the profile fields): with it, `/user/bulk`
    // completes the Jira user. Jira's bulk answer carries no locale, so a rule set reading the language reads
    // each Jira user alone (SCIM or pushed attributes may still fill it, as they would otherwise).
    const viaDirectory = clients.admin !== undefined && !plan.reads('preferredLanguage');
    const directoryNeeded =
      viaDirectory || (settings.sources.orgDirectory.enabled && plan.sources.has('org-directory'));
    const admin = clients.admin;
    const [directoryUsers, jiraUsers, emails] = await Promise.all([
      directoryNeeded && admin ? orAlone(admin.searchUsers(accountIds, { groups: viaDirectory })) : undefined,
      viaDirectory ? orAlone(clients.jira.usersByIds(accountIds)) : undefined,
      wantsEmail ? orAlone(clients.jira.emailsByIds(accountIds)) : undefined,
    ]);
    const directory = new Map((directoryUsers ?? []).map((u) => [u.accountId, u]));
    const jira = new Map<string, JiraUser>();
    for (const user of jiraUsers ?? []) {
      // Groups (ids and names) come from the directory; a user it does not hold is read from Jira alone.
      const groups = directory.get(user.accountId)?.groups;
      if (!groups) continue;
      const items = groups
        .flatMap((g) => (g.id && g.name ? [{ name: g.name, groupId: g.id }] : []))
        .sort(byName);
      jira.set(user.accountId, { ...user, groups: { size: items.length, items } });
    }
    return new BatchReads(
      clients,
      jira,
      emails && new Map(emails.map((e) => [e.accountId, e.email])),
      directory,
    );
  }

  jiraUser(accountId: string): Promise<JiraUser> {
    const known = this.jira.get(accountId);
    return known ? Promise.resolve(known) : this.single.jiraUser(accountId);
  }

  email(accountId: string): Promise<string | undefined> {
    // The bulk answer lists every account Jira has an email for: absent means none.
    return this.emails ? Promise.resolve(this.emails.get(accountId)) : this.single.email(accountId);
  }

  scimUser(email: string) {
    // SCIM filters take one userName: no batch to read from.
    return this.single.scimUser(email);
  }

  directoryProfile(accountId: string): Promise<ManagedProfile | 'unmanaged' | undefined> {
    const user = this.directory.get(accountId);
    // Not in the directory: the user-management profile may still exist (a managed account outside it).
    return user ? Promise.resolve(directoryProfile(user)) : this.single.directoryProfile(accountId);
  }

  pushed(accountId: string) {
    return this.single.pushed(accountId);
  }
}

/**
 * The reader for work on `accountIds`: a batch read when there are several of them, the context's one-by-one
 * reader otherwise (and always, when tuning asks for the old every-source, one-by-one reads).
 */
export function readerFor(
  accountIds: readonly string[],
  ctx: { clients: ApiClients; settings: AppSettings; attributePlan: AttributePlan; reader: AttributeReader },
): AttributeReader {
  if (accountIds.length < 2 || provisioningTuning().attributeReads !== 'as-needed') return ctx.reader;
  return new BatchReader(accountIds, ctx.clients, ctx.settings, ctx.attributePlan);
}

/**
 * Reads a batch of users together: the bulk calls happen on the first read, and a read of someone outside the
 * batch goes one by one. A failed bulk read is not remembered: the next read tries it again.
 */
export class BatchReader implements AttributeReader {
  private loading: Promise<BatchReads> | undefined;
  private readonly members: ReadonlySet<string>;

  constructor(
    private readonly accountIds: readonly string[],
    private readonly clients: ApiClients,
    private readonly settings: AppSettings,
    private readonly plan: AttributePlan,
  ) {
    this.members = new Set(accountIds);
  }

  async read(accountId: string): Promise<GatheredUser> {
    if (!this.members.has(accountId))
      return gatherAttributes(accountId, this.clients, this.settings, this.plan);
    const loading = (this.loading ??= BatchReads.load(
      this.accountIds,
      this.clients,
      this.settings,
      this.plan,
    ));
    let reads: BatchReads;
    try {
      reads = await loading;
    } catch (e) {
      if (this.loading === loading) this.loading = undefined;
      throw e;
    }
    return gatherAttributes(accountId, this.clients, this.settings, this.plan, reads);
  }
}

export { SourceFailedError };
