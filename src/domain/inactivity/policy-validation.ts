// Validates an untrusted inactivity policy (from the admin page or storage) into a typed one, naming each bad field.
import {
  POLICY_LIMITS,
  type InactivityAction,
  type InactivityNotifications,
  type InactivityPolicy,
  type NeverActiveTreatment,
  type ProductInactivityPolicy,
} from './policy';
import { FieldErrors, type PolicyFieldError } from './field-errors';
import { PRODUCT_KEY_PATTERN } from './policy-defaults';

export type { PolicyFieldError } from './field-errors';

export type PolicyValidation =
  | { readonly ok: true; readonly policy: InactivityPolicy }
  | { readonly ok: false; readonly errors: readonly PolicyFieldError[] };

const ACTIONS: readonly InactivityAction[] = ['remove-licence', 'suspend', 'report'];
const NEVER_ACTIVE: readonly NeverActiveTreatment[] = ['count-from-added', 'ignore'];
const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

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

  if (root.schemaVersion !== 1) errors.add('schemaVersion', 'must be 1', 'fields.policy.schemaVersion');
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
      errors.add(
        path,
        'is not a valid product key (1-64 letters, digits, "-" or "_")',
        'fields.policy.productKey',
      );
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
      'fields.policy.warnBeforeInactive',
      {
        warn: String(warnDaysBefore),
        other: `${path}.inactiveAfterDays`,
        days: String(inactiveAfterDays),
      },
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
  const raw = errors.object(value, 'notifications', ['jiraNotify', 'webhook', 'actWhenNotTold']);
  if (!raw) return undefined;
  const result: { jiraNotify?: { issueKey: string }; webhook?: { url: string }; actWhenNotTold?: boolean } =
    {};
  let valid = true;
  if (raw.actWhenNotTold !== undefined) {
    if (typeof raw.actWhenNotTold !== 'boolean') {
      errors.add('notifications.actWhenNotTold', 'must be true or false', 'fields.policy.boolean');
      valid = false;
    } else if (raw.actWhenNotTold) result.actWhenNotTold = true;
  }
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
    errors.add(
      path,
      'must be a Jira issue key such as OPS-123 (project key in capitals, a dash, a number)',
      'fields.policy.issueKey',
    );
    return undefined;
  }
  return value;
}

function readWebhookUrl(errors: FieldErrors, value: unknown): string | undefined {
  const path = 'notifications.webhook.url';
  if (value === undefined) return errors.missing(path);
  if (typeof value !== 'string' || value.length === 0 || value.length > POLICY_LIMITS.urlMaxLength) {
    errors.add(
      path,
      `must be a URL of at most ${POLICY_LIMITS.urlMaxLength} characters`,
      'fields.policy.url',
      {
        max: String(POLICY_LIMITS.urlMaxLength),
      },
    );
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.add(path, 'is not a valid URL', 'fields.policy.invalidUrl');
    return undefined;
  }
  if (url.protocol !== 'https:') {
    errors.add(path, `must use https:// (got ${url.protocol}//)`, 'fields.policy.https', {
      scheme: `${url.protocol}//`,
    });
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    errors.add(
      path,
      'must not contain a user name or password; put secrets in the path or query',
      'fields.policy.urlCredentials',
    );
    return undefined;
  }
  return value;
}
