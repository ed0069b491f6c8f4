// The Settings tab: settings, write-only secrets (status only, never a value), and connection tests.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import {
  SECRET_NAMES,
  settingsInputSchema,
  type AppSettings,
  type SecretName,
  type SecretStatus,
} from '../settings';
import { returns, type ContractSection } from './endpoint';
import { empty } from './fields';

export const settingsGetSchema = empty;
export type SettingsGetPayload = z.infer<typeof settingsGetSchema>;
export interface SettingsView {
  settings: AppSettings;
  /** Set when the stored settings were unreadable and defaults are shown. */
  problem: string | null;
  /** Whether each secret is set, and when and by whom; never its value. */
  secrets: SecretStatus[];
  /** Where the identity provider pushes attributes (the web trigger), or null with idpPushUrlProblem. */
  idpPushUrl: string | null;
  idpPushUrlProblem: string | null;
  /** Why this caller may only read these settings (organization-wide: site admins change them); null if they may change them. */
  readOnly: string | null;
}

export const settingsSaveSchema = z.strictObject({ settings: settingsInputSchema });
export type SettingsSavePayload = z.infer<typeof settingsSaveSchema>;

export interface SettingsSetSecretPayload {
  name: SecretName;
  value: string;
}
export const settingsSetSecretSchema: z.ZodType<SettingsSetSecretPayload, unknown> = z.strictObject({
  name: z.enum(SECRET_NAMES),
  value: z
    .string()
    .min(8, fieldMessage('fields.secretTooShort', { min: 8 }))
    .max(4096, fieldMessage('fields.atMostCharacters', { max: 4096 }))
    .refine((v) => v.trim() === v, fieldMessage('fields.trimValue'))
    .refine((v) => ![...v].some((c) => c < ' ' || c === '\u007f'), fieldMessage('fields.controlCharacters')),
});
export const settingsClearSecretSchema = z.strictObject({ name: z.enum(SECRET_NAMES) });
export type SettingsClearSecretPayload = z.infer<typeof settingsClearSecretSchema>;

export const CONNECTION_TARGETS = ['org-api', 'scim', 'write-path'] as const;
export type ConnectionTarget = (typeof CONNECTION_TARGETS)[number];

export const settingsTestConnectionSchema = z.strictObject({
  target: z.enum(CONNECTION_TARGETS),
  /** Test these (unsaved) settings with the stored secrets; omit to test what is saved. */
  settings: settingsInputSchema.optional(),
});
export type SettingsTestConnectionPayload = z.infer<typeof settingsTestConnectionSchema>;
export interface ConnectionTestView {
  target: ConnectionTarget;
  ok: boolean;
  /** What worked, or what failed and how to fix it. */
  message: string;
  /** The individual checks, in order. */
  checks: { name: string; ok: boolean; message: string }[];
  checkedAt: number;
}

export const SETTINGS_CONTRACT = {
  'settings.get': { payload: settingsGetSchema, response: returns<SettingsView>() },
  'settings.save': { payload: settingsSaveSchema, response: returns<SettingsView>() },
  'settings.setSecret': { payload: settingsSetSecretSchema, response: returns<SecretStatus>() },
  'settings.clearSecret': { payload: settingsClearSecretSchema, response: returns<SecretStatus>() },
  'settings.testConnection': {
    payload: settingsTestConnectionSchema,
    response: returns<ConnectionTestView>(),
  },
} satisfies ContractSection;
