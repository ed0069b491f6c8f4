// Field problems sent as keys word exactly the English sentence the backend sends beside them, so English admins
// read what they always did, and German admins read German.
import german from '../../src/locales/de-DE.json';
import { lookupIn } from '../../src/shared/i18n/catalog-text';
import { createText } from '../../src/shared/i18n/text';
import { campaignProblems, type CampaignDefinition } from '../../src/domain/reviews';
import { validateInactivityPolicy } from '../../src/domain/inactivity';
import { testPolicy } from '../../src/domain/inactivity/test-builders';
import { parsePayload, type ReplyFieldError } from '../../src/shared/contract';
import { FIELD_MESSAGES, type FieldMessageKey } from '../../src/shared/field-messages';
import { fieldErrorText } from '../../src/shared/field-error-text';
import { DEFAULT_SETTINGS, settingsSchema } from '../../src/shared/settings';
import { validate, type FieldError } from '../../src/shared/validation';
import { inEnglish } from '../support/english';

const inGerman = createText(lookupIn(german), 'de-DE', 'UTC');

/** Every problem keyed, and its English wording the very sentence the backend sends. */
function expectKeyedAndEqual(errors: readonly FieldError[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect([error.field, typeof error.key]).toEqual([error.field, 'string']);
    expect(fieldErrorText(inEnglish, error)).toBe(error.message);
    expect(fieldErrorText(inGerman, error)).not.toBe(error.message);
  }
}

function payloadErrors(result: { ok: true } | { ok: false; errors: ReplyFieldError[] }): ReplyFieldError[] {
  if (result.ok) throw new Error('expected the payload to be refused');
  return result.errors;
}

/** A valid policy as plain JSON, to break. */
interface PolicyJson {
  products: Record<string, Record<string, unknown>>;
  exclusions: Record<string, unknown>;
  notifications: unknown;
  activityMaxAgeHours?: unknown;
}
const policyJson = (): PolicyJson => JSON.parse(JSON.stringify(testPolicy())) as PolicyJson;

const campaign: CampaignDefinition = {
  name: 'Quarterly',
  scope: { kind: 'app-granted', ruleIds: [] },
  reviewers: { kind: 'rule-owner' },
  fallbackReviewer: 'fallback',
  schedule: { kind: 'once' },
  durationDays: 14,
  remindEveryDays: 3,
  undecided: 'keep',
  notifyIssueKey: 'OPS-1',
  removeHandGrants: false,
};

