// The schemas' field problems as keys with values: each English sentence comes from one table entry, so the
// English a reply carries and the key the page words it by cannot drift apart.
import { fill, type TextKey, type TextValues } from './i18n/text';

/** Each keyed field problem's English, exactly as en-US.json has it (a unit test holds them equal). */
export const FIELD_MESSAGES = {
  'fields.notAccountId': 'Not an Atlassian account id',
  'fields.notRuleId': 'Not a rule id (letters, digits, ".", "_", "-")',
  'fields.notValidId': 'Not a valid id',
  'fields.notCursor': 'Not a cursor this page issued',
  'fields.wholeMilliseconds': 'Must be a whole number of milliseconds',
  'fields.unknownField': 'Unknown field "{name}"',
  'fields.startAfterEnd': 'The start is after the end',
  'fields.chooseAccount': 'Choose at least one account',
  'fields.notGrantKey': 'Not a grant key',
  'fields.reasonTooShort': 'Give a reason of at least {min} characters',
  'fields.reasonTooLong': 'A reason is at most {max} characters',
  'fields.decideOne': 'Decide at least one item',
  'fields.tooManyDecisions': 'At most {max} decisions at once',
  'fields.nameCampaign': 'Give the campaign a name',
  'fields.notGroupId': 'Not a group id',
  'fields.notProjectId': 'Not a project id',
  'fields.wholeDays': 'Whole days',
  'fields.atLeast': 'At least {min}',
  'fields.atMost': 'At most {max}',
  'fields.chooseGroup': 'Choose at least one group',
  'fields.notProjectKey': 'Not a project key',
  'fields.chooseProject': 'Choose at least one project',
  'fields.nameReviewer': 'Name at least one reviewer',
  'fields.notIssueKey': 'Not an issue key (e.g. ACCESS-1)',
  'fields.chooseSomeoneElse': 'Choose someone else',
  'fields.atLeastCharacters': 'At least {min} characters',
  'fields.atMostCharacters': 'At most {max} characters',
  'fields.ruleOrDraft': 'Give a rule id or a draft, not both',
  'fields.notTarget': 'Not a group or project role of this site',
  'fields.confirmRisk': 'Confirm that you understand the risk of allowing this target',
  'fields.secretTooShort': 'A key or secret is at least {min} characters',
  'fields.trimValue': 'Remove the spaces or line breaks around the value',
  'fields.controlCharacters': 'The value contains control characters',
  'fields.enterNumber': 'Enter a number',
  'fields.enterWholeNumber': 'Enter a whole number',
  'fields.chooseUser': 'Choose a user',
  'fields.accountIdTooLong': 'An Atlassian account id is at most {max} characters',
  'fields.pasteOrgId': 'Paste the id from admin.atlassian.com (letters, digits and dashes)',
  'fields.keepRetentionDays': 'Keep at least {min} days',
  'fields.retentionAtMostTenYears': 'At most 10 years',
  'fields.scimNeedsDirectory': 'The SCIM source needs the directory id',
  'fields.adminApiNeedsOrg': 'The organization id is needed for the Admin API',
  'fields.adminApiNeedsDirectory': 'The directory id is needed for the Admin API',
} as const satisfies { readonly [K in TextKey]?: string };

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

export interface KeyedMessage {
  readonly key: TextKey;
  readonly values?: TextValues;
}

/** Numbers read in the English message as the English page formats them (`4,096`). */
const ENGLISH_NUMBERS = new Intl.NumberFormat('en-US');
const englishNumber = (n: number): string => ENGLISH_NUMBERS.format(n);

/** Every English sentence made here, back to its key: zod keeps only a message string on an issue. */
const KEYED = new Map<string, KeyedMessage>();

/** A field problem's English with its key, for a problem found outside a schema (an unknown field's name). */
export function fieldProblem(key: FieldMessageKey, values?: TextValues): KeyedMessage & { message: string } {
  const message = fill(FIELD_MESSAGES[key], values ?? {}, englishNumber);
  return values ? { message, key, values } : { message, key };
}

/**
 * The English sentence for a schema's message, remembered with its key so `keyOfMessage` can find it. Only for
 * messages fixed when a schema is built: each call adds to the table.
 */
export function fieldMessage(key: FieldMessageKey, values?: TextValues): string {
  const { message } = fieldProblem(key, values);
  const known = KEYED.get(message);
  // Two keys must not make the same English: the page could not tell which to word.
  if (known && known.key !== key) throw new Error(`Field messages ${known.key} and ${key} read alike`);
  KEYED.set(message, values ? { key, values } : { key });
  return message;
}

/** The key and values behind a schema's English message; undefined for zod's own words ("Invalid input"). */
export function keyOfMessage(message: string): KeyedMessage | undefined {
  return KEYED.get(message);
}

/**
 * The key and values behind a zod issue: a custom issue may carry them in its params (cross-field problems the
 * domain words, `{ key, values }`); otherwise its message is looked up.
 */
export function keyOfIssue(issue: {
  readonly code: string;
  readonly message: string;
  readonly params?: unknown;
}) {
  const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  if (typeof params?.key === 'string') {
    const values = params.values as TextValues | undefined;
    return values ? { key: params.key as TextKey, values } : { key: params.key as TextKey };
  }
  return keyOfMessage(issue.message);
}
