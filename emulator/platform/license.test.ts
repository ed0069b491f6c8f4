// The licence an installation passes: what each state looks like in Forge's shape, and none for an app without
// app.licensing.
import { join } from 'node:path';
import { createManualClock } from '../clock';
import { Installation } from './installation';
import { forgeLicense, isLicenseState } from './license';
import { readManifest } from './manifest';

const fixture = readManifest(join(__dirname, '../../test/fixtures/platform-app/manifest.yml'));

function install(licensingEnabled: boolean): Installation {
  return new Installation({
    id: '00000000-0000-4000-8000-000000000001',
    products: ['jira'],
    cloudId: 'cloud-1',
    manifest: { ...fixture, licensingEnabled },
    clock: createManualClock(),
    storagePath: ':memory:',
    kvsQuota: 'off',
  });
}

it('gives an app without app.licensing no licence, and a paid app an active one', () => {
  const free = install(false);
  const paid = install(true);
  try {
    expect(free.license).toBe('none');
    expect(free.forgeLicense()).toBeUndefined();
    expect(paid.license).toBe('active');
    expect(paid.forgeLicense()).toMatchObject({ active: true, isActive: true, isEvaluation: false });
  } finally {
    free.close();
    paid.close();
  }
});

it('shapes each state as Forge documents the License object', () => {
  expect(forgeLicense('none', 0, 'abcdef12')).toBeUndefined();
  expect(forgeLicense('inactive', 0, 'abcdef12')).toMatchObject({ active: false, isActive: false });
  expect(forgeLicense('evaluation', Date.UTC(2026, 11, 7), 'abcdef12')).toMatchObject({
    active: true,
    isEvaluation: true,
    trialEndDate: '2027-01-06T00:00:00.000Z',
  });
  expect(isLicenseState('paid')).toBe(false);
  expect(isLicenseState('evaluation')).toBe(true);
});
