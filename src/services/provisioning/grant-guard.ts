// The last check before a grant is written, whatever path wrote it (event, backstop, backfill, finishing an
// interrupted run): a privileged target is not granted unless a site admin allow-listed it. The privileged set is
// loaded once per invocation (see services/privilege for where it comes from and how fresh it is).
import { isUnscanned, privilegedSetFrom, writeRefusal, type PrivilegedSet } from '../../domain/privilege';
import { grantKey, type Grant, type Rule } from '../../domain/rules';
import type { LedgerRow } from '../../storage/ledger-repository';
import type { AuditEntry } from '../../shared/audit';
import { recordHealth } from '../../storage/health-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import type { AppSettings } from '../../shared/settings';
import { auditId } from '../audit-ids';
import { classify } from '../failures';
import { currentPrivileges, projectScheme, type Privileges } from '../privilege/privileged-targets';
import { GrantWriteError } from './grant-writer';
import type { RecordContext } from './provision-records';

export const REFUSALS_HEALTH = 'privileged-refusals';

/** A grant refused because its target is privileged: nothing was written. */
export class GrantRefusedError extends GrantWriteError {
  constructor(message: string) {
    super(message, 'target');
    this.name = 'GrantRefusedError';
  }
}

export interface GrantGuard {
  /** Throws GrantRefusedError for a privileged target not allow-listed; a transient failure to tell propagates. */
  check(grant: Grant): Promise<void>;
}

/** The audit line of a grant refused because its target is privileged (nothing was written to the site). */
export function refusalAudit(ctx: RecordContext, intent: LedgerRow, reason: string): AuditEntry {
  const grant = intent.grant;
  return {
    id: auditId(intent.accountId, intent.grantKey, 'grant-refused', ctx.runId),
    at: ctx.now(),
    accountId: intent.accountId,
    action: 'grant-refused',
    target: intent.grantKey,
    targetName: grant.kind === 'group' ? grant.groupName : `${grant.roleName} in ${grant.projectKey}`,
    ruleId: intent.ruleId,
    reason,
    outcome: 'skipped',
    runId: ctx.runId,
    actor: 'app',
  };
}

function mergeSet(set: PrivilegedSet, more: PrivilegedSet): PrivilegedSet {
  const keys = new Set(set.targets.map((t) => t.key));
  return {
    targets: [...set.targets, ...more.targets.filter((t) => !keys.has(t.key))],
    scannedProjectIds: [...new Set([...set.scannedProjectIds, ...more.scannedProjectIds])],
  };
}

/**
 * The guard reads the site (rarely: see services/privilege) with clients of its own that wait out a short
 * Retry-After inline. Provisioning's clients hand every 429 to the shared rate gate instead, which would park the
 * user and read again later, over and over, while a burst keeps the endpoint busy.
 */
export function createGrantGuard(
  deps: RuntimeDeps,
  settings: AppSettings,
  rules: readonly Rule[],
): GrantGuard {
  const now = deps.now;
  let clientsFor: Promise<ApiClients> | undefined;
  const siteClients = () =>
    (clientsFor ??= buildApiClients(deps, settings, { credentials: { admin: false, scim: false } }));
  let loading: Promise<Privileges> | undefined;
  const reported = new Set<string>();

  async function privilegesFor(grant: Grant): Promise<Privileges> {
    const clients = await siteClients();
    loading ??= currentPrivileges(clients, now(), rules);
    let privileges = await loading;
    if (isUnscanned(grant, privileges.set) && grant.kind === 'projectRole') {
      // A role in a project no rule granted when the snapshot was taken: read that project's scheme now.
      const scheme = await projectScheme(clients, {
        projectId: grant.projectId,
        projectKey: grant.projectKey,
      });
      const set = mergeSet(
        privileges.set,
        privilegedSetFrom({
          siteAdminGroups: [],
          jiraAdminGroups: [],
          confluenceAdminGroups: [],
          adminRoleGroups: [],
          projects: [scheme],
        }),
      );
      privileges = { ...privileges, set };
      loading = Promise.resolve(privileges);
    }
    return privileges;
  }

  return {
    async check(grant) {
      let privileges: Privileges;
      try {
        privileges = await privilegesFor(grant);
      } catch (e) {
        loading = undefined;
        // Outages, rate limits and storage quotas are retried like any write; only a refusal is final here.
        if (classify(e).kind !== 'refused') throw e;
        throw new GrantWriteError(
          `Could not tell whether the groups and roles rules grant are privileged (${e instanceof Error ? e.message : String(e)}), so nothing was granted. The app needs to read Jira's and Confluence's admin groups.`,
          'write-path',
        );
      }
      const refusal = writeRefusal(grant, privileges.set, privileges.allowances);
      if (!refusal) return;
      if (!reported.has(grantKey(grant))) {
        reported.add(grantKey(grant));
        await recordHealth({ component: REFUSALS_HEALTH, ok: false, message: refusal, at: now() });
      }
      throw new GrantRefusedError(refusal);
    },
  };
}
