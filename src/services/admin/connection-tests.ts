// "Test connection" in Settings: each source checked with read-only calls, and the group write path with reads
// then one real, audited group change (write-probe.ts), each with a message naming what to fix. The verdict is also kept as that component's health for the Overview.
import { isDeepStrictEqual } from 'node:util';
import { AtlassianApiError, ProxyRefusedError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import type { ConnectionTarget, ConnectionTestView, Reply } from '../../shared/contract';
import type { AppSettings } from '../../shared/settings';
import { recordHealth } from '../../storage/health-repository';
import { secretStatus } from '../../storage/secrets-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import type { AdminContext } from './admin-context';
import { ok } from './reply';
import { siteAdminsOnly } from './roles';
import { probeGroupWrite } from './write-probe';

type Check = ConnectionTestView['checks'][number];

/** Which health component a test speaks for. */
export const HEALTH_OF_TARGET: Record<ConnectionTarget, string> = {
  'org-api': 'source:org-directory',
  scim: 'source:scim',
  'write-path': 'write-path',
};

function reasonOf(e: unknown): string {
  if (e instanceof AtlassianApiError) return `${e.status || e.kind}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Runs checks in order, stopping at the first failure (later ones depend on it). */
async function runChecks(steps: Array<() => Promise<Check>>): Promise<Check[]> {
  const checks: Check[] = [];
  for (const step of steps) {
    const check = await step();
    checks.push(check);
    if (!check.ok) break;
  }
  return checks;
}

function orgKeyAdvice(e: unknown, what: string): string {
  if (e instanceof AtlassianApiError) {
    if (e.status === 401)
      return `${what}: the org API key was refused (invalid or expired). Create a new key at admin.atlassian.com → Settings → API keys and save it here.`;
    if (e.kind === 'forbidden')
      return `${what}: the key may not read this organization (a key for another organization, or one with scopes). Check the organization id and use a key without scopes.`;
    if (e.kind === 'not-found')
      return `${what}: not found. Check the id (admin.atlassian.com shows it in the address bar).`;
    if (e.transient) return `${what}: Atlassian did not answer (${reasonOf(e)}); try again in a minute.`;
  }
  return `${what}: ${reasonOf(e)}`;
}

async function testOrgApi(ctx: AdminContext, settings: AppSettings): Promise<Check[]> {
  const clients = await buildApiClients(ctx.deps, settings);
  const keySet = (await secretStatus('org-api-key')).isSet;
  return runChecks([
    () => {
      const missing = [
        ...(settings.org.orgId ? [] : ['the organization id']),
        ...(settings.org.directoryId ? [] : ['the directory id']),
        ...(keySet ? [] : ['the org API key']),
      ];
      return Promise.resolve(
        missing.length > 0
          ? { name: 'Configured', ok: false, message: `Set ${missing.join(', ')} first.` }
          : { name: 'Configured', ok: true, message: 'Organization id, directory id and key are set.' },
      );
    },
    async () => {
      try {
        const org = await clients.admin!.organization();
        return {
          name: 'Organization',
          ok: true,
          message: `The key reads organization "${org.data.attributes.name ?? org.data.id}".`,
        };
      } catch (e) {
        return {
          name: 'Organization',
          ok: false,
          message: orgKeyAdvice(e, `Organization ${settings.org.orgId}`),
        };
      }
    },
    async () => {
      try {
        await clients.admin!.directoryUsers(undefined, 1);
        return { name: 'Directory', ok: true, message: "The directory's users can be read." };
      } catch (e) {
        return {
          name: 'Directory',
          ok: false,
          message: orgKeyAdvice(e, `Directory ${settings.org.directoryId}`),
        };
      }
    },
  ]);
}

async function testScim(ctx: AdminContext, settings: AppSettings): Promise<Check[]> {
  const directoryId = settings.org.directoryId;
  const keySet = (await secretStatus('scim-directory-key')).isSet;
  // Test the directory even while the source is switched off, so it can be checked before it is turned on.
  const clients = await buildApiClients(ctx.deps, {
    ...settings,
    sources: { ...settings.sources, scim: { enabled: true } },
  });
  const missing = [
    ...(directoryId ? [] : ['the directory id']),
    ...(keySet ? [] : ['the SCIM directory API key']),
  ];
  return runChecks([
    () =>
      Promise.resolve(
        missing.length > 0
          ? { name: 'Configured', ok: false, message: `Set ${missing.join(' and ')} first.` }
          : { name: 'Configured', ok: true, message: 'Directory id and key are set.' },
      ),
    async () => {
      try {
        const list = await clients.scim!.listUsers(1, 1);
        return {
          name: 'SCIM directory',
          ok: true,
          message: `The directory answers (${list.totalResults} users).`,
        };
      } catch (e) {
        const advice =
          e instanceof AtlassianApiError && (e.kind === 'forbidden' || e.kind === 'not-found')
            ? 'the directory id or its API key is wrong (the key is shown once when the identity provider is connected in admin.atlassian.com; regenerate it there if lost).'
            : reasonOf(e);
        return { name: 'SCIM directory', ok: false, message: `SCIM directory ${directoryId}: ${advice}` };
      }
    },
  ]);
}

async function siteAdminGroupIds(jira: JiraClient): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let startAt = 0; ;) {
    const page = await jira.groupsByAccessType('site-admin', startAt, 50);
    for (const g of page.values) if (g.groupId) ids.add(g.groupId);
    startAt += page.values.length;
    if (page.isLast || page.values.length === 0 || startAt >= page.total) return ids;
  }
}

async function isSiteAdmin(jira: JiraClient, accountId: string): Promise<boolean> {
  const [admins, groups] = await Promise.all([siteAdminGroupIds(jira), jira.userGroups(accountId)]);
  return groups.some((g) => g.groupId !== null && admins.has(g.groupId));
}

/** The read checks first (can the path work at all?), then a real group change when they pass. */
async function testWritePath(ctx: AdminContext, settings: AppSettings): Promise<Check[]> {
  const reads = await writePathReads(ctx, settings);
  if (reads.some((c) => !c.ok)) return reads;
  const clients = await buildApiClients(ctx.deps, settings);
  try {
    return [...reads, await probeGroupWrite(ctx.deps, settings, clients, ctx.accountId)];
  } catch (e) {
    return [...reads, { name: 'A real group change', ok: false, message: `Could not try: ${reasonOf(e)}` }];
  }
}

async function writePathReads(ctx: AdminContext, settings: AppSettings): Promise<Check[]> {
  const path = settings.groupWritePath;
  if (path.mode === 'org-admin-api') return testOrgApi(ctx, settings);
  const clients = await buildApiClients(ctx.deps, settings);
  if (path.mode === 'app-account')
    return runChecks([
      async () => {
        try {
          const me = await clients.jira.myself();
          return (await isSiteAdmin(clients.jira, me.accountId))
            ? {
                name: 'App account is a site admin',
                ok: true,
                message: "The app's account is in a site-admin group.",
              }
            : {
                name: 'App account is a site admin',
                ok: false,
                message: `The app's own account is not a site admin, so Atlassian refuses its group changes. Use the org API key or a site admin to act as instead (recommended), or add the app's account to the site-admins group.`,
              };
        } catch (e) {
          return {
            name: 'App account is a site admin',
            ok: false,
            message: `Could not check: ${reasonOf(e)}`,
          };
        }
      },
    ]);
  const admin = path.adminAccountId;
  return runChecks([
    async () => {
      try {
        const me = await clients.jiraAs(admin).myself();
        const who = me.displayName || 'the chosen admin';
        return { name: 'Acting as the admin', ok: true, message: `The app can act as ${who}.` };
      } catch (e) {
        const refused = e instanceof ProxyRefusedError && e.reason === 'impersonation';
        return {
          name: 'Acting as the admin',
          ok: false,
          message: refused
            ? `The app cannot act as the chosen admin: Forge lets an app act only as someone who can use it (an active account with access to Jira or Confluence on this site). Give that admin product access, or choose another site admin.`
            : `The app cannot act as the chosen admin: ${reasonOf(e)}`,
        };
      }
    },
    async () => {
      try {
        return (await isSiteAdmin(clients.jira, admin))
          ? {
              name: 'The admin is a site admin',
              ok: true,
              message: 'The chosen admin is in a site-admin group.',
            }
          : {
              name: 'The admin is a site admin',
              ok: false,
              message: `The chosen admin is not a site admin (being a Jira administrator is not enough to change group membership). Choose a site admin to act as.`,
            };
      } catch (e) {
        return { name: 'The admin is a site admin', ok: false, message: `Could not check: ${reasonOf(e)}` };
      }
    },
  ]);
}

export async function testConnection(
  ctx: AdminContext,
  target: ConnectionTarget,
  draft?: AppSettings,
): Promise<Reply<ConnectionTestView>> {
  const saved = (await loadSettings()).settings;
  // Unsaved settings are tested with the stored keys and the admin to act as: a site admin's to try.
  if (draft && ctx.role.kind !== 'site-admin' && !isDeepStrictEqual(draft, saved))
    return { ok: false, error: siteAdminsOnly(ctx.role, 'test settings that are not saved') };
  const settings = draft ?? saved;
  const checks =
    target === 'org-api'
      ? await testOrgApi(ctx, settings)
      : target === 'scim'
        ? await testScim(ctx, settings)
        : await testWritePath(ctx, settings);
  const failed = checks.find((c) => !c.ok);
  const checkedAt = ctx.deps.now();
  const message = failed ? failed.message : checks.map((c) => c.message).join(' ');
  // Only what is saved is the app's health; a draft's verdict is the admin's to act on.
  if (!draft || isDeepStrictEqual(draft, saved))
    await recordHealth({ component: HEALTH_OF_TARGET[target], ok: !failed, message, at: checkedAt });
  return ok({ target, ok: !failed, message, checks, checkedAt });
}
