// Starts the real app on the local Forge platform against a seeded emulated site, for integration tests:
// fire events, move the clock, drain queues, call resolvers as a user, and read what happened.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createManualClock, type EmulatorClock } from '../../emulator/clock';
import {
  createLatencyDelay,
  createPlatform,
  type ForgePlatform,
  type PlatformOptions,
} from '../../emulator/platform';
import { createSite, type Site, type SiteCredentials, type SiteOptions } from '../../emulator/site/site';

export const REPO_ROOT = resolve(__dirname, '../..');
/** Set by the Jest global setup; outside Jest (scripts), nothing is recorded. */
const sweepDir = (): string | undefined => process.env.SPEC_SWEEP_DIR;

export interface AppHarnessOptions {
  seed?: SiteOptions['seed'];
  rateLimits?: SiteOptions['rateLimits'];
  faults?: SiteOptions['faults'];
  duplicateDeliveryRate?: number;
  parallelism?: number;
  startAt?: number;
  /** How many site requests the log keeps (benchmarks count them all). */
  requestLogLimit?: number;
  /** Forge storage quotas (Atlassian's by default); smaller ones let a test reach them quickly. */
  kvsQuota?: PlatformOptions['kvsQuota'];
  /** The Atlassian apps the site has (default Jira and Confluence). */
  siteProducts?: SiteOptions['products'];
}

export class AppHarness {
  private constructor(
    readonly clock: EmulatorClock,
    readonly site: Site,
    readonly platform: ForgePlatform,
    readonly credentials: SiteCredentials,
    readonly appAccountId: string,
  ) {}

  static start(options: AppHarnessOptions = {}): AppHarness {
    const clock = createManualClock(options.startAt);
    const site = createSite({
      clock,
      delay: createLatencyDelay('virtual'),
      strictSpec: true,
      seed: options.seed ?? 'demo',
      ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
      ...(options.faults !== undefined ? { faults: options.faults } : {}),
      ...(options.requestLogLimit !== undefined ? { requestLogLimit: options.requestLogLimit } : {}),
      ...(options.siteProducts !== undefined ? { products: options.siteProducts } : {}),
    });
    const platform = createPlatform({
      appDir: REPO_ROOT,
      site,
      clock,
      ...(options.duplicateDeliveryRate !== undefined
        ? { duplicateDeliveryRate: options.duplicateDeliveryRate }
        : {}),
      ...(options.parallelism !== undefined ? { parallelism: options.parallelism } : {}),
      ...(options.kvsQuota !== undefined ? { kvsQuota: options.kvsQuota } : {}),
    });
    const { appAccountId } = platform.install();
    return new AppHarness(clock, site, platform, site.credentials(), appAccountId);
  }

  /** Runs code as an invocation of the app, so it can use the app's own repositories on this platform. */
  inApp<T>(fn: () => Promise<T>): Promise<T> {
    return this.platform.runInContext(fn);
  }

  /** Calls a resolver as the given user (the admin page's `invoke`). */
  invoke<T>(accountId: string, key: string, payload: Record<string, unknown> = {}): Promise<T> {
    return this.platform.invokeResolver<T>({ key, payload, accountId });
  }

  asSiteAdmin<T>(key: string, payload: Record<string, unknown> = {}): Promise<T> {
    return this.invoke<T>(this.credentials.siteAdmin.accountId, key, payload);
  }

  /** A first SAML login: the site creates the account and emits its events. */
  jitLogin(email: string, displayName: string): string {
    return this.site.simulateJitLogin({ email, displayName }).accountId;
  }

  drain(options?: Parameters<ForgePlatform['drain']>[0]): Promise<void> {
    return this.platform.drain(options);
  }

  advance(ms: number, options?: Parameters<ForgePlatform['advance']>[1]): Promise<void> {
    return this.platform.advance(ms, options);
  }

  groupNamesOf(accountId: string): string[] {
    return this.site
      .userGroups(accountId)
      .map((g) => g.name)
      .sort();
  }

  /** Fails the test if the app sent any request the OpenAPI specs forbid, then releases everything. */
  async close(): Promise<void> {
    const violations = this.site.specViolations().filter((v) => v.kind === 'request');
    const stats = this.site.validationStats();
    const dir = sweepDir();
    if (dir) {
      mkdirSync(dir, { recursive: true });
      const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`;
      writeFileSync(join(dir, name), JSON.stringify(stats));
    }
    await this.platform.close();
    if (violations.length)
      throw new Error(
        `The app sent ${violations.length} request(s) the OpenAPI specs forbid:\n` +
          violations
            .slice(0, 10)
            .map(
              (v) =>
                `  ${v.method} ${v.path}: ${v.violations.map((x) => `[${x.rule}] ${x.message}`).join('; ')}`,
            )
            .join('\n'),
      );
  }
}
