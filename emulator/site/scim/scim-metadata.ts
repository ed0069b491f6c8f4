// SCIM discovery endpoints (RFC 7644 §4): what Atlassian's service provider supports.
import { scimJson } from '../http/responses';
import type { RouteDefinition } from '../router';
import { CORE_GROUP, CORE_USER, ENTERPRISE } from './scim-representations';

const SERVICE_PROVIDER_CONFIG = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 100 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description: 'Authentication with the directory API key',
    },
  ],
};

function resourceType(name: 'User' | 'Group') {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: name,
    name,
    endpoint: `/${name}s`,
    schema: name === 'User' ? CORE_USER : CORE_GROUP,
    ...(name === 'User' ? { schemaExtensions: [{ schema: ENTERPRISE, required: false }] } : {}),
  };
}

function schema(id: string, name: string, attributes: string[]) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id,
    name,
    attributes: attributes.map((attribute) => ({
      name: attribute,
      type: 'string',
      multiValued: false,
      required: attribute === 'userName' || attribute === 'displayName',
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: attribute === 'userName' ? 'server' : 'none',
    })),
  };
}

const USER_SCHEMA = schema(CORE_USER, 'User', [
  'userName',
  'displayName',
  'nickName',
  'title',
  'preferredLanguage',
  'timezone',
  'active',
]);
const GROUP_SCHEMA = schema(CORE_GROUP, 'Group', ['displayName']);
const ENTERPRISE_SCHEMA = schema(ENTERPRISE, 'EnterpriseUser', ['organization', 'department']);

const BASE = '/scim/directory/{directoryId}';
const list = (resources: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: resources.length,
  Resources: resources,
});

export const scimMetadataRoutes: RouteDefinition[] = [
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/ServiceProviderConfig`,
    handler: () => scimJson(200, SERVICE_PROVIDER_CONFIG),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/ResourceTypes`,
    handler: () => scimJson(200, list([resourceType('User'), resourceType('Group')])),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/ResourceTypes/User`,
    handler: () => scimJson(200, resourceType('User')),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/ResourceTypes/Group`,
    handler: () => scimJson(200, resourceType('Group')),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/Schemas`,
    handler: () => scimJson(200, list([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_SCHEMA])),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/Schemas/${CORE_USER}`,
    handler: () => scimJson(200, USER_SCHEMA),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/Schemas/${CORE_GROUP}`,
    handler: () => scimJson(200, GROUP_SCHEMA),
  },
  {
    product: 'api',
    family: 'scim',
    method: 'GET',
    template: `${BASE}/Schemas/${ENTERPRISE}`,
    handler: () => scimJson(200, ENTERPRISE_SCHEMA),
  },
];
