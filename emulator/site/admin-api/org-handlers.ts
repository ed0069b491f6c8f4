// Admin API org lookups: /v1/orgs, /v1/orgs/{orgId}, /v1/orgs/{orgId}/domains, /v2/orgs/{orgId}/directories,
// /v2/orgs/{orgId}/workspaces (the org's product instances).
import { json } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { Org } from '../state/types';
import { ADMIN_API, allSites, callerOrg, ownsSite, productInstanceAri } from './admin-common';

function orgModel(org: Org): Record<string, unknown> {
  return {
    id: org.orgId,
    type: 'orgs',
    attributes: { name: org.name },
    relationships: {
      domains: { links: { related: `${ADMIN_API}/v1/orgs/${org.orgId}/domains` } },
      users: { links: { related: `${ADMIN_API}/v1/orgs/${org.orgId}/users` } },
    },
    links: { self: `${ADMIN_API}/v1/orgs/${org.orgId}` },
  };
}

function listOrgs(hc: HandlerContext) {
  return json(200, { data: [orgModel(callerOrg(hc))], links: { self: `${ADMIN_API}/v1/orgs` } });
}

function getOrg(hc: HandlerContext) {
  return json(200, { data: orgModel(callerOrg(hc)) });
}

function listDomains(hc: HandlerContext) {
  const org = callerOrg(hc);
  return json(200, {
    data: org.verifiedDomains.map((name, index) => ({
      id: `${org.orgId}-domain-${index + 1}`,
      type: 'domains',
      attributes: { name, claim: { type: 'dns', status: 'VERIFIED' } },
      links: { self: `${ADMIN_API}/v1/orgs/${org.orgId}/domains/${org.orgId}-domain-${index + 1}` },
    })),
    links: { self: `${ADMIN_API}/v1/orgs/${org.orgId}/domains` },
  });
}

function listDirectories(hc: HandlerContext) {
  const { state } = hc.site;
  const directories = ownsSite(hc) ? [state.directory] : [];
  const wanted = hc.request.query.getAll('directoryIds');
  const accountId = hc.request.query.get('accountId');
  const filtered = directories
    .filter((d) => wanted.length === 0 || wanted.includes(d.directoryId))
    .filter((d) => !accountId || state.directoryMembers.get(accountId)?.directoryId === d.directoryId);
  return json(200, {
    data: filtered.map((d) => ({ directoryId: d.directoryId, name: d.name })),
    links: { self: null, prev: null, next: null },
  });
}

function productName(key: string): string {
  if (key === 'confluence') return 'Confluence';
  if (key === 'jira-software') return 'Jira';
  if (key === 'jira-servicedesk') return 'Jira Service Management';
  return key;
}

function listWorkspaces(hc: HandlerContext) {
  const { state } = hc.site;
  const sites = ownsSite(hc) ? allSites(state) : [];
  const data = sites.flatMap((site) =>
    site.products.map((key) => ({
      id: productInstanceAri(site, key),
      type: 'workspaces',
      attributes: {
        name: `${site.name} ${productName(key)}`,
        typeKey: key,
        type: 'product',
        owner: site.cloudId,
        status: 'online',
        hostUrl: site.url,
        realm: 'us',
        regions: ['us-east-1'],
      },
      links: {
        self: `${ADMIN_API}/v2/orgs/${callerOrg(hc).orgId}/workspaces/${productInstanceAri(site, key)}`,
      },
    })),
  );
  return json(200, {
    data,
    links: { self: null, prev: null, next: null },
    meta: {
      pageSize: data.length,
      startIndex: 0,
      endIndex: Math.max(0, data.length - 1),
      total: data.length,
    },
  });
}

export const adminOrgRoutes: RouteDefinition[] = [
  { product: 'api', family: 'admin', method: 'GET', template: '/admin/v1/orgs', handler: listOrgs },
  { product: 'api', family: 'admin', method: 'GET', template: '/admin/v1/orgs/{orgId}', handler: getOrg },
  {
    product: 'api',
    family: 'admin',
    method: 'GET',
    template: '/admin/v1/orgs/{orgId}/domains',
    handler: listDomains,
  },
  {
    product: 'api',
    family: 'admin',
    method: 'GET',
    template: '/admin/v2/orgs/{orgId}/directories',
    handler: listDirectories,
  },
  {
    product: 'api',
    family: 'admin',
    method: 'POST',
    template: '/admin/v2/orgs/{orgId}/workspaces',
    handler: listWorkspaces,
  },
];
