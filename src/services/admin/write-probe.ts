// The write half of "Test the write path": the app adds its own account to a harmless group through the chosen
// write path and takes it out again, so a pass means group changes really work, not only that reads do. Both
// changes are audited with the admin who ran the test as the actor.
import type { AuditEntry } from '../../shared/audit';
import type { Rule } from '../../domain/rules';
import type { AppSettings } from '../../shared/settings';
import { appendAudit } from '../../storage/audit-repository';
import { listRules } from '../../storage/rules-repository';
import type { ApiClients } from '../api-clients';
import { auditId } from '../audit-ids';
import { siteCatalogue } from '../inactivity/site-catalogue';
import { privilegeOf } from '../../domain/privilege';
import { currentPrivileges } from '../privilege/privileged-targets';
import { createGrantGuard } from '../provisioning/grant-guard';
import { createGrantWriter } from '../provisioning/grant-writer';
import type { RuntimeDeps } from '../runtime-deps';

/** A group an admin may create for the test; used first when it exists, so the test touches nothing else. */
export const WRITE_PROBE_GROUP = 'jit-access-write-test';

export interface ProbeCheck {
  name: string;
  ok: boolean;
  message: string;
}

const NAME = 'A real group change';

interface Candidate {
  groupId: string;
  name: string;
}

/**
 * Groups the test may touch: not privileged (an admin group, even allow-listed), not a licence group (a
 * membership there takes a seat), not granted by any rule (the app's own bookkeeping stays clean), not one the
 * app's account is already in (taking it out would change something real). The probe group first, then by name.
 */
async function candidates(
  deps: RuntimeDeps,
  clients: ApiClients,
  rules: readonly Rule[],
  appAccountId: string,
): Promise<Candidate[]> {
  const [found, catalogue, own, privileges] = await Promise.all([
    clients.jira.searchGroups('', 50),
    siteCatalogue(clients),
    clients.jira.userGroups(appAccountId),
    currentPrivileges(clients, deps.now(), rules),
  ]);
  const avoid = new Set<string>([
    ...catalogue.flatMap((p) => p.licenceGroupIds),
    ...rules.flatMap((r) => r.grants.flatMap((g) => (g.kind === 'group' ? [g.groupId] : []))),
    ...own.flatMap((g) => (g.groupId ? [g.groupId] : [])),
  ]);
  return found.groups
    .flatMap((g) => (g.groupId && !avoid.has(g.groupId) ? [{ groupId: g.groupId, name: g.name }] : []))
    .filter((g) => !privilegeOf({ kind: 'group', groupId: g.groupId, groupName: g.name }, privileges.set))
    .sort((a, b) =>
      a.name === WRITE_PROBE_GROUP ? -1 : b.name === WRITE_PROBE_GROUP ? 1 : a.name.localeCompare(b.name),
    );
}

function auditOf(
  kind: 'group-added' | 'group-removed',
  group: Candidate,
  appAccountId: string,
  by: string,
  at: number,
  ok: boolean,
  reason: string,
): AuditEntry {
  return {
    id: auditId('write-probe', kind, group.groupId, at, by),
    at,
    accountId: appAccountId,
    action: kind,
    target: `group:${group.groupId}`,
    targetName: group.name,
    ruleId: '',
    reason,
    outcome: ok ? 'success' : 'failed',
    runId: '',
    actor: by,
  };
}

/** Adds the app's own account to a harmless group and removes it again; every step audited. */
export async function probeGroupWrite(
  deps: RuntimeDeps,
  settings: AppSettings,
  clients: ApiClients,
  by: string,
): Promise<ProbeCheck> {
  const appAccountId = (await clients.jira.myself()).accountId;
  const rules = await listRules();
  const writer = createGrantWriter(clients, settings, createGrantGuard(deps, settings, rules));
  const [group] = await candidates(deps, clients, rules, appAccountId);
  if (!group)
    return {
      name: NAME,
      ok: false,
      message: `No harmless group to test with: create an empty group named ${WRITE_PROBE_GROUP} (no product access, no permissions) and test again.`,
    };
  const grant = { kind: 'group' as const, groupId: group.groupId, groupName: group.name };
  const record = (action: 'group-added' | 'group-removed', ok: boolean, reason: string) =>
    appendAudit(auditOf(action, group, appAccountId, by, deps.now(), ok, reason));
  try {
    const added = await writer.add(grant, appAccountId);
    if (added === 'already-held') {
      await record(
        'group-added',
        true,
        "Write-path test: the app's own account was already a member; left in.",
      );
      return {
        name: NAME,
        ok: true,
        message: `The site accepted adding the app's account to ${group.name} (it was already there, so it was left in).`,
      };
    }
    await record(
      'group-added',
      true,
      "Write-path test: the app's own account added to prove the app can change groups; removed at once.",
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await record('group-added', false, `Write-path test failed: ${why}`);
    return { name: NAME, ok: false, message: `Adding the app's account to ${group.name} failed: ${why}` };
  }
  try {
    await writer.remove(grant, appAccountId);
    await record('group-removed', true, "Write-path test: the app's own account removed again.");
    return {
      name: NAME,
      ok: true,
      message: `The app added its own account to ${group.name} and removed it again: group changes work.`,
    };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await record('group-removed', false, `Write-path test: removing the app's own account failed: ${why}`);
    return {
      name: NAME,
      ok: false,
      message: `The app could add its own account to ${group.name} but not remove it (${why}); remove it by hand in admin.atlassian.com.`,
    };
  }
}
