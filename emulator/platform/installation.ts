// One installation of the app on the site: what Forge keeps apart per installation (storage and its quotas, the
// async-event queue, scheduled triggers, web-trigger URLs) and the Atlassian apps it serves. An app installed into
// Jira and separately into Confluence has two; one declaring `app.compatibility` has one serving both
// (developer.atlassian.com/platform/forge/app-compatibility).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { AppProduct } from '../contracts';
import type { EmulatorClock } from '../clock';
import { KvsStore } from './kvs/kvs-store';
import { KvsQuota, type KvsQuotaConfig } from './kvs/kvs-quota';
import { INTERVAL_MS, type AppManifest } from './manifest';
import { QueueStore } from './queue/queue-store';
import { forgeLicense, type ForgeLicense, type LicenseState } from './license';

export interface InstallationInit {
  id: string;
  /** The Atlassian app it was installed into first, then the optional ones the site has. */
  products: readonly AppProduct[];
  cloudId: string;
  manifest: AppManifest;
  clock: EmulatorClock;
  /** SQLite file for its storage and queue; `:memory:` for tests. */
  storagePath: string;
  kvsQuota: KvsQuotaConfig | 'off';
}

export class Installation {
  readonly id: string;
  readonly products: readonly AppProduct[];
  readonly storage: KvsStore;
  readonly queue: QueueStore;
  readonly kvsQuota: KvsQuota;
  /** When each scheduled trigger runs next, for this installation. */
  readonly nextScheduledAt = new Map<string, number>();
  private readonly db: Database.Database;
  private readonly cloudId: string;
  private readonly clock: EmulatorClock;
  private licenseState: LicenseState;
  private licenseSince: number;

  constructor(init: InstallationInit) {
    this.id = init.id;
    this.products = init.products;
    this.cloudId = init.cloudId;
    this.db = new Database(init.storagePath);
    this.storage = new KvsStore(this.db, init.manifest.entities, () => init.clock.now());
    this.queue = new QueueStore(this.db);
    this.kvsQuota = new KvsQuota(init.clock, init.kvsQuota);
    this.clock = init.clock;
    // A paid app's production installation starts licensed; an app without licensing gets no licence at all.
    this.licenseState = init.manifest.licensingEnabled ? 'active' : 'none';
    this.licenseSince = init.clock.now();
    const start = init.clock.now();
    for (const s of init.manifest.scheduled) this.nextScheduledAt.set(s.key, start + INTERVAL_MS[s.interval]);
  }

  /** The Atlassian app it was installed into. */
  get product(): AppProduct {
    return this.products[0] ?? 'jira';
  }

  /** What Forge passes as `installContext` and the SDK as `contextAri`: the installation's site and app. */
  get contextAri(): string {
    return `ari:cloud:${this.product}::site/${this.cloudId}`;
  }

  /** The installation's licence state (switched by tests and the control API: PUT /__emulator/license). */
  get license(): LicenseState {
    return this.licenseState;
  }

  setLicense(state: LicenseState): void {
    if (state !== this.licenseState) this.licenseSince = this.clock.now();
    this.licenseState = state;
  }

  /** What Forge passes as `license` in this installation's invocations; undefined when it passes none. */
  forgeLicense(): ForgeLicense | undefined {
    return forgeLicense(this.licenseState, this.licenseSince, this.id);
  }

  serves(product: AppProduct): boolean {
    return this.products.includes(product);
  }

  /** A web trigger's URL id: stable per installation and module, different between installations. */
  webTriggerId(moduleKey: string): string {
    return createHash('sha256').update(`${this.id}:${moduleKey}`).digest('hex').slice(0, 32);
  }

  close(): void {
    this.db.close();
  }
}