describe('keyed field messages', () => {
  it("the schemas' table says what en-US.json says, word for word", () => {
    for (const key of Object.keys(FIELD_MESSAGES) as FieldMessageKey[])
      expect([key, inEnglish.t(key)]).toEqual([key, FIELD_MESSAGES[key]]);
  });

  it('settings problems word as their English message, numbers included', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      sources: { ...DEFAULT_SETTINGS.sources, scim: { enabled: true }, orgDirectory: { enabled: true } },
      org: { orgId: null, directoryId: null },
      groupWritePath: { mode: 'impersonate-admin', adminAccountId: '' },
      provisioning: { ...DEFAULT_SETTINGS.provisioning, coalesceSeconds: 500 },
      auditRetentionDays: 3,
    };
    const result = validate(settingsSchema, settings);
    if (result.ok) throw new Error('expected the settings to be refused');
    expectKeyedAndEqual(result.errors);
    expect(result.errors.map((e) => e.key)).toEqual(
      expect.arrayContaining([
        'fields.chooseUser',
        'fields.keepRetentionDays',
        'fields.scimNeedsDirectory',
        'fields.adminApiNeedsOrg',
        'fields.atMost',
      ]),
    );
    // An emptied number field arrives as null (JSON has no NaN): the page says so instead of zod's words.
    const emptied = validate(settingsSchema, { ...DEFAULT_SETTINGS, auditRetentionDays: null });
    if (emptied.ok) throw new Error('expected the settings to be refused');
    expectKeyedAndEqual(emptied.errors);
    expect(emptied.errors.map((e) => e.message)).toEqual(['Enter a number']);
    expect(
      fieldErrorText(
        inGerman,
        result.errors.find((e) => e.key === 'fields.keepRetentionDays')!,
      ),
    ).toBe('Bewahren Sie mindestens 7 Tage auf');
  });

  it("payload problems, unknown fields and a secret's formatted limit included, word as their message", () => {
    const secret = payloadErrors(
      parsePayload('settings.setSecret', { name: 'org-api-key', value: 'x'.repeat(5000) }),
    );
    expect(secret.map((e) => e.message)).toEqual(['At most 4,096 characters']);
    expectKeyedAndEqual(secret);
    const unknown = payloadErrors(
      parsePayload('settings.setSecret', { name: 'org-api-key', value: ' short', typo: 1 }),
    );
    expectKeyedAndEqual(unknown);
    expect(unknown.map((e) => e.key)).toEqual(
      expect.arrayContaining(['fields.unknownField', 'fields.secretTooShort', 'fields.trimValue']),
    );
  });

  it("a campaign's own and cross-field problems word as their message", () => {
    const errors = payloadErrors(
      parsePayload('reviews.create', {
        definition: {
          ...campaign,
          name: ' ',
          scope: {
            kind: 'group-members',
            groups: [
              { groupId: 'g1', groupName: 'Admins', owners: [] },
              { groupId: 'g1', groupName: 'Admins', owners: [] },
            ],
          },
          reviewers: { kind: 'group-owners' },
          remindEveryDays: 20,
          durationDays: 20,
          schedule: { kind: 'every', days: 30 },
        },
      }),
    );
    expectKeyedAndEqual(errors);
    const cross = campaignProblems({
      ...campaign,
      schedule: { kind: 'every', days: 30 },
      durationDays: 30,
      remindEveryDays: 30,
      scope: { kind: 'project-roles', projects: [1, 1].map(() => ({ projectId: '1', projectKey: 'OPS' })) },
      reviewers: { kind: 'project-lead' },
    }).map((p) => ({ field: p.field, message: p.message, key: p.key, values: p.values }));
    expectKeyedAndEqual(cross);
    expect(cross.map((p) => p.key)).toEqual([
      'fields.campaign.projectTwice',
      'fields.campaign.remindersNeverSent',
      'fields.campaign.endBeforeNext',
    ]);
  });

  it("an inactivity policy's problems word as their message, in the payload and from the validator", () => {
    const policy = policyJson();
    const product = Object.values(policy.products)[0]!;
    Object.assign(product, { inactiveAfterDays: 5000, action: 'delete', enabled: 'yes', typo: 1 });
    policy.products['bad key!'] = {};
    policy.exclusions.groupIds = ['has space'];
    policy.notifications = {
      webhook: { url: 'http://user:pw@example.com' },
      jiraNotify: { issueKey: 'ops' },
    };
    delete policy.activityMaxAgeHours;
    const result = validateInactivityPolicy(policy);
    if (result.ok) throw new Error('expected the policy to be refused');
    expectKeyedAndEqual(result.errors.map((e) => ({ field: e.path, ...e })));
    expect(result.errors.length).toBeGreaterThanOrEqual(8);
    expectKeyedAndEqual(payloadErrors(parsePayload('inactivity.policy.save', { policy })));

    const warn = policyJson();
    Object.assign(Object.values(warn.products)[0]!, {
      inactiveAfterDays: 10,
      warnDaysBefore: 10,
    });
    warn.notifications = { webhook: { url: 'ftp://example.com' } };
    const second = validateInactivityPolicy(warn);
    if (second.ok) throw new Error('expected the policy to be refused');
    expectKeyedAndEqual(second.errors.map((e) => ({ field: e.path, ...e })));
    expect(second.errors.map((e) => e.key)).toEqual([
      'fields.policy.warnBeforeInactive',
      'fields.policy.https',
    ]);
  });
});
