// The seeded org, sites, directory and credentials: deterministic, so the README and `npm start` show the
// same ids and keys on every machine.
import { deterministicToken, deterministicUuid } from '../prng';
import type { SiteIdentity } from '../state/site-state';
import type { Org } from '../state/types';

export const DEMO_DOMAIN = 'acme.example';
export const CONTRACTOR_DOMAIN = 'contractor.example';

/** The seeded site admin: Basic auth with this email and API token works like on a real site. */
export const SITE_ADMIN = {
  email: `avery.admin@${DEMO_DOMAIN}`,
  displayName: 'Avery Admin',
  apiToken: `ATATT3xFfGF0${deterministicToken('site-admin-api-token', 40)}`,
};

/** A second admin: Jira administrator (jira-administrators), not a site admin. */
export const JIRA_ADMIN = {
  email: `jordan.jira-admin@${DEMO_DOMAIN}`,
  displayName: 'Jordan Jira-Admin',
  apiToken: `ATATT3xFfGF0${deterministicToken('jira-admin-api-token', 40)}`,
};

export interface IdentityOptions {
  siteName?: string;
}

export function seededIdentity(options: IdentityOptions = {}): SiteIdentity {
  const siteName = options.siteName ?? 'acme-emulated';
  const org: Org = {
    orgId: deterministicUuid('org:acme', 0),
    name: 'Acme Corporation',
    verifiedDomains: [DEMO_DOMAIN],
    apiKeys: [`ATCTT3xFfGN0${deterministicToken('org-api-key:acme', 48)}`],
    orgAdmins: new Set(),
  };
  return {
    org,
    site: {
      cloudId: deterministicUuid(`site:${siteName}`, 0),
      url: `https://${siteName}.atlassian.net`,
      name: siteName,
      products: ['jira-software', 'confluence'],
    },
    otherSites: [
      {
        cloudId: deterministicUuid('site:acme-labs', 0),
        url: 'https://acme-labs.atlassian.net',
        name: 'acme-labs',
        products: ['jira-software', 'confluence'],
      },
    ],
    directory: {
      directoryId: deterministicUuid('directory:acme', 0),
      name: 'Acme Corporation',
      scimKey: deterministicToken('scim-directory-key:acme', 40),
    },
    foreignOrgs: [
      {
        orgId: deterministicUuid('org:globex', 0),
        name: 'Globex Holdings',
        verifiedDomains: ['globex.example'],
        apiKeys: [`ATCTT3xFfGN0${deterministicToken('org-api-key:globex', 48)}`],
        orgAdmins: new Set(),
      },
    ],
  };
}
