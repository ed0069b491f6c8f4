// SCIM 2.0 resources as Atlassian's user provisioning API returns them (scim-user-provisioning spec).

export const ENTERPRISE_EXTENSION = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ATLASSIAN_EXTENSION = 'urn:scim:schemas:extension:atlassian-external:1.0';

export interface ScimUser {
  id: string;
  externalId?: string;
  userName: string;
  displayName?: string;
  title?: string;
  preferredLanguage?: string;
  timezone?: string;
  active?: boolean;
  emails?: Array<{ value: string; primary?: boolean }>;
  groups?: Array<{ value: string; display?: string }>;
  [ENTERPRISE_EXTENSION]?: { department?: string; organization?: string };
  [ATLASSIAN_EXTENSION]?: { atlassianAccountId?: string };
}

export interface ScimList<T> {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}
