// The app's settings as the admin page edits them and the backend reads them; secrets are never part of them.
import { fieldMessage } from './field-messages';
import { z } from 'zod';

const accountId = z
  .string()
  .trim()
  .min(1, fieldMessage('fields.chooseUser'))
  .max(128, fieldMessage('fields.accountIdTooLong', { max: 128 }))
  .regex(/^[A-Za-z0-9:_-]+$/, fieldMessage('fields.notAccountId'));

const orgOrDirectoryId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{8,64}$/, fieldMessage('fields.pasteOrgId'));

/**
 * The settings' schema, built twice from one shape: strict for what the page sends (an unknown field is named
 * and refused, never silently dropped), lenient for what storage holds (a field an older or newer version wrote
 * must not make the stored settings unreadable).
 */
function buildSettingsSchema(object: typeof z.object | typeof z.strictObject) {
  /** How the app adds and removes group memberships. Group writes need site-admin power: see the README. */
  const groupWritePath = z.discriminatedUnion('mode', [
    object({ mode: z.literal('org-admin-api') }),
    object({ mode: z.literal('impersonate-admin'), adminAccountId: accountId }),
    object({ mode: z.literal('app-account') }),
  ]);
  const settings = object({
    sources: object({
      email: z.boolean(),
      /** SCIM reads the organization's directory (`org.directoryId`): one directory id for both APIs. */
      scim: object({ enabled: z.boolean() }),
      orgDirectory: object({ enabled: z.boolean() }),
      pushed: z.boolean(),
    }),
    org: object({ orgId: orgOrDirectoryId.nullable(), directoryId: orgOrDirectoryId.nullable() }),
    groupWritePath,
    provisioning: object({
      enabled: z.boolean(),
      /** Events for one account within this window are coalesced into one run. */
      coalesceSeconds: z
        .number(fieldMessage('fields.enterNumber'))
        .int(fieldMessage('fields.enterWholeNumber'))
        .min(0, fieldMessage('fields.atLeast', { min: 0 }))
        .max(300, fieldMessage('fields.atMost', { max: 300 })),
    }),
    auditRetentionDays: z
      .number(fieldMessage('fields.enterNumber'))
      .int(fieldMessage('fields.enterWholeNumber'))
      .min(7, fieldMessage('fields.keepRetentionDays', { min: 7 }))
      .max(3650, fieldMessage('fields.retentionAtMostTenYears')),
  }).superRefine((s, ctx) => {
    if (s.sources.scim.enabled && !s.org.directoryId)
      ctx.addIssue({
        code: 'custom',
        path: ['org', 'directoryId'],
        message: fieldMessage('fields.scimNeedsDirectory'),
      });
    const needsOrg = s.sources.orgDirectory.enabled || s.groupWritePath.mode === 'org-admin-api';
    if (needsOrg && !s.org.orgId)
      ctx.addIssue({
        code: 'custom',
        path: ['org', 'orgId'],
        message: fieldMessage('fields.adminApiNeedsOrg'),
      });
    if (needsOrg && !s.org.directoryId && !s.sources.scim.enabled)
      ctx.addIssue({
        code: 'custom',
        path: ['org', 'directoryId'],
        message: fieldMessage('fields.adminApiNeedsDirectory'),
      });
  });
  return { settings, groupWritePath };
}

const lenient = buildSettingsSchema(z.object);

/**
 * Stored settings from before there was one directory id (SCIM had its own, `sources.scim.directoryId`): that id
 * becomes the directory id when none was set. Anything else is returned unchanged for the schema to judge.
 */
export function upgradeStoredSettings(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const s = stored as { sources?: { scim?: { directoryId?: unknown } }; org?: { directoryId?: unknown } };
  const legacy = s.sources?.scim?.directoryId;
  if (typeof legacy !== 'string' || legacy === '' || (s.org && typeof s.org.directoryId === 'string'))
    return stored;
  return { ...s, org: { ...(s.org ?? { orgId: null }), directoryId: legacy } };
}
/** Settings as storage holds them. */
export const settingsSchema = lenient.settings;
export const groupWritePathSchema = lenient.groupWritePath;
/** Settings as the page sends them: every field known, nothing extra. */
export const settingsInputSchema = buildSettingsSchema(z.strictObject).settings;

export type AppSettings = z.infer<typeof settingsSchema>;
export type GroupWritePath = z.infer<typeof groupWritePathSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  sources: {
    email: true,
    scim: { enabled: false },
    orgDirectory: { enabled: false },
    pushed: true,
  },
  org: { orgId: null, directoryId: null },
  groupWritePath: { mode: 'app-account' },
  provisioning: { enabled: true, coalesceSeconds: 2 },
  auditRetentionDays: 180,
};

/** Secrets the admin can set but never read back. */
export const SECRET_NAMES = ['org-api-key', 'scim-directory-key', 'webtrigger-secret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** What the page may know about a secret: whether it is set, and when/by whom. */
export interface SecretStatus {
  name: SecretName;
  isSet: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}
