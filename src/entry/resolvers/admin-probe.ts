// Asks Jira or Confluence, as the calling user (asUser()), whether they are an administrator. Lives at the entry
// because it is the caller's own Forge identity; there is no Confluence client for the one call it needs.
import { route } from '@forge/api';
import { HttpChokepoint, type RetryPolicy } from '../../clients/http-chokepoint';
import { JiraClient } from '../../clients/jira-client';
import { ACCEPT_JSON } from '../../clients/requesters';
import type { AdminProbe } from '../../services/admin/admin-access';
import type { RuntimeDeps } from '../../services/runtime-deps';

/** The check gates every call: one quick retry, then 'unavailable' rather than eating the resolver's 25 s. */
const CHECK_POLICY: RetryPolicy = { maxAttempts: 2, baseBackoffMs: 200, maxInlineWaitMs: 1_000 };

interface ConfluenceCurrentUser {
  accountId?: string;
  operations?: Array<{ operation?: string; targetType?: string }>;
}

export function adminProbe(deps: RuntimeDeps): AdminProbe {
  const caller = deps.asUser();
  const http = (api: 'jira' | 'confluence') =>
    new HttpChokepoint({ api, sleep: deps.sleep, remainingMs: deps.remainingMs, policy: CHECK_POLICY });
  return {
    jiraAdminister: () => new JiraClient(caller, http('jira')).hasGlobalPermission('ADMINISTER'),
    confluenceAdminister: async () => {
      // Confluence answers with what the user may do; `administer` on `application` is a Confluence admin.
      const user = await http('confluence').json<ConfluenceCurrentUser>(
        'GET /wiki/rest/api/user/current',
        () =>
          caller.requestConfluence(route`/wiki/rest/api/user/current?expand=operations`, {
            headers: ACCEPT_JSON,
          }),
      );
      return (user.operations ?? []).some(
        (o) => o.operation === 'administer' && o.targetType === 'application',
      );
    },
  };
}
