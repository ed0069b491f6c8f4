// Every product the site licenses, by name: Jira's products from /applicationrole, and Confluence from the groups
// Confluence itself says may use it (Jira's API does not report Confluence, and its licence groups live there).
import { AtlassianApiError } from '../../clients/api-error';
import type { ApiClients } from '../api-clients';
import { catalogueFromRoles, type CatalogueProduct } from './product-catalogue';

/** The product key Atlassian's activity API and the org's workspaces use for Confluence. */
export const CONFLUENCE_PRODUCT_KEY = 'confluence';
const PAGE = 200;
const MAX_PAGES = 50;

/** Confluence's licence groups (access type `user`); none on a site without Confluence (404). */
async function confluenceLicenceGroups(clients: ApiClients): Promise<{ groupId: string; name: string }[]> {
  const found: { groupId: string; name: string }[] = [];
  try {
    for (let start = 0, pages = 0; pages < MAX_PAGES; pages++) {
      const page = await clients.confluence.groupsByAccessType('user', start, PAGE);
      found.push(...page.results.map((g) => ({ groupId: g.id, name: g.name })));
      start += page.results.length;
      if (!page._links?.next || page.results.length === 0) break;
    }
    return found;
  } catch (e) {
    // No Confluence on the site, or the installation does not reach it: Jira's products are still offered.
    if (e instanceof AtlassianApiError && !e.transient) return [];
    throw e;
  }
}

/** Jira's products, then Confluence when the site has it (seats unknown: Confluence does not report them). */
export async function siteCatalogue(clients: ApiClients): Promise<CatalogueProduct[]> {
  const [roles, confluenceGroups] = await Promise.all([
    clients.jira.applicationRoles(),
    confluenceLicenceGroups(clients),
  ]);
  const jira = catalogueFromRoles(roles);
  if (confluenceGroups.length === 0 || jira.some((p) => p.key === CONFLUENCE_PRODUCT_KEY)) return jira;
  return [
    ...jira,
    {
      key: CONFLUENCE_PRODUCT_KEY,
      displayName: 'Confluence',
      licenceGroupIds: confluenceGroups.map((g) => g.groupId),
      licenceGroups: confluenceGroups,
      source: 'site',
      seats: null,
    },
  ];
}
