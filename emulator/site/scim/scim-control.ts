// Typed SCIM helpers for tests and the control API: the IdP's pushes, through the same code as the HTTP API
// (but without faults, rate limits or the request log).
import type { SiteContext } from '../site-context';
import {
  createScimGroup,
  deleteScimGroup,
  dropFromScimGroups,
  parseScimGroup,
  patchScimGroup,
  replaceScimGroup,
} from './scim-group-ops';
import { scimGroupJson, scimUserJson } from './scim-representations';
import {
  createScimUser,
  deleteScimUser,
  parsePatchBody,
  parseScimUser,
  patchScimUser,
  replaceScimUser,
  type ScimOutcome,
} from './scim-user-ops';

export class ScimPushError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`SCIM push refused (${status}): ${detail}`);
    this.name = 'ScimPushError';
  }
}

function unwrap<T>(outcome: ScimOutcome<T>): T {
  if (!outcome.ok) throw new ScimPushError(outcome.status, outcome.detail);
  return outcome.value;
}

export interface ScimControl {
  readonly directoryId: string;
  /** The directory's bearer key, as the IdP holds it. */
  readonly key: string;
  /** POST /Users: returns the SCIM user JSON (with the linked atlassianAccountId). */
  createUser(user: Record<string, unknown>): Record<string, unknown>;
  replaceUser(scimId: string, user: Record<string, unknown>): Record<string, unknown>;
  patchUser(
    scimId: string,
    operations: Array<{ op: string; path?: string; value?: unknown }>,
  ): Record<string, unknown>;
  deleteUser(scimId: string): void;
  createGroup(group: { displayName: string; members?: Array<{ value: string }> }): Record<string, unknown>;
  replaceGroup(
    scimGroupId: string,
    group: { displayName: string; members?: Array<{ value: string }> },
  ): Record<string, unknown>;
  patchGroup(
    scimGroupId: string,
    operations: Array<{ op: string; path?: string; value?: unknown }>,
  ): Record<string, unknown>;
  deleteGroup(scimGroupId: string): void;
  /** The SCIM user linked to a site account, if any. */
  userForAccount(accountId: string): Record<string, unknown> | undefined;
  groupByName(displayName: string): Record<string, unknown> | undefined;
}

export function createScimControl(ctx: SiteContext): ScimControl {
  const user = (id: string) => {
    const record = ctx.state.scim.user(id);
    if (!record || record.deleted) throw new ScimPushError(404, `User ${id} not found.`);
    return record;
  };
  const group = (id: string) => {
    const record = ctx.state.scim.group(id);
    if (!record) throw new ScimPushError(404, `Group ${id} not found.`);
    return record;
  };
  return {
    get directoryId() {
      return ctx.state.directory.directoryId;
    },
    get key() {
      return ctx.state.directory.scimKey;
    },
    createUser: (body) => {
      const input = unwrap(parseScimUser(body));
      return scimUserJson(ctx.state, unwrap(createScimUser(ctx, ctx.state.directory, input)));
    },
    replaceUser: (id, body) => {
      const input = unwrap(parseScimUser(body));
      return scimUserJson(ctx.state, unwrap(replaceScimUser(ctx, user(id), input)));
    },
    patchUser: (id, operations) => {
      const parsed = unwrap(parsePatchBody({ Operations: operations }));
      return scimUserJson(ctx.state, unwrap(patchScimUser(ctx, user(id), parsed)));
    },
    deleteUser: (id) => deleteScimUser(ctx, user(id), dropFromScimGroups),
    createGroup: (body) => {
      const input = unwrap(parseScimGroup(body));
      return scimGroupJson(ctx.state, unwrap(createScimGroup(ctx, ctx.state.directory, input)));
    },
    replaceGroup: (id, body) => {
      const input = unwrap(parseScimGroup(body));
      return scimGroupJson(ctx.state, unwrap(replaceScimGroup(ctx, group(id), input)));
    },
    patchGroup: (id, operations) => {
      const parsed = unwrap(parsePatchBody({ Operations: operations }));
      return scimGroupJson(ctx.state, unwrap(patchScimGroup(ctx, group(id), parsed)));
    },
    deleteGroup: (id) => deleteScimGroup(ctx, group(id)),
    userForAccount: (accountId) => {
      const record = ctx.state.scim.userByAccountId(accountId);
      return record && !record.deleted ? scimUserJson(ctx.state, record) : undefined;
    },
    groupByName: (name) => {
      const record = ctx.state.scim.groupByName(ctx.state.directory.directoryId, name);
      return record ? scimGroupJson(ctx.state, record) : undefined;
    },
  };
}
