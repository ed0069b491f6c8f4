// Privileged targets on the admin page: the site read now (what is privileged and why), the allow-list and the
// marked groups. Changes are site admins' only (the resolver refuses others before this runs) and each is audited
// with who made it.
import {
  describePrivilege,
  describeReason,
  type Allowance,
  type PrivilegedSet,
  type PrivilegedTarget,
} from '../../domain/privilege';
import type { Reply, SecurityView } from '../../shared/contract';
import { recordHealth } from '../../storage/health-repository';
import { deleteAllowance, deleteMark, putAllowance, putMark } from '../../storage/privileged-repository';
import { listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import { livePrivileges, type Privileges } from '../privilege/privileged-targets';
import { REFUSALS_HEALTH } from '../provisioning/grant-guard';
import { recordAdminChange } from './admin-audit';
import type { AdminContext } from './admin-context';
import { apiFailure, fail, invalid, ok } from './reply';
import { orgSettingsReadOnly, siteAdminsOnly } from './roles';

async function clientsFor(ctx: AdminContext): Promise<ApiClients> {
  const { settings } = await loadSettings();
  return buildApiClients(ctx.deps, settings, { credentials: { admin: false, scim: false } });
}

async function readSite(ctx: AdminContext, clients: ApiClients): Promise<Privileges> {
  return livePrivileges(clients, ctx.deps.now(), await listRules());
}

function viewOf(ctx: AdminContext, privileges: Privileges): SecurityView {
  const allowed = new Map(privileges.allowances.map((a) => [a.key, a]));
  const privileged = new Set(privileges.set.targets.map((t) => t.key));
  return {
    takenAt: privileges.takenAt,
    targets: privileges.set.targets.map((t) => {
      const allowance = allowed.get(t.key);
      const mark = t.reasons.find((r) => r.kind === 'marked');
      return {
        key: t.key,
        kind: t.key.startsWith('group:') ? ('group' as const) : ('projectRole' as const),
        name: t.name,
        reasons: t.reasons.map(describeReason),
        allowance: allowance ? { by: allowance.by, at: allowance.at } : null,
        mark: mark && mark.kind === 'marked' ? { by: mark.by, at: mark.at } : null,
      };
    }),
    allowances: privileges.allowances
      .map((a) => ({ ...a, stillPrivileged: privileged.has(a.key) }))
      .sort((a, b) => a.at - b.at),
    readOnly: orgSettingsReadOnly(ctx.role),
  };
}

/** Reads the site; an outage is 'unavailable', never a half-drawn view. */
async function withSite<T>(
  ctx: AdminContext,
  run: (clients: ApiClients) => Promise<Reply<T>>,
): Promise<Reply<T>> {
  try {
    return await run(await clientsFor(ctx));
  } catch (e) {
    const failure = apiFailure<T>(e, 'Reading which groups and project roles are privileged');
    if (failure) return failure;
    throw e;
  }
}

/**
 * After an admin changes rules or privileged targets, a past refusal may no longer apply: the health item goes
 * back to ok, and the next refusal, if any, reports itself again.
 */
export async function clearRefusalHealth(ctx: AdminContext, what: string): Promise<void> {
  await recordHealth({
    component: REFUSALS_HEALTH,
    ok: true,
    message: `No grant refused since ${ctx.accountId} changed ${what}.`,
    at: ctx.deps.now(),
  });
}

async function changed(ctx: AdminContext, target: string, targetName: string, reason: string): Promise<void> {
  const at = ctx.deps.now();
  await recordAdminChange({
    action: 'privileged-changed',
    target,
    targetName,
    reason,
    by: ctx.accountId,
    at,
  });
  await clearRefusalHealth(ctx, 'the privileged targets');
}

export function getSecurity(ctx: AdminContext): Promise<Reply<SecurityView>> {
  return withSite(ctx, async (clients) => ok(viewOf(ctx, await readSite(ctx, clients))));
}

function targetIn(set: PrivilegedSet, key: string): PrivilegedTarget | undefined {
  return set.targets.find((t) => t.key === key);
}

export function allowTarget(ctx: AdminContext, key: string): Promise<Reply<SecurityView>> {
  if (ctx.role.kind !== 'site-admin')
    return Promise.resolve({ ok: false, error: siteAdminsOnly(ctx.role, 'allow-list privileged targets') });
  return withSite(ctx, async (clients) => {
    const privileges = await readSite(ctx, clients);
    const target = targetIn(privileges.set, key);
    if (!target)
      return invalid([
        { field: 'key', message: `${key} is not privileged: rules may grant it without an allowance.` },
      ]);
    if (privileges.allowances.some((a) => a.key === key)) return ok(viewOf(ctx, privileges));
    const privilege = describePrivilege(target.name, target);
    const allowance: Allowance = { key, name: target.name, privilege, by: ctx.accountId, at: ctx.deps.now() };
    await putAllowance(allowance);
    await changed(
      ctx,
      key,
      target.name,
      `Allowed rules to grant ${target.name}, having confirmed the risk. ${privilege}.`,
    );
    return ok(viewOf(ctx, { ...privileges, allowances: [...privileges.allowances, allowance] }));
  });
}

export function disallowTarget(ctx: AdminContext, key: string): Promise<Reply<SecurityView>> {
  if (ctx.role.kind !== 'site-admin')
    return Promise.resolve({ ok: false, error: siteAdminsOnly(ctx.role, 'withdraw allowances') });
  return withSite(ctx, async (clients) => {
    const privileges = await readSite(ctx, clients);
    const allowance = privileges.allowances.find((a) => a.key === key);
    if (!allowance) return fail('not-found', `${key} is not allow-listed; nothing to withdraw.`);
    await deleteAllowance(key);
    await changed(
      ctx,
      key,
      allowance.name,
      `Withdrew the allowance for ${allowance.name} (allowed by ${allowance.by}): rules may no longer grant it while it is privileged.`,
    );
    return ok(viewOf(ctx, { ...privileges, allowances: privileges.allowances.filter((a) => a.key !== key) }));
  });
}

export function markGroup(ctx: AdminContext, groupId: string, marked: boolean): Promise<Reply<SecurityView>> {
  if (ctx.role.kind !== 'site-admin')
    return Promise.resolve({ ok: false, error: siteAdminsOnly(ctx.role, 'mark groups privileged') });
  return withSite(ctx, async (clients) => {
    const [group] = await clients.jira.groupsById([groupId]);
    if (!group) return invalid([{ field: 'groupId', message: `There is no group ${groupId} on this site.` }]);
    const key = `group:${groupId}`;
    const before = await readSite(ctx, clients);
    const wasMarked = targetIn(before.set, key)?.reasons.some((r) => r.kind === 'marked') ?? false;
    if (wasMarked !== marked) {
      if (marked) await putMark({ groupId, name: group.name, by: ctx.accountId, at: ctx.deps.now() });
      else await deleteMark(groupId);
      await changed(
        ctx,
        key,
        group.name,
        marked
          ? `Marked group "${group.name}" privileged: rules may not grant it unless a site admin allow-lists it.`
          : `Group "${group.name}" is no longer marked privileged (it stays privileged if the site says so).`,
      );
    }
    return ok(viewOf(ctx, await readSite(ctx, clients)));
  });
}
