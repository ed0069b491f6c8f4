// Turns an untrusted rule payload (from the admin page) into a Rule, or field errors naming exactly what is wrong.

import type { TextKey, TextValues } from '../../shared/i18n/text';
import { parseRule } from './parse';
import { ACCOUNT_ID_PATTERN, ID_PATTERN, RULE_LIMITS, grantKey, type Grant, type Rule } from './rule-model';
import { didYouMean } from './suggest';
import { DIALECTS, MAX_RULE_LENGTH, type Dialect } from './syntax-tree';

/** One problem with one field. `field` is a path such as `name`, `condition` or `grants[2].groupId`. */
export interface FieldError {
  /** The rule the problem is in, when known; null for rule-set level problems. */
  ruleId: string | null;
  field: string;
  /** In English, for logs, audit entries and API replies. */
  message: string;
  /** The same problem as a key with values, for a page that words it in the admin's language. */
  key?: TextKey;
  values?: TextValues;
  /** For condition errors: where in the text (1-based). */
  line?: number;
  column?: number;
  length?: number;
}

export type RuleInputResult = { ok: true; rule: Rule } | { ok: false; errors: FieldError[] };

const RULE_FIELDS = [
  'id',
  'name',
  'description',
  'enabled',
  'priority',
  'condition',
  'grants',
  'onUnmatch',
  'owner',
];
const CONDITION_FIELDS = ['text', 'dialect'];
const GROUP_FIELDS = ['kind', 'groupId', 'groupName'];
const ROLE_FIELDS = ['kind', 'projectId', 'projectKey', 'roleId', 'roleName'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function typeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

class Collector {
  readonly errors: FieldError[] = [];
  constructor(private readonly ruleId: string | null) {}

  add(field: string, message: string, extra?: Pick<FieldError, 'line' | 'column' | 'length'>): void {
    this.errors.push({ ruleId: this.ruleId, field, message, ...extra });
  }

  unknownFields(value: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.add(`${prefix}${key}`, `Unknown field "${key}"${didYouMean(key, allowed)}`);
    }
  }

  id(value: unknown, field: string, what: string): string | undefined {
    if (typeof value !== 'string' || value === '') {
      this.add(
        field,
        value === undefined || value === ''
          ? `${what} is required`
          : `${what} must be a string, got ${typeName(value)}`,
      );
      return undefined;
    }
    if (value.length > RULE_LIMITS.maxIdLength) {
      this.add(field, `${what} is ${value.length} characters long; the limit is ${RULE_LIMITS.maxIdLength}`);
      return undefined;
    }
    if (!ID_PATTERN.test(value)) {
      this.add(field, `${what} may contain only letters, digits, ".", "_" and "-"`);
      return undefined;
    }
    return value;
  }

  text(value: unknown, field: string, what: string, max: number, required: boolean): string | undefined {
    if (typeof value !== 'string') {
      this.add(
        field,
        value === undefined && required
          ? `${what} is required`
          : `${what} must be a string, got ${typeName(value)}`,
      );
      return undefined;
    }
    const trimmed = value.trim();
    if (required && trimmed === '') {
      this.add(field, `${what} is required`);
      return undefined;
    }
    if (trimmed.length > max) {
      this.add(field, `${what} is ${trimmed.length} characters long; the limit is ${max}`);
      return undefined;
    }
    return trimmed;
  }
}

/** The rule's id if the payload has a usable one, so errors can name it. */
function ruleIdOf(input: unknown): string | null {
  if (!isRecord(input)) return null;
  const id = input.id;
  return typeof id === 'string' && id !== '' && id.length <= RULE_LIMITS.maxIdLength ? id : null;
}

export function validateRuleInput(input: unknown): RuleInputResult {
  const c = new Collector(ruleIdOf(input));
  if (!isRecord(input)) {
    c.add('', `A rule must be an object, got ${typeName(input)}`);
    return { ok: false, errors: c.errors };
  }
  c.unknownFields(input, RULE_FIELDS, '');

  const id = c.id(input.id, 'id', 'Rule id');
  const name = c.text(input.name, 'name', 'Name', RULE_LIMITS.maxNameLength, true);
  const description =
    input.description === undefined
      ? ''
      : c.text(input.description, 'description', 'Description', RULE_LIMITS.maxDescriptionLength, false);

  let enabled: boolean | undefined;
  if (typeof input.enabled === 'boolean') enabled = input.enabled;
  else c.add('enabled', `enabled must be true or false, got ${typeName(input.enabled)}`);

  let priority: number | undefined;
  const p = input.priority;
  if (
    typeof p !== 'number' ||
    !Number.isInteger(p) ||
    p < RULE_LIMITS.minPriority ||
    p > RULE_LIMITS.maxPriority
  ) {
    c.add(
      'priority',
      `Priority must be a whole number from ${RULE_LIMITS.minPriority} (highest) to ${RULE_LIMITS.maxPriority.toLocaleString('en-US')}, got ${typeof p === 'number' ? String(p) : typeName(p)}`,
    );
  } else {
    priority = p;
  }

  let onUnmatch: Rule['onUnmatch'] | undefined;
  if (input.onUnmatch === 'keep' || input.onUnmatch === 'revoke') onUnmatch = input.onUnmatch;
  else
    c.add(
      'onUnmatch',
      `onUnmatch must be "keep" or "revoke", got ${JSON.stringify(input.onUnmatch) ?? 'nothing'}`,
    );

  const condition = validateCondition(input.condition, c);
  const grants = validateGrants(input.grants, c);
  const owner = validateOwner(input.owner, c);

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return {
    ok: true,
    rule: {
      id: id!,
      name: name!,
      description: description!,
      enabled: enabled!,
      priority: priority!,
      condition: condition!,
      grants: grants!,
      onUnmatch: onUnmatch!,
      ...(owner ? { owner } : {}),
    },
  };
}

