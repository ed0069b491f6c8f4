// What SCIM user writes do to the site: an IdP-pushed user becomes (or links to) a managed site account whose
// profile follows the IdP; deactivation deactivates the account. Shared by the HTTP API and the control surface.
import {
  accountIdForEmail,
  createHumanAccount,
  setAccountStatus,
  updateProfile,
  type ProfileChanges,
} from '../actions/account-actions';
import type { ScimErrorType } from '../http/responses';
import { deterministicUuid } from '../prng';
import type { SiteContext } from '../site-context';
import type { Directory, ScimEmail, ScimUserRecord } from '../state/types';
import { ENTERPRISE } from './scim-representations';

export type ScimOutcome<T> =
  { ok: true; value: T } | { ok: false; status: number; detail: string; scimType?: ScimErrorType };

export function fail(status: number, detail: string, scimType?: ScimErrorType): ScimOutcome<never> {
  return { ok: false, status, detail, ...(scimType !== undefined ? { scimType } : {}) };
}

/** The SCIM attributes Atlassian keeps. */
export interface ScimUserInput {
  userName: string;
  externalId?: string;
  emails: ScimEmail[];
  givenName?: string;
  familyName?: string;
  formattedName?: string;
  displayName?: string;
  nickName?: string;
  title?: string;
  preferredLanguage?: string;
  timezone?: string;
  department?: string;
  organization?: string;
  active?: boolean;
  phoneNumbers: Array<{ value: string; type?: string; primary?: boolean }>;
}

