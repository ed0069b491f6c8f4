// Reads and writes the app's settings; a stored value that no longer validates falls back to defaults, named.
import { kvs } from '@forge/kvs';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  upgradeStoredSettings,
  type AppSettings,
} from '../shared/settings';
import { validate } from '../shared/validation';
import { KEY } from './keys';

export interface LoadedSettings {
  settings: AppSettings;
  /** Set when the stored settings were unreadable and defaults are in force. */
  problem?: string;
}

export async function loadSettings(): Promise<LoadedSettings> {
  const stored = await kvs.get<unknown>(KEY.settings);
  if (stored === undefined) return { settings: DEFAULT_SETTINGS };
  const result = validate(settingsSchema, upgradeStoredSettings(stored));
  if (result.ok) return { settings: result.value };
  return {
    settings: DEFAULT_SETTINGS,
    problem: `Stored settings are invalid (${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}); using defaults.`,
  };
}

/** Callers validate first; this only persists an already valid value. */
export async function saveSettings(settings: AppSettings): Promise<void> {
  await kvs.set(KEY.settings, settings);
}