/** The owner: an account id, or absent/null for nobody. */
function validateOwner(value: unknown, c: Collector): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !ACCOUNT_ID_PATTERN.test(value)) {
    c.add('owner', `The owner must be an Atlassian account id, got ${typeName(value)}`);
    return undefined;
  }
  return value;
}

function validateCondition(value: unknown, c: Collector): Rule['condition'] | undefined {
  if (!isRecord(value)) {
    c.add('condition', `condition must be an object { text, dialect }, got ${typeName(value)}`);
    return undefined;
  }
  c.unknownFields(value, CONDITION_FIELDS, 'condition.');
  let dialect: Dialect = 'entra';
  if (value.dialect !== undefined) {
    if (typeof value.dialect === 'string' && (DIALECTS as readonly string[]).includes(value.dialect)) {
      dialect = value.dialect as Dialect;
    } else {
      c.add('condition.dialect', `dialect must be "entra" or "okta", got ${JSON.stringify(value.dialect)}`);
      return undefined;
    }
  }
  if (typeof value.text !== 'string') {
    c.add('condition', `The condition text must be a string, got ${typeName(value.text)}`);
    return undefined;
  }
  if (value.text.length > MAX_RULE_LENGTH) {
    c.add(
      'condition',
      `The condition is ${value.text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_RULE_LENGTH.toLocaleString('en-US')}`,
    );
    return undefined;
  }
  const parsed = parseRule(value.text, dialect);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      const position: Pick<FieldError, 'line' | 'column' | 'length'> = {
        line: error.line,
        column: error.column,
      };
      if (error.length !== undefined) position.length = error.length;
      c.add('condition', `Line ${error.line}, column ${error.column}: ${error.message}`, position);
    }
    return undefined;
  }
  return { text: value.text, dialect };
}

function validateGrants(value: unknown, c: Collector): Grant[] | undefined {
  if (!Array.isArray(value)) {
    c.add('grants', `grants must be a list, got ${typeName(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    c.add('grants', 'Add at least one group or project role to grant');
    return undefined;
  }
  if (value.length > RULE_LIMITS.maxGrantsPerRule) {
    c.add(
      'grants',
      `A rule may grant at most ${RULE_LIMITS.maxGrantsPerRule} things; this one has ${value.length}`,
    );
    return undefined;
  }
  const grants: Grant[] = [];
  const seen = new Map<string, number>();
  let failed = false;
  value.forEach((item: unknown, index) => {
    const at = `grants[${index}]`;
    const grant = validateGrant(item, at, c);
    if (!grant) {
      failed = true;
      return;
    }
    const key = grantKey(grant);
    const first = seen.get(key);
    if (first !== undefined) {
      c.add(at, `Duplicate of grants[${first}]`);
      failed = true;
      return;
    }
    seen.set(key, index);
    grants.push(grant);
  });
  return failed ? undefined : grants;
}

function validateGrant(item: unknown, at: string, c: Collector): Grant | undefined {
  if (!isRecord(item)) {
    c.add(at, `A grant must be an object, got ${typeName(item)}`);
    return undefined;
  }
  const before = c.errors.length;
  if (item.kind === 'group') {
    c.unknownFields(item, GROUP_FIELDS, `${at}.`);
    const groupId = c.id(item.groupId, `${at}.groupId`, 'Group id');
    const groupName = c.text(
      item.groupName,
      `${at}.groupName`,
      'Group name',
      RULE_LIMITS.maxGroupNameLength,
      true,
    );
    if (c.errors.length > before) return undefined;
    return { kind: 'group', groupId: groupId!, groupName: groupName! };
  }
  if (item.kind === 'projectRole') {
    c.unknownFields(item, ROLE_FIELDS, `${at}.`);
    const projectId = c.id(item.projectId, `${at}.projectId`, 'Project id');
    const projectKey = c.text(
      item.projectKey,
      `${at}.projectKey`,
      'Project key',
      RULE_LIMITS.maxIdLength,
      true,
    );
    const roleId = c.id(item.roleId, `${at}.roleId`, 'Role id');
    const roleName = c.text(
      item.roleName,
      `${at}.roleName`,
      'Role name',
      RULE_LIMITS.maxGroupNameLength,
      true,
    );
    if (c.errors.length > before) return undefined;
    return {
      kind: 'projectRole',
      projectId: projectId!,
      projectKey: projectKey!,
      roleId: roleId!,
      roleName: roleName!,
    };
  }
  c.add(
    `${at}.kind`,
    `Unknown grant kind ${JSON.stringify(item.kind) ?? '(missing)'}; use "group" or "projectRole"`,
  );
  return undefined;
}
