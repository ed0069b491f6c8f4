// Asks Jira or Confluence, as the calling user (asUser()), what they administer. Lives at the entry because it is
// the caller's own Forge identity.
import { HttpChokepoint, type RetryPolicy } from '../../clients/http-chokepoint';
import { ConfluenceClient } from '../../clients/confluence-client';
import { JiraClient } from '../../clients/jira-client';
import type { AdminProbe } from '../../services/admin/admin-access';
import type { RuntimeDeps } from '../../services/runtime-deps';

/** The check gates every call: one quick retry, then 'unavailable' rather than eating the resolver's 25 s. */
const CHECK_POLICY: RetryPolicy = { maxAttempts: 2, baseBackoffMs: 200, maxInlineWaitMs: 1_000 };

export function adminProbe(deps: RuntimeDeps): AdminProbe {
  const caller = deps.asUser();
  const http = (api: 'jira' | 'confluence') =>
    new HttpChokepoint({ api, sleep: deps.sleep, remainingMs: deps.remainingMs, policy: CHECK_POLICY });
  return {
    jiraPermissions: async () => {
      const held = await new JiraClient(caller, http('jira')).globalPermissions([
        'ADMINISTER',
        'SYSTEM_ADMIN',
      ]);
      return { administer: held.ADMINISTER, systemAdmin: held.SYSTEM_ADMIN };
    },
    confluenceAdminister: async () => {
      // Confluence answers with what the user may do; `administer` on `application` is a Confluence admin.
      const user = await new ConfluenceClient(caller, http('confluence')).currentUserOperations();
      return (user.operations ?? []).some(
        (o) => o.operation === 'administer' && o.targetType === 'application',
      );
    },
  };
}
