// Starts the platform on the fixture app with the stub site, for the platform's own tests.
import { join } from 'node:path';
import { createManualClock } from '../../../emulator/clock';
import { createPlatform, createLatencyDelay, type ForgePlatform } from '../../../emulator/platform';
import { StubSite } from '../../support/stub-site';

export interface FixturePlatform {
  platform: ForgePlatform;
  site: StubSite;
}

export function startFixturePlatform(options: { duplicateDeliveryRate?: number } = {}): FixturePlatform {
  const clock = createManualClock();
  const site = new StubSite(createLatencyDelay('virtual'));
  const platform = createPlatform({
    appDir: join(__dirname, '../../fixtures/platform-app'),
    site,
    clock,
    ...(options.duplicateDeliveryRate !== undefined
      ? { duplicateDeliveryRate: options.duplicateDeliveryRate }
      : {}),
  });
  return { platform, site };
}
