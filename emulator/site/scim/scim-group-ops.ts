// What SCIM group writes do to the site: each SCIM group is a site group (IdP-synced, shown in Jira and
// Confluence like any group); membership changes reach the site and emit avi:jira:updated:user.
import { addMember, createGroup, deleteGroup, removeMember } from '../actions/membership-actions';
import { deterministicUuid } from '../prng';
import type { SiteContext } from '../site-context';
import type { Directory, Group, ScimGroupRecord } from '../state/types';
import { fail, SCIM_AUTHOR, type ScimOutcome, type ScimPatchOperation } from './scim-user-ops';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ScimGroupInput {
  displayName: string;
  externalId?: string;
  /** SCIM user ids. */
  members: string[];
}

export function parseScimGroup(body: unknown): ScimOutcome<ScimGroupInput> {
  if (!isRecord(body)) return fail(400, 'The request body must be a SCIM Group object.', 'invalidSyntax');
  const displayName = body['displayName'];
  if (typeof displayName !== 'string' || displayName.trim() === '')
    return fail(400, 'displayName is required.', 'invalidValue');
  const members = memberIds(body['members']);
  if (!members.ok) return members;
  return {
    ok: true,
    value: {
      displayName,
      ...(typeof body['externalId'] === 'string' ? { externalId: body['externalId'] } : {}),
      members: members.value,
    },
  };
}

function memberIds(raw: unknown): ScimOutcome<string[]> {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  const list = Array.isArray(raw) ? raw : [raw];
  const ids: string[] = [];
  for (const entry of list) {
    const value: unknown = isRecord(entry) ? entry['value'] : entry;
    if (typeof value !== 'string')
      return fail(400, 'Each member needs a value (a SCIM user id).', 'invalidValue');
    ids.push(value);
  }
  return { ok: true, value: ids };
}

function siteGroupOf(ctx: SiteContext, record: ScimGroupRecord): Group | undefined {
  return ctx.state.groups.get(record.groupId);
}

function checkMembers(ctx: SiteContext, directory: Directory | string, ids: string[]): ScimOutcome<void> {
  const directoryId = typeof directory === 'string' ? directory : directory.directoryId;
  for (const id of ids) {
    const user = ctx.state.scim.user(id);
    if (!user || user.deleted || user.directoryId !== directoryId)
      return fail(400, `The users referenced do not exist: ${id}.`, 'invalidValue');
  }
  return { ok: true, value: undefined };
}

function addMembers(ctx: SiteContext, record: ScimGroupRecord, ids: string[]): void {
  const group = siteGroupOf(ctx, record);
  for (const id of ids) {
    if (record.members.has(id)) continue;
    record.members.add(id);
    const user = ctx.state.scim.user(id);
    if (group && user) addMember(ctx, group, user.accountId, { author: SCIM_AUTHOR, emitUpdated: true });
  }
}

function removeMembers(ctx: SiteContext, record: ScimGroupRecord, ids: string[]): void {
  const group = siteGroupOf(ctx, record);
  for (const id of ids) {
    if (!record.members.delete(id)) continue;
    const user = ctx.state.scim.user(id);
    if (group && user) removeMember(ctx, group, user.accountId, { author: SCIM_AUTHOR, emitUpdated: true });
  }
}

export function createScimGroup(
  ctx: SiteContext,
  directory: Directory,
  input: ScimGroupInput,
): ScimOutcome<ScimGroupRecord> {
  const { state, clock } = ctx;
  if (
    state.scim.groupByName(directory.directoryId, input.displayName) ||
    state.groups.byName(input.displayName)
  )
    return fail(409, `A group named ${input.displayName} already exists.`, 'uniqueness');
  const members = checkMembers(ctx, directory, input.members);
  if (!members.ok) return members;
  const now = clock.now();
  const index = state.scim.groupCount(directory.directoryId);
  const id = deterministicUuid(`scim-group:${directory.directoryId}`, index);
  const group: Group = {
    groupId: deterministicUuid(`site-group:scim:${directory.directoryId}`, index),
    name: input.displayName,
    description: 'Synced from your identity provider',
    source: { kind: 'scim', directoryId: directory.directoryId, scimGroupId: id },
    createdAt: now,
  };
  createGroup(ctx, group, { author: SCIM_AUTHOR });
  const record: ScimGroupRecord = {
    id,
    directoryId: directory.directoryId,
    displayName: input.displayName,
    ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
    groupId: group.groupId,
    members: new Set(),
    created: now,
    lastModified: now,
  };
  state.scim.addGroup(record);
  addMembers(ctx, record, input.members);
  return { ok: true, value: record };
}

