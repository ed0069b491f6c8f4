// createSite: the emulated Atlassian site (Jira, Confluence, Admin API, SCIM, user management) behind the
// SiteApi seam, plus the typed control surface tests use (the same operations the HTTP control API offers).
import type { AppProduct, Clock, ProductEvent, SiteApi, SiteRequest, SiteResponse } from '../contracts';
import { addMember } from './actions/membership-actions';
import { EventBus } from './events/event-bus';
import { FaultInjector, type FaultConfig } from './faults';
import { createSpecValidator } from './openapi/spec-validator';
import type { SpecValidator } from './openapi/types';
import { deterministicAccountId } from './prng';
import { RateLimiter, type RateLimitConfig } from './rate-limits';
import { RequestPipeline, type RequestLogEntry } from './request-pipeline';
import { createRouter } from './routes';
import { createScimControl, type ScimControl } from './scim/scim-control';
import { baseState } from './seed/base-site';
import { JIRA_ADMIN, SITE_ADMIN, seededIdentity } from './seed/identity';
import { applySeed, seatsFor, type SeedSpec } from './seed/seeds';
import {
  adminSetMembership,
  recordActivity,
  simulateInvite,
  simulateJitLogin,
  type AccountCreation,
  type InviteInput,
  type JitLoginInput,
} from './simulations';
import type { SiteContext } from './site-context';
import { SpecChecker, type RecordedViolation, type ValidationStats } from './spec-checker';
import type { GlobalPermissionKey } from './state/site-state';
import type {
  Account,
  AuditRecord,
  Group,
  InstalledApp,
  IssueNotification,
  PermissionHolder,
} from './state/types';

export type { SeedSpec } from './seed/seeds';

export interface SiteOptions {
  clock: Clock;
  /** How injected latency waits; the platform decides whether that is real or virtual time. */
  delay?: (ms: number) => Promise<void>;
  /** The OpenAPI checker; `false` turns checking off. Default: the checker over emulator/specs. */
  validator?: SpecValidator | false;
  /** Tests: record request violations and throw on response violations (an emulator bug). */
  strictSpec?: boolean;
  onSpecViolation?: (violation: RecordedViolation) => void;
  /** Default `demo`. */
  seed?: SeedSpec;
  /** Default: the documented limits. */
  rateLimits?: Partial<RateLimitConfig> | 'off' | 'default';
  faults?: FaultConfig;
  /** How many requests the log keeps (oldest dropped first). Default 10,000. */
  requestLogLimit?: number;
  /**
   * The Atlassian apps the site has (default Jira and Confluence). Without Confluence the site emits no Confluence
   * events and answers nothing under /wiki.
   */
  products?: readonly AppProduct[];
}

export interface SiteCredentials {
  siteUrl: string;
  cloudId: string;
  /** `ari:cloud:jira::site/<cloudId>`, what Forge gives the app as its context. */
  siteAri: string;
  orgId: string;
  orgName: string;
  /** Bearer key for https://api.atlassian.com/admin and /users (the user-management API). */
  orgApiKey: string;
  directoryId: string;
  /** Bearer key for https://api.atlassian.com/scim/directory/<directoryId>. */
  scimKey: string;
  verifiedDomains: string[];
  siteAdmin: { accountId: string; email: string; apiToken: string };
  jiraAdmin: { accountId: string; email: string; apiToken: string };
  otherSites: Array<{ cloudId: string; url: string }>;
  /** An org whose key is valid but grants nothing here (for 403 tests). */
  foreignOrg: { orgId: string; apiKey: string };
}

export interface AccountSnapshot {
  accountId: string;
  accountType: 'atlassian' | 'app';
  email: string;
  displayName: string;
  accountStatus: string;
  membershipStatus?: string;
  managed: boolean;
  /** Active in Jira's sense (can log in, not suspended). */
  active: boolean;
  groups: string[];
  /** Product roles the account holds right now (jira-software, confluence). */
  products: string[];
  jobTitle?: string;
  department?: string;
  organization?: string;
  timeZone: string;
}

export interface GroupSnapshot {
  groupId: string;
  name: string;
  members: number;
  /** Synced from the IdP through SCIM (read-only everywhere else). */
  synced: boolean;
  /** Product roles the group grants. */
  grants: string[];
}

