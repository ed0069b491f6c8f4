// The parts of the Atlassian Organizations (Admin) API responses the app reads. No official spec was available
// offline: shapes follow Atlassian's public docs (see emulator/specs/admin-api.json, modelled from them).

export interface DirectoryUser {
  accountId: string;
  accountType?: string;
  status?: 'active' | 'suspended' | 'not_invited' | 'deactivated' | 'for_deletion';
  accountStatus?: 'active' | 'inactive' | 'closed';
  membershipStatus?: 'active' | 'suspended' | 'no_membership';
  addedToOrg?: string;
  name?: string;
  email?: string;
  claimStatus?: 'managed' | 'unmanaged';
  platformRoles?: string[];
  /** The directory's profile fields (what the user-management profile holds for managed accounts). */
  jobTitle?: string;
  department?: string | null;
  organization?: string | null;
  location?: string | null;
  timeZone?: string | null;
  /** The user's groups in the directory: only from a search with `expand: ["groups"]`. */
  groups?: Array<{ id?: string; name?: string | null }>;
}

export interface CursorPage<T> {
  data: T[];
  links?: { self?: string | null; next?: string | null; prev?: string | null };
}

export interface ProductAccess {
  /** The product instance's ARI, e.g. `ari:cloud:jira-software::site/<cloudId>`; compare with this site's. */
  id: string;
  key: string;
  /** A day (`YYYY-MM-DD`): the documented field. */
  last_active?: string;
  /** The instant, where Atlassian returns it (new user management experience). */
  last_active_timestamp?: string;
}

export interface LastActiveDates {
  data: { product_access: ProductAccess[]; added_to_org?: string; added_to_org_timestamp?: string };
  /** `next` is a cursor for the next page of product_access entries, or null. */
  links?: { next?: string | null };
}

export interface Workspace {
  id: string;
  type: string;
  attributes: { name?: string; typeKey?: string; type?: string; hostUrl?: string; status?: string };
}

/** `GET /users/{account_id}/manage/profile` (user-management spec): the account with its extended profile. */
export interface ManagedAccount {
  account_id: string;
  zoneinfo?: string;
  extended_profile?: { job_title?: string; department?: string; organization?: string; location?: string };
}

/** The directory's profile fields as the rules see them. */
export interface ManagedProfile {
  jobTitle: string | null;
  department: string | null;
  organization: string | null;
  location: string | null;
  timeZone: string | null;
}