export function replaceScimGroup(
  ctx: SiteContext,
  record: ScimGroupRecord,
  input: ScimGroupInput,
): ScimOutcome<ScimGroupRecord> {
  if (input.displayName !== record.displayName)
    return fail(
      400,
      'Renaming a group after it has synced is not supported; create a new group instead.',
      'mutability',
    );
  const members = checkMembers(ctx, record.directoryId, input.members);
  if (!members.ok) return members;
  const wanted = new Set(input.members);
  removeMembers(
    ctx,
    record,
    [...record.members].filter((id) => !wanted.has(id)),
  );
  addMembers(ctx, record, input.members);
  if (input.externalId !== undefined) record.externalId = input.externalId;
  record.lastModified = ctx.clock.now();
  return { ok: true, value: record };
}

/** `members[value eq "id"]` → the id. */
function memberFilter(path: string): string | undefined {
  return /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path.trim())?.[1];
}

export function patchScimGroup(
  ctx: SiteContext,
  record: ScimGroupRecord,
  operations: ScimPatchOperation[],
): ScimOutcome<ScimGroupRecord> {
  // Validate every operation before applying any, so a bad one changes nothing.
  const plan: Array<() => void> = [];
  for (const operation of operations) {
    const path = operation.path?.trim();
    if (path === undefined || path === '') {
      if (!isRecord(operation.value))
        return fail(400, 'An operation without a path needs an object value.', 'invalidValue');
      const name = operation.value['displayName'];
      if (name !== undefined && name !== record.displayName)
        return fail(400, 'Renaming a synced group is not supported.', 'mutability');
      if (operation.value['members'] !== undefined) {
        const ids = memberIds(operation.value['members']);
        if (!ids.ok) return ids;
        const checked = checkMembers(ctx, record.directoryId, ids.value);
        if (!checked.ok) return checked;
        plan.push(() => addMembers(ctx, record, ids.value));
      }
      continue;
    }
    if (path.toLowerCase() === 'displayname') {
      if (operation.value !== record.displayName)
        return fail(400, 'Renaming a synced group is not supported.', 'mutability');
      continue;
    }
    const filtered = memberFilter(path);
    if (filtered !== undefined) {
      if (operation.op !== 'remove')
        return fail(400, `Only remove is supported with ${path}.`, 'invalidPath');
      plan.push(() => removeMembers(ctx, record, [filtered]));
      continue;
    }
    if (path.toLowerCase() !== 'members')
      return fail(400, `Unsupported attribute path: ${path}.`, 'invalidPath');
    const ids = memberIds(operation.value);
    if (!ids.ok) return ids;
    if (operation.op === 'remove') {
      const targets = operation.value === undefined ? [...record.members] : ids.value;
      plan.push(() => removeMembers(ctx, record, targets));
      continue;
    }
    const checked = checkMembers(ctx, record.directoryId, ids.value);
    if (!checked.ok) return checked;
    if (operation.op === 'replace') {
      const wanted = new Set(ids.value);
      plan.push(() => {
        removeMembers(
          ctx,
          record,
          [...record.members].filter((id) => !wanted.has(id)),
        );
        addMembers(ctx, record, ids.value);
      });
    } else plan.push(() => addMembers(ctx, record, ids.value));
  }
  for (const step of plan) step();
  record.lastModified = ctx.clock.now();
  return { ok: true, value: record };
}

export function deleteScimGroup(ctx: SiteContext, record: ScimGroupRecord): void {
  const group = siteGroupOf(ctx, record);
  if (group) deleteGroup(ctx, group, { author: SCIM_AUTHOR, emitUpdated: true });
  ctx.state.scim.removeGroup(record);
}

/** When a SCIM user is deleted its synced group memberships go with it. */
export function dropFromScimGroups(ctx: SiteContext, scimUserId: string): void {
  for (const record of ctx.state.scim.groupsOfUser(scimUserId)) removeMembers(ctx, record, [scimUserId]);
}