export interface Site extends SiteApi {
  readonly siteUrl: string;
  simulateJitLogin(input: JitLoginInput): AccountCreation;
  simulateInvite(input: InviteInput): AccountCreation;
  recordActivity(accountId: string, productKey: string, atEpochMs?: number, cloudId?: string): void;
  /** An admin adds/removes a member by hand (audited, no event). Returns whether anything changed. */
  setGroupMembership(accountId: string, groupName: string, member: boolean): boolean;
  /**
   * An admin changes who holds a global permission: Jira's (ADMINISTER, SYSTEM_ADMIN, …; SYSTEM_ADMIN is what
   * the site-admin and org-admin roles carry) or Confluence's `administer`. Takes effect at once.
   */
  setGlobalPermission(
    permission: GlobalPermissionKey | 'CONFLUENCE_ADMINISTER',
    groupName: string,
    granted: boolean,
  ): void;
  /**
   * An admin edits the permission scheme a project uses (shared by every project on that scheme, as in Jira):
   * grants or revokes a project permission to a project role (by id or name) or a group.
   */
  setProjectPermission(
    projectKey: string,
    permission: string,
    holder: { projectRole: number | string } | { group: string },
    granted: boolean,
  ): void;
  readonly scim: ScimControl;
  setFaults(config: FaultConfig | null): void;
  faults(): FaultConfig;
  setRateLimits(config: Partial<RateLimitConfig> | 'off' | 'default'): RateLimitConfig;
  rateLimits(): RateLimitConfig;
  /** How long the Admin API lags behind activity (Atlassian: up to 24 h). */
  setLastActiveLag(ms: number): void;
  /** How long Jira's audit log takes to list a change (records appear a little after it). */
  setAuditLag(ms: number): void;
  /** Back to the last seed (or `seed`), history, logs, events, violations and rate-limit windows cleared. */
  reset(seed?: SeedSpec): void;
  seedDemo(): SiteCredentials;
  seedScale(users: number): SiteCredentials;
  credentials(): SiteCredentials;
  account(accountIdOrEmail: string): AccountSnapshot | undefined;
  /** Accounts in creation order, a page at a time. */
  accounts(start?: number, limit?: number): { total: number; accounts: AccountSnapshot[] };
  groups(): GroupSnapshot[];
  userGroups(accountId: string): Array<{ groupId: string; name: string }>;
  groupMembers(groupName: string): string[];
  projectRoleActors(projectKey: string, role: number | string): { users: string[]; groups: string[] };
  /** Oldest first. */
  auditRecords(): AuditRecord[];
  emittedEvents(): ProductEvent[];
  requestLog(): RequestLogEntry[];
  specViolations(): RecordedViolation[];
  validationStats(): ValidationStats;
  notifications(): IssueNotification[];
  installedApps(): InstalledApp[];
}

function defaultDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createSite(options: SiteOptions): Site {
  const products: readonly AppProduct[] = options.products ?? ['jira', 'confluence'];
  const events = new EventBus((event) => products.some((p) => event.eventType.startsWith(`avi:${p}:`)));
  let seed: SeedSpec = options.seed ?? 'demo';
  const ctx: SiteContext = {
    state: baseState(seededIdentity(), seatsFor('empty')),
    clock: options.clock,
    events,
  };
  const apps = new Map<string, { appId: string; name: string }>();
  const validator = options.validator === false ? undefined : (options.validator ?? createSpecValidator());
  const checker = new SpecChecker({
    validator,
    strict: options.strictSpec ?? false,
    ...(options.onSpecViolation ? { onViolation: options.onSpecViolation } : {}),
  });
  const limiter = new RateLimiter(options.clock);
  if (options.rateLimits) limiter.configure(options.rateLimits);
  const faults = new FaultInjector();
  if (options.faults) faults.configure(options.faults);
  const pipeline = new RequestPipeline({
    context: ctx,
    router: createRouter(),
    checker,
    limiter,
    faults,
    delay: options.delay ?? defaultDelay,
    strict: options.strictSpec ?? false,
    requestLogLimit: options.requestLogLimit ?? 10_000,
  });

  function installAppAccount(app: { appId: string; name: string }): string {
    const { state } = ctx;
    const existing = state.installedApps.get(app.appId);
    if (existing) return existing.accountId;
    const accountId = deterministicAccountId(`app:${app.appId}`, 0);
    state.accounts.add({
      accountId,
      accountType: 'app',
      email: '',
      displayName: app.name,
      nickname: app.name,
      accountStatus: 'active',
      timeZone: 'Etc/UTC',
      locale: 'en_US',
      createdAt: options.clock.now(),
      appId: app.appId,
      apiTokens: [],
    });
    const addons = state.groups.byName('atlassian-addons-admin');
    if (addons) addMember(ctx, addons, accountId, { author: { eventSource: 'Forge' }, audit: false });
    state.installedApps.set(app.appId, { appId: app.appId, name: app.name, accountId });
    return accountId;
  }

  function reseed(next: SeedSpec): void {
    seed = next;
    applySeed(ctx, next);
    for (const app of apps.values()) installAppAccount(app);
    events.clearHistory();
    pipeline.clearLog();
    checker.reset();
    limiter.reset();
  }

  function credentials(): SiteCredentials {
    const { state } = ctx;
    const admin = state.accounts.byEmail(SITE_ADMIN.email);
    const jiraAdmin = state.accounts.byEmail(JIRA_ADMIN.email);
    const foreign = state.identity.foreignOrgs[0];
    return {
      siteUrl: state.site.url,
      cloudId: state.site.cloudId,
      siteAri: `ari:cloud:jira::site/${state.site.cloudId}`,
      orgId: state.org.orgId,
      orgName: state.org.name,
      orgApiKey: state.org.apiKeys[0] ?? '',
      directoryId: state.directory.directoryId,
      scimKey: state.directory.scimKey,
      verifiedDomains: [...state.org.verifiedDomains],
      siteAdmin: {
        accountId: admin?.accountId ?? '',
        email: SITE_ADMIN.email,
        apiToken: SITE_ADMIN.apiToken,
      },
      jiraAdmin: {
        accountId: jiraAdmin?.accountId ?? '',
        email: JIRA_ADMIN.email,
        apiToken: JIRA_ADMIN.apiToken,
      },
      otherSites: state.identity.otherSites.map((s) => ({ cloudId: s.cloudId, url: s.url })),
      foreignOrg: { orgId: foreign?.orgId ?? '', apiKey: foreign?.apiKeys[0] ?? '' },
    };
  }

  function groupsOf(accountId: string): Group[] {
    const { state } = ctx;
    return [...state.groups.groupsOf(accountId)]
      .map((id) => state.groups.get(id))
      .filter((g): g is Group => g !== undefined)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  function snapshot(account: Account): AccountSnapshot {
    const { state } = ctx;
    const membership = state.directoryMembers.get(account.accountId);
    return {
      accountId: account.accountId,
      accountType: account.accountType,
      email: account.email,
      displayName: account.displayName,
      accountStatus: account.accountStatus,
      ...(membership ? { membershipStatus: membership.status } : {}),
      managed: account.accountType === 'atlassian' && state.isManaged(account.email),
      active: state.isActiveInJira(account.accountId),
      groups: groupsOf(account.accountId).map((g) => g.name),
      products: state.licences.rolesOf(account.accountId),
      ...(account.jobTitle !== undefined ? { jobTitle: account.jobTitle } : {}),
      ...(account.department !== undefined ? { department: account.department } : {}),
      ...(account.organization !== undefined ? { organization: account.organization } : {}),
      timeZone: account.timeZone,
    };
  }

  reseed(seed);

  const site: Site = {
    get cloudId() {
      return ctx.state.site.cloudId;
    },
    get siteUrl() {
      return ctx.state.site.url;
    },
    handle: (request: SiteRequest): Promise<SiteResponse> =>
      request.product === 'confluence' && !products.includes('confluence')
        ? Promise.resolve({
            status: 404,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ statusCode: 404, message: 'This site has no Confluence.' }),
          })
        : pipeline.handle(request),
    products: () => products,
    onProductEvent: (listener) => events.subscribe(listener),
    installApp(app) {
      if (!app.appId) throw new RangeError('installApp needs an appId');
      apps.set(app.appId, { appId: app.appId, name: app.name });
      return { appAccountId: installAppAccount(app) };
    },
    userCanUseApp(accountId, products) {
      const { state } = ctx;
      const account = state.accounts.get(accountId);
      if (!account || account.accountType !== 'atlassian' || !state.isActiveInJira(accountId)) return false;
      const roles = state.licences.rolesOf(accountId);
      return products.some((product) =>
        roles.some((role) => (product === 'jira' ? role.startsWith('jira') : role === product)),
      );
    },
    simulateJitLogin: (input) => simulateJitLogin(ctx, input),
    simulateInvite: (input) => simulateInvite(ctx, input),
    recordActivity: (accountId, productKey, atEpochMs, cloudId) =>
      recordActivity(
        ctx,
        accountId,
        productKey,
        atEpochMs ?? options.clock.now(),
        cloudId ?? ctx.state.site.cloudId,
      ),
    setGroupMembership: (accountId, groupName, member) =>
      adminSetMembership(ctx, accountId, groupName, member),
    setGlobalPermission(permission, groupName, granted) {
      const group = ctx.state.groups.byName(groupName);
      if (!group) throw new RangeError(`no group named "${groupName}"`);
      const holders =
        permission === 'CONFLUENCE_ADMINISTER'
          ? ctx.state.confluenceAdminGroups
          : (ctx.state.globalPermissions.get(permission) ??
            ctx.state.globalPermissions.set(permission, new Set()).get(permission)!);
      if (granted) holders.add(group.groupId);
      else holders.delete(group.groupId);
    },
    setProjectPermission(projectKey, permission, holder, granted) {
      const { state } = ctx;
      const project = state.projects.find(projectKey);
      const scheme = project ? state.projects.schemeOf(project) : undefined;
      if (!project || !scheme) throw new RangeError(`no project ${projectKey} with a permission scheme`);
      let target: PermissionHolder;
      if ('group' in holder) {
        const group = state.groups.byName(holder.group);
        if (!group) throw new RangeError(`no group named "${holder.group}"`);
        target = { type: 'group', groupId: group.groupId };
      } else {
        const role =
          typeof holder.projectRole === 'number'
            ? state.projects.role(holder.projectRole)
            : state.projects.roleDefinitions().find((r) => r.name === holder.projectRole);
        if (!role) throw new RangeError(`no project role ${String(holder.projectRole)}`);
        target = { type: 'projectRole', roleId: role.id };
      }
      if (granted) state.projects.grant(scheme, permission, target);
      else state.projects.revoke(scheme, permission, target);
    },
    scim: createScimControl(ctx),
    setFaults: (config) => faults.configure(config),
    faults: () => faults.current(),
    setRateLimits: (config) => limiter.configure(config),
    rateLimits: () => limiter.current(),
    setLastActiveLag(ms) {
      if (!(ms >= 0)) throw new RangeError(`last-active lag must be >= 0 ms, got ${ms}`);
      ctx.state.settings.lastActiveLagMs = ms;
    },
    setAuditLag(ms) {
      if (!(ms >= 0)) throw new RangeError(`audit lag must be >= 0 ms, got ${ms}`);
      ctx.state.settings.auditLagMs = ms;
    },
    reset: (next) => reseed(next ?? seed),
    seedDemo() {
      reseed('demo');
      return credentials();
    },
    seedScale(users) {
      reseed({ scale: users });
      return credentials();
    },
    credentials,
    account: (idOrEmail) => {
      const { state } = ctx;
      const account = state.accounts.get(idOrEmail) ?? state.accounts.byEmail(idOrEmail);
      return account ? snapshot(account) : undefined;
    },
    accounts(start = 0, limit = 100) {
      if (!(start >= 0) || !(limit >= 0))
        throw new RangeError('accounts(start, limit) needs non-negative numbers');
      return {
        total: ctx.state.accounts.size,
        accounts: ctx.state.accounts.slice(start, start + limit).map(snapshot),
      };
    },
    groups: () =>
      ctx.state.groups.list().map((g) => ({
        groupId: g.groupId,
        name: g.name,
        members: ctx.state.groups.memberCount(g.groupId),
        synced: g.source.kind === 'scim',
        grants: [...ctx.state.licences.rolesGrantedBy(g.groupId)],
      })),
    userGroups: (accountId) => groupsOf(accountId).map((g) => ({ groupId: g.groupId, name: g.name })),
    groupMembers(groupName) {
      const group = ctx.state.groups.byName(groupName);
      if (!group) throw new RangeError(`no group named "${groupName}"`);
      return [...ctx.state.groups.membersOf(group.groupId)];
    },
    projectRoleActors(projectKey, role) {
      const { state } = ctx;
      const project = state.projects.find(projectKey);
      if (!project) throw new RangeError(`no project ${projectKey}`);
      const definition =
        typeof role === 'number'
          ? state.projects.role(role)
          : state.projects.roleDefinitions().find((r) => r.name === role);
      if (!definition) throw new RangeError(`no project role ${String(role)}`);
      const actors = state.projects.actors(project, definition.id);
      return {
        users: [...actors.users.keys()],
        groups: [...actors.groups.keys()].map((id) => state.groups.get(id)?.name ?? id),
      };
    },
    auditRecords: () => [...ctx.state.audit.all()],
    emittedEvents: () => [...events.history()],
    requestLog: () => [...pipeline.requestLog()],
    specViolations: () => [...checker.violations()],
    validationStats: () => checker.counters(),
    notifications: () => [...ctx.state.notifications],
    installedApps: () => [...ctx.state.installedApps.values()],
  };
  return site;
}
