// Shared set-up for the licensing tests: an app whose one rule every JIT login matches, and what the licence
// gate left behind (the Overview's licence health, work parked for the relay).
import type { LicenseState } from '../../../emulator/platform';
import { listContinuations } from '../../../src/storage/continuations-repository';
import { healthOf } from '../../../src/storage/health-repository';
import { AppHarness } from '../../support/app-harness';
import { configure, groupGrant, orgApiSettings, rule } from '../provisioning/provisioning-setup';

/** The states a licence can be in, and whether the app may act in each (a production installation). */
export const LICENCE_CASES: ReadonlyArray<{ state: LicenseState; acts: boolean }> = [
  { state: 'active', acts: true },
  { state: 'evaluation', acts: true },
  { state: 'inactive', acts: false },
  { state: 'none', acts: false },
];

export const GROUP = 'confluence-engineering';

/** Everyone on acme.example gets GROUP; SCIM is off so a login needs nothing else. */
export async function startLicensedApp(): Promise<AppHarness> {
  const app = AppHarness.start();
  const base = orgApiSettings(app);
  await configure(app, { ...base, sources: { ...base.sources, scim: { enabled: false } } }, [
    rule({ id: 'everyone', when: 'user.emailDomain -eq "acme.example"', grants: [groupGrant(app, GROUP)] }),
  ]);
  return app;
}

export async function gateTraces(app: AppHarness) {
  return app.inApp(async () => ({
    health: (await healthOf('licence')) ?? null,
    parked: (await listContinuations(100)).filter((c) => c.id.startsWith('licence:')),
  }));
}