export const SCIM_AUTHOR = { eventSource: 'User provisioning' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(source: Record<string, unknown>, key: string): string | undefined {
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

/** IdPs send booleans as strings now and then ("False"): accept both, as Atlassian does. */
export function scimBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function primaryFlag(raw: unknown): { primary?: boolean } {
  const primary = scimBoolean(raw);
  return primary === undefined ? {} : { primary };
}

export function parseScimUser(body: unknown): ScimOutcome<ScimUserInput> {
  if (!isRecord(body)) return fail(400, 'The request body must be a SCIM User object.', 'invalidSyntax');
  const userName = optionalString(body, 'userName');
  if (!userName || userName.trim() === '') return fail(400, 'userName is required.', 'invalidValue');
  const emails: ScimEmail[] = [];
  if (body['emails'] !== undefined) {
    if (!Array.isArray(body['emails'])) return fail(400, 'emails must be an array.', 'invalidSyntax');
    for (const raw of body['emails'] as unknown[]) {
      if (!isRecord(raw) || typeof raw['value'] !== 'string')
        return fail(400, 'each email needs a value.', 'invalidValue');
      emails.push({
        value: raw['value'],
        ...(typeof raw['type'] === 'string' ? { type: raw['type'] } : {}),
        ...primaryFlag(raw['primary']),
      });
    }
  }
  const name = isRecord(body['name']) ? body['name'] : {};
  const enterprise = isRecord(body[ENTERPRISE]) ? body[ENTERPRISE] : {};
  const phones = Array.isArray(body['phoneNumbers']) ? (body['phoneNumbers'] as unknown[]) : [];
  const active = body['active'] === undefined ? undefined : scimBoolean(body['active']);
  if (body['active'] !== undefined && active === undefined)
    return fail(400, 'active must be a boolean.', 'invalidValue');
  const input: ScimUserInput = {
    userName,
    emails,
    phoneNumbers: phones
      .filter(isRecord)
      .flatMap((p) =>
        typeof p['value'] === 'string'
          ? [{ value: p['value'], ...(typeof p['type'] === 'string' ? { type: p['type'] } : {}) }]
          : [],
      ),
  };
  const assign = (key: keyof ScimUserInput, value: string | undefined) => {
    if (value !== undefined) (input as unknown as Record<string, unknown>)[key] = value;
  };
  assign('externalId', optionalString(body, 'externalId'));
  assign('givenName', optionalString(name, 'givenName'));
  assign('familyName', optionalString(name, 'familyName'));
  assign('formattedName', optionalString(name, 'formatted'));
  assign('displayName', optionalString(body, 'displayName'));
  assign('nickName', optionalString(body, 'nickName'));
  assign('title', optionalString(body, 'title'));
  assign('preferredLanguage', optionalString(body, 'preferredLanguage'));
  assign('timezone', optionalString(body, 'timezone'));
  assign('department', optionalString(enterprise, 'department') ?? optionalString(body, 'department'));
  assign('organization', optionalString(enterprise, 'organization') ?? optionalString(body, 'organization'));
  if (active !== undefined) input.active = active;
  return { ok: true, value: input };
}

export function primaryEmail(input: Pick<ScimUserInput, 'emails' | 'userName'>): string | undefined {
  const email = input.emails.find((e) => e.primary)?.value ?? input.emails[0]?.value;
  if (email) return email;
  return input.userName.includes('@') ? input.userName : undefined;
}

export function displayNameOf(input: ScimUserInput | ScimUserRecord): string {
  const joined = [input.givenName, input.familyName].filter((p) => p && p.length > 0).join(' ');
  return input.displayName ?? input.formattedName ?? (joined || input.userName);
}

/** The account profile the SCIM record implies; attributes the IdP dropped clear the account's copy. */
function profileOf(record: ScimUserRecord): ProfileChanges {
  return {
    displayName: displayNameOf(record),
    ...(record.nickName !== undefined ? { nickname: record.nickName } : {}),
    jobTitle: record.title ?? null,
    department: record.department ?? null,
    organization: record.organization ?? null,
    ...(record.timezone !== undefined ? { timeZone: record.timezone } : {}),
    ...(record.preferredLanguage !== undefined ? { locale: record.preferredLanguage.replace('-', '_') } : {}),
  };
}

function applyInput(record: ScimUserRecord, input: ScimUserInput): void {
  const keys: Array<keyof ScimUserInput & keyof ScimUserRecord> = [
    'externalId',
    'givenName',
    'familyName',
    'formattedName',
    'displayName',
    'nickName',
    'title',
    'preferredLanguage',
    'timezone',
    'department',
    'organization',
  ];
  // PUT replaces: attributes left out are cleared.
  for (const key of keys) {
    const value = input[key];
    if (value === undefined) delete (record as unknown as Record<string, unknown>)[key];
    else (record as unknown as Record<string, unknown>)[key] = value;
  }
  record.userName = input.userName;
  record.emails = input.emails;
  record.phoneNumbers = input.phoneNumbers;
  if (input.active !== undefined) record.active = input.active;
}

/** Pushes the SCIM record to its site account: profile (emits avi:jira:updated:user on change), email, active. */
export function syncAccount(
  ctx: SiteContext,
  record: ScimUserRecord,
  emitUpdated: boolean,
): ScimOutcome<void> {
  const { state } = ctx;
  const account = state.accounts.get(record.accountId);
  if (!account) return fail(500, `SCIM user ${record.id} lost its account.`);
  const email = primaryEmail(record);
  if (email && email.toLowerCase() !== account.email.toLowerCase()) {
    if (!state.isManaged(email))
      return fail(400, `The email ${email} is not on a verified domain of the organization.`, 'invalidValue');
    const holder = state.accounts.byEmail(email);
    if (holder && holder.accountId !== account.accountId)
      return fail(409, `Another account uses ${email}.`, 'uniqueness');
    state.accounts.changeEmail(account.accountId, email);
  }
  updateProfile(ctx, account, profileOf(record), {
    author: SCIM_AUTHOR,
    emit: emitUpdated ? 'any-change' : 'never',
  });
  setAccountStatus(ctx, account, record.active ? 'active' : 'inactive', SCIM_AUTHOR);
  return { ok: true, value: undefined };
}

export function createScimUser(
  ctx: SiteContext,
  directory: Directory,
  input: ScimUserInput,
): ScimOutcome<ScimUserRecord> {
  const { state, clock } = ctx;
  if (state.scim.userByUserName(directory.directoryId, input.userName))
    return fail(
      409,
      `A user with userName ${input.userName} already exists in this directory.`,
      'uniqueness',
    );
  if (input.externalId && state.scim.userByExternalId(directory.directoryId, input.externalId))
    return fail(
      409,
      `A user with externalId ${input.externalId} already exists in this directory.`,
      'uniqueness',
    );
  const email = primaryEmail(input);
  if (!email)
    return fail(400, 'The user needs an email address (emails or an email-shaped userName).', 'invalidValue');
  if (!state.isManaged(email))
    return fail(
      400,
      `A user account can only be created with an email address on a verified domain (${email}).`,
      'invalidValue',
    );
  const existing = state.accounts.byEmail(email);
  if (existing) {
    const linked = state.scim.userByAccountId(existing.accountId);
    if (linked && !linked.deleted)
      return fail(409, `The account for ${email} is already linked to a SCIM user.`, 'uniqueness');
  }
  const now = clock.now();
  const record: ScimUserRecord = {
    id: deterministicUuid(`scim-user:${directory.directoryId}`, state.scim.userCount(directory.directoryId)),
    directoryId: directory.directoryId,
    accountId: existing?.accountId ?? accountIdForEmail(email),
    userName: input.userName,
    active: input.active ?? true,
    deleted: false,
    emails: [],
    phoneNumbers: [],
    created: now,
    lastModified: now,
  };
  applyInput(record, { ...input, active: input.active ?? true });
  if (!existing) {
    createHumanAccount(
      ctx,
      {
        email,
        displayName: displayNameOf(record),
        accountId: record.accountId,
        managementSource: 'synced',
        ...profileFields(record),
      },
      { author: SCIM_AUTHOR, defaultGroups: false, history: true },
    );
  } else {
    const membership = state.directoryMembers.get(existing.accountId);
    if (membership) membership.managementSource = 'synced';
  }
  state.scim.addUser(record);
  const synced = syncAccount(ctx, record, existing !== undefined);
  if (!synced.ok) return synced;
  return { ok: true, value: record };
}

function profileFields(record: ScimUserRecord): {
  nickname?: string;
  jobTitle?: string;
  department?: string;
  organization?: string;
  timeZone?: string;
  locale?: string;
} {
  const profile = profileOf(record);
  return {
    ...(profile.nickname !== undefined ? { nickname: profile.nickname } : {}),
    ...(typeof profile.jobTitle === 'string' ? { jobTitle: profile.jobTitle } : {}),
    ...(typeof profile.department === 'string' ? { department: profile.department } : {}),
    ...(typeof profile.organization === 'string' ? { organization: profile.organization } : {}),
    ...(profile.timeZone !== undefined ? { timeZone: profile.timeZone } : {}),
    ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
  };
}

export function replaceScimUser(
  ctx: SiteContext,
  record: ScimUserRecord,
  input: ScimUserInput,
): ScimOutcome<ScimUserRecord> {
  const { state, clock } = ctx;
  const other = state.scim.userByUserName(record.directoryId, input.userName);
  if (other && other.id !== record.id) return fail(409, `userName ${input.userName} is taken.`, 'uniqueness');
  const previous = {
    userName: record.userName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
  };
  const backup = structuredClone(record);
  applyInput(record, input);
  const synced = syncAccount(ctx, record, true);
  if (!synced.ok) {
    Object.assign(record, backup);
    return synced;
  }
  state.scim.reindexUser(record, previous);
  record.lastModified = clock.now();
  return { ok: true, value: record };
}

const SIMPLE_PATHS: Record<string, keyof ScimUserRecord> = {
  externalid: 'externalId',
  displayname: 'displayName',
  nickname: 'nickName',
  title: 'title',
  preferredlanguage: 'preferredLanguage',
  timezone: 'timezone',
  department: 'department',
  organization: 'organization',
  'name.givenname': 'givenName',
  'name.familyname': 'familyName',
  'name.formatted': 'formattedName',
  [`${ENTERPRISE}:department`.toLowerCase()]: 'department',
  [`${ENTERPRISE}:organization`.toLowerCase()]: 'organization',
};

export interface ScimPatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export function parsePatchBody(body: unknown): ScimOutcome<ScimPatchOperation[]> {
  if (!isRecord(body)) return fail(400, 'The PATCH body must be a PatchOp message.', 'invalidSyntax');
  const raw = body['Operations'] ?? body['operations'];
  if (!Array.isArray(raw) || raw.length === 0)
    return fail(400, 'Operations must be a non-empty array.', 'invalidSyntax');
  const operations: ScimPatchOperation[] = [];
  for (const entry of raw as unknown[]) {
    if (!isRecord(entry) || typeof entry['op'] !== 'string')
      return fail(400, 'Each operation needs an op.', 'invalidSyntax');
    const op = entry['op'].toLowerCase();
    if (!['add', 'replace', 'remove'].includes(op))
      return fail(400, `Unsupported op ${entry['op']}.`, 'invalidSyntax');
    operations.push({
      op,
      ...(typeof entry['path'] === 'string' ? { path: entry['path'] } : {}),
      ...(entry['value'] !== undefined ? { value: entry['value'] } : {}),
    });
  }
  return { ok: true, value: operations };
}

function applyUserAttribute(
  record: ScimUserRecord,
  path: string,
  op: string,
  value: unknown,
): ScimOutcome<void> {
  const lower = path.toLowerCase();
  if (lower === 'active') {
    const active = scimBoolean(value);
    if (op === 'remove' || active === undefined)
      return fail(400, 'active must be set to a boolean.', 'invalidValue');
    record.active = active;
    return { ok: true, value: undefined };
  }
  if (lower === 'username') {
    if (op === 'remove' || typeof value !== 'string' || value === '')
      return fail(400, 'userName cannot be removed.', 'mutability');
    record.userName = value;
    return { ok: true, value: undefined };
  }
  if (lower === 'emails' || lower.startsWith('emails[')) {
    if (op === 'remove') return fail(400, 'A user must keep an email address.', 'mutability');
    const address = lower === 'emails' && Array.isArray(value) ? (value[0] as unknown) : value;
    const text = isRecord(address) ? address['value'] : address;
    if (typeof text !== 'string') return fail(400, 'emails needs a value.', 'invalidValue');
    record.emails = [{ value: text, type: 'work', primary: true }];
    return { ok: true, value: undefined };
  }
  const key = SIMPLE_PATHS[lower];
  if (!key) return fail(400, `Unsupported attribute path: ${path}.`, 'invalidPath');
  if (op === 'remove') delete (record as unknown as Record<string, unknown>)[key];
  else if (typeof value === 'string') (record as unknown as Record<string, unknown>)[key] = value;
  else return fail(400, `${path} must be a string.`, 'invalidValue');
  return { ok: true, value: undefined };
}

export function patchScimUser(
  ctx: SiteContext,
  record: ScimUserRecord,
  operations: ScimPatchOperation[],
): ScimOutcome<ScimUserRecord> {
  const { state, clock } = ctx;
  const backup = structuredClone(record);
  const previous = {
    userName: record.userName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
  };
  const rollback = <T>(outcome: ScimOutcome<T>): ScimOutcome<T> => {
    Object.assign(record, backup);
    return outcome;
  };
  for (const operation of operations) {
    if (operation.path) {
      const applied = applyUserAttribute(record, operation.path, operation.op, operation.value);
      if (!applied.ok) return rollback(applied);
      continue;
    }
    if (operation.op === 'remove') return rollback(fail(400, 'remove needs a path.', 'noTarget'));
    if (!isRecord(operation.value))
      return rollback(fail(400, 'An operation without a path needs an object value.', 'invalidValue'));
    for (const [attribute, value] of Object.entries(operation.value)) {
      if (attribute === ENTERPRISE && isRecord(value)) {
        for (const [inner, innerValue] of Object.entries(value)) {
          const applied = applyUserAttribute(record, `${ENTERPRISE}:${inner}`, operation.op, innerValue);
          if (!applied.ok) return rollback(applied);
        }
        continue;
      }
      if (attribute === 'name' && isRecord(value)) {
        for (const [inner, innerValue] of Object.entries(value)) {
          const applied = applyUserAttribute(record, `name.${inner}`, operation.op, innerValue);
          if (!applied.ok) return rollback(applied);
        }
        continue;
      }
      if (attribute === 'schemas' || attribute === 'id') continue;
      const applied = applyUserAttribute(record, attribute, operation.op, value);
      if (!applied.ok) return rollback(applied);
    }
  }
  const other = state.scim.userByUserName(record.directoryId, record.userName);
  if (other && other.id !== record.id)
    return rollback(fail(409, `userName ${record.userName} is taken.`, 'uniqueness'));
  const synced = syncAccount(ctx, record, true);
  if (!synced.ok) return rollback(synced);
  state.scim.reindexUser(record, previous);
  record.lastModified = clock.now();
  return { ok: true, value: record };
}

/** SCIM DELETE: the account is deactivated and the SCIM user answers 404 from then on. */
export function deleteScimUser(
  ctx: SiteContext,
  record: ScimUserRecord,
  dropFromGroups: (ctx: SiteContext, scimUserId: string) => void,
): void {
  const { state } = ctx;
  dropFromGroups(ctx, record.id);
  state.scim.markUserDeleted(record);
  const account = state.accounts.get(record.accountId);
  if (account) setAccountStatus(ctx, account, 'inactive', SCIM_AUTHOR);
}
