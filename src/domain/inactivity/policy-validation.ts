// Validates an untrusted inactivity policy (from the admin page or storage) into a typed one, naming each bad field.
import {
  POLICY_LIMITS,
  type InactivityAction,
  type InactivityNotifications,
  type InactivityPolicy,
  type NeverActiveTreatment,
  type ProductInactivityPolicy,
} from './policy';
import { PRODUCT_KEY_PATTERN } from './policy-defaults';

export interface PolicyFieldError {
  /** Dotted path of the offending field, e.g. `products.confluence.inactiveAfterDays`. */
  readonly path: string;
  /** A sentence that starts with the path and says what is wrong. */
  readonly message: string;
}

export type PolicyValidation =
  | { readonly ok: true; readonly policy: InactivityPolicy }
  | { readonly ok: false; readonly errors: readonly PolicyFieldError[] };

const ACTIONS: readonly InactivityAction[] = ['remove-licence', 'suspend', 'report'];
const NEVER_ACTIVE: readonly NeverActiveTreatment[] = ['count-from-added', 'ignore'];
const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const ID_PATTERN = /^[^\s]+$/;

type Limits = { readonly min: number; readonly max: number };

/** Returns every problem at once so the admin page can mark all bad fields in one round trip. */
export function validateInactivityPolicy(input: unknown): PolicyValidation {
  const errors = new FieldErrors();
  const root = errors.object(input, 'policy', [
    'schemaVersion',
    'products',
    'exclusions',
    'notifications',
    'brake',
    'activityMaxAgeHours',
  ]);
  if (!root) return { ok: false, errors: errors.list };

  if (root.schemaVersion !== 1) errors.add('schemaVersion', 'must be 1');
  const products = readProducts(errors, root.products);
  const exclusions = errors.object(root.exclusions, 'exclusions', [
    'groupIds',
    'accountIds',
    'recentlyAddedDays',
  ]);
  const groupIds = errors.idList(exclusions?.groupIds, 'exclusions.groupIds', exclusions !== undefined);
  const accountIds = errors.idList(exclusions?.accountIds, 'exclusions.accountIds', exclusions !== undefined);
  const recentlyAddedDays = exclusions
    ? errors.wholeNumber(
        exclusions.recentlyAddedDays,
        'exclusions.recentlyAddedDays',
        POLICY_LIMITS.recentlyAddedDays,
      )
    : undefined;
  const notifications = readNotifications(errors, root.notifications);
  const brake = errors.object(root.brake, 'brake', ['maxActionsPerRun', 'maxPercentOfLicensed']);
  const maxActionsPerRun = brake
    ? errors.wholeNumber(brake.maxActionsPerRun, 'brake.maxActionsPerRun', POLICY_LIMITS.maxActionsPerRun)
    : undefined;
  const maxPercentOfLicensed = brake
    ? errors.number(
        brake.maxPercentOfLicensed,
        'brake.maxPercentOfLicensed',
        POLICY_LIMITS.maxPercentOfLicensed,
      )
    : undefined;
  const activityMaxAgeHours = errors.wholeNumber(
    root.activityMaxAgeHours,
    'activityMaxAgeHours',
    POLICY_LIMITS.activityMaxAgeHours,
  );

  if (
    errors.list.length > 0 ||
    !products ||
    !groupIds ||
    !accountIds ||
    recentlyAddedDays === undefined ||
    !notifications ||
    maxActionsPerRun === undefined ||
    maxPercentOfLicensed === undefined ||
    activityMaxAgeHours === undefined
  ) {
    return { ok: false, errors: errors.list };
  }
  return {
    ok: true,
    policy: {
      schemaVersion: 1,
      products,
      exclusions: { groupIds, accountIds, recentlyAddedDays },
      notifications,
      brake: { maxActionsPerRun, maxPercentOfLicensed },
      activityMaxAgeHours,
    },
  };
}

function readProducts(
  errors: FieldErrors,
  value: unknown,
): Record<string, ProductInactivityPolicy> | undefined {
  const products = errors.object(value, 'products', null);
  if (!products) return undefined;
  const result: Record<string, ProductInactivityPolicy> = {};
  for (const [key, raw] of Object.entries(products)) {
    const path = `products.${key}`;
    if (!PRODUCT_KEY_PATTERN.test(key)) {
      errors.add(path, 'is not a valid product key (1-64 letters, digits, "-" or "_")');
      continue;
    }
    const product = readProduct(errors, raw, path);
    if (product) result[key] = product;
  }
  return result;
}

function readProduct(errors: FieldErrors, value: unknown, path: string): ProductInactivityPolicy | undefined {
  const raw = errors.object(value, path, [
    'displayName',
    'licenceGroupIds',
    'enabled',
    'inactiveAfterDays',
    'neverActive',
    'action',
    'warnDaysBefore',
  ]);
  if (!raw) return undefined;
  const displayName = errors.text(raw.displayName, `${path}.displayName`, POLICY_LIMITS.displayNameMaxLength);
  const licenceGroupIds = errors.idList(raw.licenceGroupIds, `${path}.licenceGroupIds`, true);
  const enabled = errors.boolean(raw.enabled, `${path}.enabled`);
  const inactiveAfterDays = errors.wholeNumber(
    raw.inactiveAfterDays,
    `${path}.inactiveAfterDays`,
    POLICY_LIMITS.inactiveAfterDays,
  );
  const neverActive = errors.oneOf(raw.neverActive, `${path}.neverActive`, NEVER_ACTIVE);
  const action = errors.oneOf(raw.action, `${path}.action`, ACTIONS);
  const warnDaysBefore = errors.wholeNumber(
    raw.warnDaysBefore,
    `${path}.warnDaysBefore`,
    POLICY_LIMITS.warnDaysBefore,
  );
  if (
    warnDaysBefore !== undefined &&
    inactiveAfterDays !== undefined &&
    warnDaysBefore >= inactiveAfterDays
  ) {
    errors.add(
      `${path}.warnDaysBefore`,
      `(${warnDaysBefore}) must be shorter than ${path}.inactiveAfterDays (${inactiveAfterDays})`,
    );
    return undefined;
  }
  if (
    displayName === undefined ||
    !licenceGroupIds ||
    enabled === undefined ||
    inactiveAfterDays === undefined ||
    neverActive === undefined ||
    action === undefined ||
    warnDaysBefore === undefined
  ) {
    return undefined;
  }
  return { displayName, licenceGroupIds, enabled, inactiveAfterDays, neverActive, action, warnDaysBefore };
}

