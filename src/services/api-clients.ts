// Builds the API clients a use case needs from the runtime, the settings and the stored credentials.
import { AdminClient } from '../clients/admin-client';
import { ConfluenceClient } from '../clients/confluence-client';
import { DEFAULT_RETRY_POLICY, HttpChokepoint, type CallRecord } from '../clients/http-chokepoint';
import { JiraClient } from '../clients/jira-client';
import { ScimClient } from '../clients/scim-client';
import type { ApiName } from '../clients/api-error';
import type { AppSettings } from '../shared/settings';
import { readSecret } from '../storage/secrets-repository';
import type { RuntimeDeps } from './runtime-deps';

export interface ApiClients {
  /** Jira as the app's own account. */
  jira: JiraClient;
  /** Confluence as the app's own account. */
  confluence: ConfluenceClient;
  /** Jira as an impersonated user (offline impersonation), e.g. the site admin chosen as the group write path. */
  jiraAs(accountId: string): JiraClient;
  /** Present when the org id, directory id and org API key are all set. */
  admin: AdminClient | undefined;
  /** Present when the SCIM source is enabled with a directory id and key. */
  scim: ScimClient | undefined;
  /** Every call made through these clients in this invocation (for health, tests and benchmarks). */
  calls: CallRecord[];
}

export interface ClientOptions {
  /** False for queue workers that share a budget: a 429 goes to the shared rate gate instead of an inline sleep. */
  waitOnRateLimits?: boolean;
  /**
   * Which stored credentials to read (each read is metered by Forge's storage quota); a client whose credential
   * is not read is absent. Both by default.
   */
  credentials?: { admin: boolean; scim: boolean };
}

/** The credentials provisioning uses with these settings: sources that are on, and the write path chosen. */
export function provisioningCredentials(settings: AppSettings): { admin: boolean; scim: boolean } {
  return {
    admin: settings.sources.orgDirectory.enabled || settings.groupWritePath.mode === 'org-admin-api',
    scim: settings.sources.scim.enabled,
  };
}

export async function buildApiClients(
  deps: RuntimeDeps,
  settings: AppSettings,
  options: ClientOptions = {},
): Promise<ApiClients> {
  const calls: CallRecord[] = [];
  const policy = { ...DEFAULT_RETRY_POLICY, waitOnRateLimits: options.waitOnRateLimits ?? true };
  const chokepoint = (api: ApiName) =>
    new HttpChokepoint({
      api,
      sleep: deps.sleep,
      remainingMs: deps.remainingMs,
      policy,
      onCall: (c) => calls.push(c),
    });
  const wanted = options.credentials ?? { admin: true, scim: true };
  const [orgKey, scimKey] = await Promise.all([
    wanted.admin ? readSecret('org-api-key') : undefined,
    wanted.scim ? readSecret('scim-directory-key') : undefined,
  ]);
  const { orgId, directoryId } = settings.org;
  const scimDirectory = settings.org.directoryId;
  return {
    jira: new JiraClient(deps.asApp, chokepoint('jira')),
    confluence: new ConfluenceClient(deps.asApp, chokepoint('confluence')),
    jiraAs: (accountId) => new JiraClient(deps.asUser(accountId), chokepoint('jira')),
    admin:
      orgKey && orgId && directoryId
        ? new AdminClient(deps.fetch, chokepoint('admin'), { orgId, directoryId, apiKey: orgKey })
        : undefined,
    scim:
      settings.sources.scim.enabled && scimDirectory && scimKey
        ? new ScimClient(deps.fetch, chokepoint('scim'), { directoryId: scimDirectory, apiKey: scimKey })
        : undefined,
    calls,
  };
}
