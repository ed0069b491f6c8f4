// SCIM JSON for users, groups and list responses (RFC 7643), with Atlassian's enterprise and
// atlassian-external extensions.
import type { SiteState } from '../state/site-state';
import type { ScimGroupRecord, ScimUserRecord } from '../state/types';

export const SCIM_API = 'https://api.atlassian.com/scim/directory';
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ATLASSIAN_EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function userLocation(record: ScimUserRecord): string {
  return `${SCIM_API}/${record.directoryId}/Users/${record.id}`;
}

export function groupLocation(record: ScimGroupRecord): string {
  return `${SCIM_API}/${record.directoryId}/Groups/${record.id}`;
}

export function scimUserJson(state: SiteState, record: ScimUserRecord): Record<string, unknown> {
  const name: Record<string, string> = {};
  if (record.formattedName !== undefined) name['formatted'] = record.formattedName;
  if (record.familyName !== undefined) name['familyName'] = record.familyName;
  if (record.givenName !== undefined) name['givenName'] = record.givenName;
  const groups = state.scim
    .groupsOfUser(record.id)
    .map((g) => ({ type: 'Group', value: g.id, display: g.displayName, $ref: groupLocation(g) }));
  const json: Record<string, unknown> = {
    schemas: [CORE_USER, ENTERPRISE, ATLASSIAN_EXTERNAL],
    id: record.id,
    userName: record.userName,
    emails: record.emails.map((e) => ({ ...e })),
    name,
    active: record.active,
    groups,
  };
  if (record.externalId !== undefined) json['externalId'] = record.externalId;
  if (record.displayName !== undefined) json['displayName'] = record.displayName;
  if (record.nickName !== undefined) json['nickName'] = record.nickName;
  if (record.title !== undefined) json['title'] = record.title;
  if (record.preferredLanguage !== undefined) json['preferredLanguage'] = record.preferredLanguage;
  if (record.timezone !== undefined) json['timezone'] = record.timezone;
  if (record.department !== undefined) json['department'] = record.department;
  if (record.organization !== undefined) json['organization'] = record.organization;
  if (record.phoneNumbers.length > 0) json['phoneNumbers'] = record.phoneNumbers.map((p) => ({ ...p }));
  json[ENTERPRISE] = {
    ...(record.organization !== undefined ? { organization: record.organization } : {}),
    ...(record.department !== undefined ? { department: record.department } : {}),
  };
  json[ATLASSIAN_EXTERNAL] = { atlassianAccountId: record.accountId };
  // The spec's enum spells resource types in capitals (live Atlassian sends "User"); the spec wins here.
  json['meta'] = {
    resourceType: 'USER',
    location: userLocation(record),
    lastModified: iso(record.lastModified),
    created: iso(record.created),
  };
  return json;
}

export function scimGroupJson(state: SiteState, record: ScimGroupRecord): Record<string, unknown> {
  const members = [...record.members].flatMap((id) => {
    const user = state.scim.user(id);
    return user ? [{ type: 'User', value: user.id, display: user.userName, $ref: userLocation(user) }] : [];
  });
  return {
    schemas: [CORE_GROUP],
    id: record.id,
    displayName: record.displayName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
    members,
    meta: {
      resourceType: 'GROUP',
      location: groupLocation(record),
      lastModified: iso(record.lastModified),
      created: iso(record.created),
    },
  };
}

export function listResponse(
  resources: unknown[],
  totalResults: number,
  startIndex: number,
): Record<string, unknown> {
  return {
    schemas: [LIST_RESPONSE],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