function readNotifications(errors: FieldErrors, value: unknown): InactivityNotifications | undefined {
  const raw = errors.object(value, 'notifications', ['jiraNotify', 'webhook']);
  if (!raw) return undefined;
  const result: { jiraNotify?: { issueKey: string }; webhook?: { url: string } } = {};
  let valid = true;
  if (raw.jiraNotify !== undefined) {
    const jira = errors.object(raw.jiraNotify, 'notifications.jiraNotify', ['issueKey']);
    const issueKey = jira ? readIssueKey(errors, jira.issueKey) : undefined;
    if (issueKey === undefined) valid = false;
    else result.jiraNotify = { issueKey };
  }
  if (raw.webhook !== undefined) {
    const webhook = errors.object(raw.webhook, 'notifications.webhook', ['url']);
    const url = webhook ? readWebhookUrl(errors, webhook.url) : undefined;
    if (url === undefined) valid = false;
    else result.webhook = { url };
  }
  return valid ? result : undefined;
}

function readIssueKey(errors: FieldErrors, value: unknown): string | undefined {
  const path = 'notifications.jiraNotify.issueKey';
  if (value === undefined) return errors.missing(path);
  if (typeof value !== 'string' || !ISSUE_KEY_PATTERN.test(value)) {
    errors.add(path, 'must be a Jira issue key such as OPS-123 (project key in capitals, a dash, a number)');
    return undefined;
  }
  return value;
}

function readWebhookUrl(errors: FieldErrors, value: unknown): string | undefined {
  const path = 'notifications.webhook.url';
  if (value === undefined) return errors.missing(path);
  if (typeof value !== 'string' || value.length === 0 || value.length > POLICY_LIMITS.urlMaxLength) {
    errors.add(path, `must be a URL of at most ${POLICY_LIMITS.urlMaxLength} characters`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.add(path, 'is not a valid URL');
    return undefined;
  }
  if (url.protocol !== 'https:') {
    errors.add(path, `must use https:// (got ${url.protocol}//)`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    errors.add(path, 'must not contain a user name or password; put secrets in the path or query');
    return undefined;
  }
  return value;
}

/** Collects field errors; each reader returns undefined when the field is bad, after recording why. */
class FieldErrors {
  readonly list: PolicyFieldError[] = [];

  add(path: string, problem: string): void {
    this.list.push({ path, message: `${path} ${problem}` });
  }

  missing(path: string): undefined {
    this.add(path, 'is required');
    return undefined;
  }

  /** `allowed` null means any keys (a map); otherwise unknown keys are errors, to catch typos. */
  object(
    value: unknown,
    path: string,
    allowed: readonly string[] | null,
  ): Record<string, unknown> | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, 'must be an object');
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(record)) {
        if (!allowed.includes(key)) this.add(`${path}.${key}`, 'is not a recognised field');
      }
    }
    return record;
  }

  wholeNumber(value: unknown, path: string, limits: Limits): number | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < limits.min || value > limits.max) {
      this.add(path, `must be a whole number from ${limits.min} to ${limits.max}`);
      return undefined;
    }
    return value;
  }

  number(value: unknown, path: string, limits: Limits): number | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < limits.min || value > limits.max) {
      this.add(path, `must be a number from ${limits.min} to ${limits.max}`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'boolean') {
      this.add(path, 'must be true or false');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    if (value === undefined) return this.missing(path);
    const match = options.find((option) => option === value);
    if (match === undefined) {
      this.add(path, `must be one of ${options.map((option) => `'${option}'`).join(', ')}`);
    }
    return match;
  }

  text(value: unknown, path: string, maxLength: number): string | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > maxLength) {
      this.add(path, `must be a non-empty text of at most ${maxLength} characters`);
      return undefined;
    }
    return value;
  }

  /** Ids are opaque (group UUIDs, account ids): non-empty, no whitespace; duplicates are dropped. */
  idList(value: unknown, path: string, required: boolean): string[] | undefined {
    if (value === undefined) return required ? this.missing(path) : undefined;
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list of ids');
      return undefined;
    }
    if (value.length > POLICY_LIMITS.listMaxLength) {
      this.add(path, `must have at most ${POLICY_LIMITS.listMaxLength} entries (has ${value.length})`);
      return undefined;
    }
    let valid = true;
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'string' || !ID_PATTERN.test(item) || item.length > POLICY_LIMITS.idMaxLength) {
        this.add(
          `${path}[${index}]`,
          `must be an id of 1-${POLICY_LIMITS.idMaxLength} characters without spaces`,
        );
        valid = false;
      }
    });
    return valid ? [...new Set(value as string[])] : undefined;
  }
}
