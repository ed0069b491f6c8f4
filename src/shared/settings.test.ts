// Settings as stored: one directory id for SCIM and the Admin API, and older settings that had two still read.
import { DEFAULT_SETTINGS, settingsInputSchema, settingsSchema, upgradeStoredSettings } from './settings';

it('reads settings stored with a separate SCIM directory id as the one directory id', () => {
  const legacy = {
    ...DEFAULT_SETTINGS,
    sources: { ...DEFAULT_SETTINGS.sources, scim: { enabled: true, directoryId: 'dir-12345678' } },
  };
  const read = settingsSchema.parse(upgradeStoredSettings(legacy));
  expect(read.org.directoryId).toBe('dir-12345678');
  expect(read.sources.scim).toEqual({ enabled: true });
});

it('keeps a directory id already set rather than the old SCIM one', () => {
  const both = {
    ...DEFAULT_SETTINGS,
    org: { orgId: null, directoryId: 'dir-aaaaaaaa' },
    sources: { ...DEFAULT_SETTINGS.sources, scim: { enabled: true, directoryId: 'dir-bbbbbbbb' } },
  };
  expect(settingsSchema.parse(upgradeStoredSettings(both)).org.directoryId).toBe('dir-aaaaaaaa');
});

it('refuses a SCIM directory id from the page: there is only one directory id', () => {
  const sent = {
    ...DEFAULT_SETTINGS,
    sources: { ...DEFAULT_SETTINGS.sources, scim: { enabled: false, directoryId: 'dir-12345678' } },
  };
  expect(settingsInputSchema.safeParse(sent).success).toBe(false);
});
