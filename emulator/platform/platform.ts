// The local Forge platform: runs the app's handlers (real SDK) by manifest module, with Forge's storage, queue,
// schedules, web triggers, limits and delivery semantics, against an emulated Atlassian site.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppProduct, ProductEvent, SiteApi, SiteProduct } from '../contracts';
import type { EmulatorClock } from '../clock';
import type { ForgeFetchTarget, Invocation, InvocationHost, InvocationInit, ModuleKind } from './invocation';
import { buildLocaleBundle, writeLocaleBundle, type LocaleBundle } from './locales';
import { readManifest, INTERVAL_MS, type AppManifest, type FunctionDef } from './manifest';
import { parsedBody, type OperationGate, type PlatformOperation } from './operation-gate';
import type { KvsStore } from './kvs/kvs-store';
import { handleKvsRequest } from './kvs/kvs-wire';
import { DEFAULT_KVS_QUOTA, type KvsQuota, type KvsQuotaConfig } from './kvs/kvs-quota';
import { QUEUE_LIMITS, type EventChain, type QueuedEvent, type QueueStore } from './queue/queue-store';
import { Installation } from './installation';
import { handleQueueRequest } from './queue/queue-wire';
import { ProductProxy } from './product-proxy';
import { Egress, type ExternalHandler } from './egress';
import { proxyError } from './proxy-errors';
import {
  resolveHandler,
  runFunction,
  timeLimitMs,
  type HandlerLoader,
  type InvocationRecord,
  type RunResult,
} from './function-runner';
import { WebTriggerServer, type WebTriggerEvent, type WebTriggerReply } from './webtrigger-server';
import { SeededRandom } from './seeded-random';
import type { ForgeLicense, LicenseState } from './license';
import { createScopeCheck } from './scope-check';
import { VirtualTimers } from './virtual-timers';

export interface PlatformOptions {
  /** Folder holding manifest.yml and src/. */
  appDir: string;
  site: SiteApi;
  clock: EmulatorClock;
  /** SQLite file for storage and queues; `:memory:` (the default) for tests. */
  storagePath?: string;
  /** Loads `src/<file>`; defaults to `require`. */
  loadHandler?: HandlerLoader;
  /** How many queue deliveries run at once. */
  parallelism?: number;
  /** Fraction (0..1) of product events and queue events delivered twice, to prove idempotency. */
  duplicateDeliveryRate?: number;
  seed?: number;
  /** Port for web triggers (0 = any free port). */
  webTriggerPort?: number;
  /** Returns a reason when the manifest lacks a scope an operation needs (wired from the OpenAPI specs). */
  missingScope?: (
    scopes: Set<string>,
    product: SiteProduct,
    method: string,
    path: string,
  ) => string | undefined;
  /** Reports each finished invocation (logs in `npm start`). */
  onInvocation?: (record: InvocationRecord) => void;
  /** Storage quotas per installation; `off` lifts them (the default mirrors Forge's documented limits). */
  kvsQuota?: KvsQuotaConfig | 'off';
}

const PRODUCT_EVENT_QUEUE_PREFIX = '__product-event__/';
const INSTALLATION_ID = '9a6e3b42-7c1d-4d6f-8e2a-5b4c3d2e1f00';
const ENVIRONMENT_ID = '1f0e2d3c-4b5a-4968-8776-655443322110';

interface ResolverCall {
  /** The resolver function key in manifest.yml; defaults to the first UI module's resolver. */
  functionKey?: string;
  /** The key passed to `invoke(key, payload)` from the UI. */
  key: string;
  payload?: Record<string, unknown>;
  accountId: string;
  /** The `context.extension` the UI module runs in. */
  extension?: Record<string, unknown>;
}

export class ResolverInvocationError extends Error {
  constructor(
    message: string,
    readonly record: InvocationRecord,
  ) {
    super(message);
    this.name = 'ResolverInvocationError';
  }
}

export class ForgePlatform implements InvocationHost {
  readonly manifest: AppManifest;
  /** The app's translations as deployed (`__LOCALES__`), for the page's fetches and the functions' reads. */
  readonly locales: LocaleBundle;
  private readonly appCodeDir: string;
  readonly invocations: InvocationRecord[] = [];
  readonly egress: Egress;
  private readonly installs: Installation[] = [];
  private readonly proxy: ProductProxy;
  private readonly webTriggers: WebTriggerServer;
  private readonly random: SeededRandom;
  private readonly loadHandler: HandlerLoader;
  private readonly consumerQueues: Set<string>;
  private appAccountId = '';
  private unsubscribeSite: () => void;
  private pump: NodeJS.Timeout | undefined;
  private readonly timers: VirtualTimers | undefined;
  private pumping = false;

  constructor(private readonly options: PlatformOptions) {
    this.manifest = readManifest(join(options.appDir, 'manifest.yml'));
    this.locales = buildLocaleBundle(options.appDir);
    this.appCodeDir = writeLocaleBundle(this.locales);
    this.random = new SeededRandom(options.seed ?? 1);
    this.duplicateDeliveryRate = options.duplicateDeliveryRate ?? 0;
    this.consumerQueues = new Set(this.manifest.consumers.map((c) => c.queue));
    this.loadHandler =
      options.loadHandler ??
      ((file: string) =>
        // Loaded by name from manifest.yml at run time, as Forge does; never imported statically.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(join(options.appDir, 'src', file)) as Record<string, unknown>);
    this.egress = new Egress(this.manifest.egressBackend, options.site);
    const missingScope = options.missingScope ?? createScopeCheck();
    this.proxy = new ProductProxy({
      site: options.site,
      appAccountId: () => this.appAccountId,
      canUseApp: (invocation, accountId) =>
        options.site.userCanUseApp(accountId, this.installationOf(invocation).products),
      // A site without the product answers for itself (404); a product the site has but this installation does not
      // serve is refused by the proxy.
      serves: (invocation, product) =>
        this.installationOf(invocation).serves(product) || !options.site.products().includes(product),
      impersonationAllowed: this.manifest.impersonationScopes.size > 0,
      missingScope: (product, method, path) => missingScope(this.manifest.scopes, product, method, path),
      missingImpersonationScope: (product, method, path) =>
        missingScope(this.manifest.impersonationScopes, product, method, path),
    });
    this.webTriggers = new WebTriggerServer(
      (id, event) => this.dispatchWebTrigger(id, event),
      options.webTriggerPort,
    );
    this.unsubscribeSite = options.site.onProductEvent((event) => this.enqueueProductEvent(event));
    this.timers =
      options.clock.mode === 'manual' ? new VirtualTimers(options.clock, setImmediate) : undefined;
  }

  // ---- installations and identity ----

  /**
   * Installs the app into an Atlassian app of the site (creating its app account), as `forge install --product`
   * does; installing again into one it already serves returns that installation. With `app.compatibility` there is
   * one installation, in the required app, serving the optional ones the site has; without it, each product
   * installed gets an installation of its own, with its own storage, queue, schedules and events.
   */
  install(product?: AppProduct): { appAccountId: string; installation: Installation } {
    const compatibility = this.manifest.compatibility;
    const target = product ?? compatibility?.required ?? 'jira';
    const { appAccountId } = this.options.site.installApp({ appId: this.manifest.appId, name: 'JIT Access' });
    this.appAccountId = appAccountId;
    const existing = this.installs.find((i) => i.serves(target));
    if (existing) return { appAccountId, installation: existing };
    const onSite = this.options.site.products();
    if (!onSite.includes(target))
      throw new Error(`The site has no ${target}: the app cannot be installed there.`);
    if (compatibility && target !== compatibility.required)
      throw new Error(
        `manifest.yml declares app.compatibility with ${compatibility.required} required: the app is installed into ${compatibility.required}, whose installation serves ${target} when the site has it.`,
      );
    const products = compatibility
      ? [target, ...compatibility.optional.filter((p) => onSite.includes(p))]
      : [target];
    const first = this.installs.length === 0;
    const base = this.options.storagePath ?? ':memory:';
    const installation = new Installation({
      id: first ? INSTALLATION_ID : randomUUID(),
      products,
      cloudId: this.options.site.cloudId,
      manifest: this.manifest,
      clock: this.options.clock,
      storagePath: first || base === ':memory:' ? base : base.replace(/(\.sqlite)?$/, `-${target}$1`),
      kvsQuota: this.options.kvsQuota ?? DEFAULT_KVS_QUOTA,
    });
    this.installs.push(installation);
    return { appAccountId, installation };
  }

  /** The installations, the first one installed first. */
  get installations(): readonly Installation[] {
    return this.installs;
  }

  /** The first installation (tests and `npm start` mostly have one). */
  get installation(): Installation {
    const first = this.installs[0];
    if (!first) throw new Error('The app is not installed: call install() first.');
    return first;
  }

  /** The installation serving an Atlassian app, if any. */
  installationServing(product: AppProduct): Installation | undefined {
    return this.installs.find((i) => i.serves(product));
  }

  private installationOf(invocation: Invocation): Installation {
    const id = invocation.init.appContext.installationId;
    return this.installs.find((i) => i.id === id) ?? this.installation;
  }

  /** The first installation's storage, queue and quotas. */
  get storage(): KvsStore {
    return this.installation.storage;
  }

  get queue(): QueueStore {
    return this.installation.queue;
  }

  get kvsQuota(): KvsQuota {
    return this.installation.kvsQuota;
  }

  /** The Forge environment id the app runs in (what `getContext()` reports to the UI). */
  readonly environmentId = ENVIRONMENT_ID;

  /** The first installation's context ARI (`installContext`). */
  get contextAri(): string {
    return this.installation.contextAri;
  }

  get clock(): EmulatorClock {
    return this.options.clock;
  }

  now(): number {
    return this.options.clock.now();
  }

  // ---- the SDK seam ----

  scheduleTimer(invocation: Invocation, fn: () => void, ms: number): unknown {
    return this.timers?.schedule(invocation, fn, ms);
  }

  clearTimer(handle: unknown): boolean {
    return this.timers?.clear(handle) ?? false;
  }

  /** Holds each call of an invocation until the gate lets it through (interleaving tests); none by default. */
  operationGate: OperationGate | undefined;

  private async passGate(
    invocation: Invocation,
    kind: PlatformOperation['kind'],
    method: string,
    path: string,
    init: RequestInit | undefined,
  ): Promise<void> {
    if (!this.operationGate) return;
    await this.operationGate({
      invocationId: invocation.id,
      moduleKey: invocation.init.moduleKey,
      ...(invocation.init.tag !== undefined ? { tag: invocation.init.tag } : {}),
      kind,
      method,
      path,
      body: parsedBody(init),
      kill: () => invocation.kill(),
    });
    invocation.assertAlive();
  }

  async handleForgeFetch(
    invocation: Invocation,
    target: ForgeFetchTarget,
    path: string,
    init: RequestInit,
  ): Promise<Response> {
    if (this.operationGate) {
      const kind =
        target.type === 'kvs'
          ? 'storage'
          : target.type === 'fpp' && target.remote === 'stargate'
            ? 'queue'
            : 'product';
      await this.passGate(invocation, kind, init.method ?? 'GET', path, init);
    }
    const installation = this.installationOf(invocation);
    if (target.type === 'kvs')
      return handleKvsRequest(installation.storage, path, init, installation.kvsQuota);
    if (target.type === 'fpp' && target.remote === 'stargate') {
      if (path.startsWith('/webhook/queue/'))
        return handleQueueRequest(installation.queue, path, init, {
          now: this.now(),
          consumerQueues: this.consumerQueues,
          chain: invocation.init.chain,
        });
      if (path === '/graphql') return this.handleGraphql(init, installation);
      return proxyError(404, 'UNKNOWN_PATH', `The emulator does not serve stargate path ${path}.`);
    }
    if (target.type === 'fpp') return this.proxy.request(invocation, target, path, init);
    return proxyError(501, 'NOT_EMULATED', `The emulator does not implement ${target.type} calls.`);
  }

  async handleEgressFetch(
    invocation: Invocation,
    url: URL,
    init: RequestInit | undefined,
  ): Promise<Response> {
    await this.passGate(invocation, 'egress', init?.method ?? 'GET', url.pathname, init);
    return this.egress.fetch(url, init, {
      invocationId: invocation.id,
      moduleKey: invocation.init.moduleKey,
    });
  }

  registerExternal(host: string, handler: ExternalHandler): void {
    this.egress.register(host, handler);
  }

  private async handleGraphql(init: RequestInit, installation: Installation): Promise<Response> {
    const request = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as {
      query?: string;
      variables?: { input?: { triggerKey?: string } };
    };
    if (request.query?.includes('createWebTriggerUrl')) {
      const key = request.variables?.input?.triggerKey ?? '';
      if (!this.manifest.webtriggers.some((w) => w.key === key))
        return Response.json({ errors: [{ message: `No webtrigger module "${key}" in manifest.yml` }] });
      return Response.json({
        data: { createWebTriggerUrl: { url: await this.webTriggerUrl(key, installation) } },
      });
    }
    return Response.json({
      errors: [{ message: 'The emulator serves only createWebTriggerUrl over GraphQL.' }],
    });
  }

  // ---- invoking functions ----

  private functionDef(key: string): FunctionDef {
    const fn = this.manifest.functions.get(key);
    if (!fn) throw new Error(`manifest.yml has no function "${key}"`);
    return fn;
  }

  private invocationInit(
    installation: Installation,
    kind: ModuleKind,
    moduleKey: string,
    fn: FunctionDef,
    accountId?: string,
    tag?: string,
    chain?: InvocationInit['chain'],
  ): InvocationInit {
    const license = installation.forgeLicense();
    return {
      host: this,
      moduleKind: kind,
      moduleKey,
      functionKey: fn.key,
      ...(accountId ? { accountId } : {}),
      ...(tag !== undefined ? { tag } : {}),
      // Anything not started by a queued event is the root of a new chain.
      chain: chain ?? { chainId: randomUUID(), root: `${kind}:${moduleKey}` },
      limitMs: timeLimitMs(kind, fn),
      appCodeDir: this.appCodeDir,
      contextAri: installation.contextAri,
      appContext: {
        appId: this.manifest.appId.replace(/^.*\//, ''),
        appVersion: '1.0.0',
        environmentId: ENVIRONMENT_ID,
        // Licensing applies to production installations only (manifest schema, app.licensing.enabled): the
        // emulator's installations are production ones, so a licence (or its absence) means what it would there.
        environmentType: 'PRODUCTION',
        installationId: installation.id,
        ...(license ? { license: { ...license } } : {}),
      },
    };
  }

  private async run(
    kind: ModuleKind,
    moduleKey: string,
    functionKey: string,
    args: unknown[],
    meta: {
      installation?: Installation;
      attempt?: number;
      eventId?: string;
      accountId?: string;
      tag?: string;
      chain?: InvocationInit['chain'];
    } = {},
  ): Promise<RunResult> {
    const fn = this.functionDef(functionKey);
    const handler = resolveHandler(this.loadHandler, fn);
    const installation = meta.installation ?? this.installation;
    const outcome = await runFunction(
      this.invocationInit(installation, kind, moduleKey, fn, meta.accountId, meta.tag, meta.chain),
      handler,
      args,
      {
        attempt: meta.attempt ?? 1,
        startedAt: this.now(),
        ...(meta.eventId ? { eventId: meta.eventId } : {}),
      },
    );
    this.invocations.push(outcome.record);
    this.options.onInvocation?.(outcome.record);
    return outcome;
  }

  /**
   * The context every function gets as its second argument ("the same for all modules": installContext and the
   * licence; a resolver's principal is added by the caller). A fresh copy each time, so an app cannot change it.
   */
  private installContext(installation: Installation): { installContext: string; license?: ForgeLicense } {
    const license = installation.forgeLicense();
    return { installContext: installation.contextAri, ...(license ? { license } : {}) };
  }

  /** Sets an installation's licence state (the first installation's by default); returns the state. */
  setLicense(state: LicenseState, installation = this.installation): LicenseState {
    installation.setLicense(state);
    return installation.license;
  }

  /** Calls a resolver the way the UI's `invoke(key, payload)` does. */
  async invokeResolver<T = unknown>(call: ResolverCall): Promise<T> {
    const ui = this.manifest.uiModules.find((m) =>
      call.functionKey ? m.resolverFunctionKey === call.functionKey : m.resolverFunctionKey !== undefined,
    );
    const functionKey = call.functionKey ?? ui?.resolverFunctionKey;
    if (!functionKey) throw new Error('manifest.yml declares no UI module with a resolver');
    // The page runs in the installation that serves its Atlassian app; without one the page does not exist.
    const extensionType = call.extension?.type;
    const moduleType =
      typeof extensionType === 'string' ? extensionType : (ui?.moduleType ?? 'jira:adminPage');
    const product: AppProduct = moduleType.startsWith('confluence:') ? 'confluence' : 'jira';
    const installation = this.installationServing(product);
    if (!installation)
      throw new Error(
        `The app has no installation serving ${product} on this site: its ${moduleType} module is not shown.`,
      );
    const request = {
      call: { functionKey: call.key, payload: call.payload ?? {}, jobId: randomUUID() },
      context: {
        cloudId: this.options.site.cloudId,
        localId: randomUUID(),
        moduleKey: ui?.key ?? functionKey,
        extension: call.extension ?? { type: ui?.moduleType ?? 'jira:adminPage' },
        accountId: call.accountId,
      },
    };
    const runtimePayload = { principal: { accountId: call.accountId }, ...this.installContext(installation) };
    const { record, result, error } = await this.run(
      'resolver',
      ui?.key ?? functionKey,
      functionKey,
      [request, runtimePayload],
      { accountId: call.accountId, installation },
    );
    if (record.outcome !== 'success')
      throw new ResolverInvocationError(
        record.outcome === 'timeout'
          ? `There was an error invoking the function - ${record.error}`
          : error instanceof Error
            ? error.message
            : String(record.error),
        record,
      );
    return result as T;
  }

  /**
   * Runs test code as if inside a resolver invocation of the app (real SDK calls reach this platform), e.g. to
   * seed the app's storage through its own repositories. Not a Forge feature: a test convenience.
   */
  async runInContext<T>(
    fn: () => Promise<T>,
    options: { accountId?: string; installation?: Installation } = {},
  ): Promise<T> {
    const fn_: FunctionDef = {
      key: '__test-context__',
      handler: '__test__.run',
      usedBy: new Set(['resolver']),
    };
    const outcome = await runFunction(
      this.invocationInit(
        options.installation ?? this.installation,
        'resolver',
        '__test-context__',
        fn_,
        options.accountId,
      ),
      fn,
      [],
      {
        attempt: 1,
        startedAt: this.now(),
      },
    );
    if (outcome.record.outcome !== 'success')
      throw outcome.error instanceof Error ? outcome.error : new Error(outcome.record.error);
    return outcome.result as T;
  }

  /**
   * Delivers one event to a queue's consumer now, outside the queue (no retry, no settling): for tests that run
   * two deliveries of the same event at once and step them through an interleaving. `tag` labels the invocation
   * in the operations an operation gate sees.
   */
  async runConsumer(
    queueName: string,
    body: Record<string, unknown>,
    options: { tag?: string; eventId?: string; attempt?: number; chain?: InvocationInit['chain'] } = {},
  ): Promise<RunResult> {
    const consumer = this.manifest.consumers.find((c) => c.queue === queueName);
    if (!consumer) throw new Error(`manifest.yml has no consumer for queue ${queueName}`);
    const eventId = options.eventId ?? randomUUID();
    const installation = this.installation;
    const asyncEvent = { body, queueName, jobId: randomUUID(), eventId, contextAri: installation.contextAri };
    const args = [asyncEvent, this.installContext(installation)];
    return this.run('consumer', consumer.key, consumer.functionKey, args, {
      installation,
      attempt: options.attempt ?? 1,
      eventId,
      ...(options.tag !== undefined ? { tag: options.tag } : {}),
      ...(options.chain ? { chain: options.chain } : {}),
    });
  }

  /** Runs one scheduled trigger now, as Forge would at its interval (a new chain of async events). */
  async runScheduled(moduleKey: string, installation = this.installation): Promise<RunResult> {
    const def = this.manifest.scheduled.find((s) => s.key === moduleKey);
    if (!def) throw new Error(`manifest.yml has no scheduledTrigger "${moduleKey}"`);
    const event = { context: { cloudId: this.options.site.cloudId, moduleKey }, contextToken: randomUUID() };
    return this.run(
      'scheduledTrigger',
      moduleKey,
      def.functionKey,
      [event, this.installContext(installation)],
      {
        installation,
      },
    );
  }

  // ---- product events and queue deliveries ----

  /** Fraction (0..1) of product events lost before delivery: events are not guaranteed, and backstops must cope. */
  eventLossRate = 0;
  /** Fraction (0..1) of product events and queue events delivered twice (at-least-once delivery). */
  duplicateDeliveryRate: number;

  /** Sets the delivery dials (`npm start`'s control API: PUT /__emulator/delivery); returns them. */
  setDeliveryDials(dials: { duplicateDeliveryRate?: unknown; eventLossRate?: unknown }): DeliveryDials {
    for (const [name, value] of Object.entries(dials))
      if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1))
        throw new RangeError(`${name} must be a number from 0 to 1, got ${JSON.stringify(value)}`);
    if (typeof dials.duplicateDeliveryRate === 'number')
      this.duplicateDeliveryRate = dials.duplicateDeliveryRate;
    if (typeof dials.eventLossRate === 'number') this.eventLossRate = dials.eventLossRate;
    return this.deliveryDials();
  }

  deliveryDials(): DeliveryDials {
    return { duplicateDeliveryRate: this.duplicateDeliveryRate, eventLossRate: this.eventLossRate };
  }

  /**
   * Delivers a product event to every trigger subscribed to it (asynchronously, like Forge), in each installation
   * serving the Atlassian app it comes from: a Confluence event goes to the installation serving Confluence.
   */
  enqueueProductEvent(event: ProductEvent): number {
    if (this.eventLossRate > 0 && this.random.next() < this.eventLossRate) return 0;
    const from: AppProduct = event.eventType.startsWith('avi:confluence:') ? 'confluence' : 'jira';
    let subscribers = 0;
    for (const installation of this.installs) {
      if (!installation.serves(from)) continue;
      for (const trigger of this.manifest.triggers) {
        if (!trigger.events.includes(event.eventType)) continue;
        subscribers++;
        const copies = this.random.next() < this.duplicateDeliveryRate ? 2 : 1;
        for (let i = 0; i < copies; i++)
          installation.queue.push(
            PRODUCT_EVENT_QUEUE_PREFIX + trigger.key,
            randomUUID(),
            [{ body: event.payload }],
            this.now(),
          );
      }
    }
    return subscribers;
  }

  /** The chain a queued event's consumer continues: the chain of the push that queued it. */
  private chainOf(event: QueuedEvent, installation: Installation): InvocationInit['chain'] | undefined {
    if (!event.chainId) return undefined;
    return {
      chainId: event.chainId,
      root: installation.queue.chain(event.chainId)?.root ?? 'an earlier run',
    };
  }

  /** Runs one queued delivery of an installation, and settles it by Forge's retry policy. */
  private async deliver(event: QueuedEvent, installation: Installation): Promise<void> {
    const attempt = (event.retryContext?.retryCount ?? 0) + 1;
    const queue = installation.queue;
    let outcome: RunResult;
    if (event.queueName.startsWith(PRODUCT_EVENT_QUEUE_PREFIX)) {
      const moduleKey = event.queueName.slice(PRODUCT_EVENT_QUEUE_PREFIX.length);
      const trigger = this.manifest.triggers.find((t) => t.key === moduleKey);
      if (!trigger) return queue.complete(event.seq, 'failed', `trigger ${moduleKey} no longer in manifest`);
      const payload = {
        ...event.body,
        context: { cloudId: this.options.site.cloudId, moduleKey },
        contextToken: randomUUID(),
        ...(event.retryContext ? { retryContext: event.retryContext } : {}),
      };
      const args = [payload, this.installContext(installation)];
      outcome = await this.run('trigger', moduleKey, trigger.functionKey, args, {
        installation,
        attempt,
        eventId: event.eventId,
      });
    } else {
      const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
      if (!consumer) return queue.complete(event.seq, 'failed', `no consumer for queue ${event.queueName}`);
      const asyncEvent = {
        body: event.body,
        queueName: event.queueName,
        jobId: event.jobId,
        eventId: event.eventId,
        contextAri: installation.contextAri,
        ...(event.retryContext ? { retryContext: event.retryContext } : {}),
      };
      const args = consumer.resolverMethod
        ? [
            {
              call: { functionKey: consumer.resolverMethod, payload: event.body, jobId: event.jobId },
              context: {},
            },
            this.installContext(installation),
          ]
        : [asyncEvent, this.installContext(installation)];
      const chain = this.chainOf(event, installation);
      outcome = await this.run('consumer', consumer.key, consumer.functionKey, args, {
        installation,
        attempt,
        eventId: event.eventId,
        ...(chain ? { chain } : {}),
      });
    }
    this.settle(event, outcome.record, queue);
  }

  /**
   * Forge's retry policies. Product events: an InvocationError or a timeout is retried at most 4 times; a thrown
   * error is not. Async events (consumers): an InvocationError after its retryAfter, a runtime error or a timeout
   * with back-off (1, 2, 4, 8, then every 15 minutes), for as long as the event is within its 24-hour retention
   * window from the push; then it is dropped.
   */
  private settle(event: QueuedEvent, record: InvocationRecord, queue: QueueStore): void {
    const productEvent = event.queueName.startsWith(PRODUCT_EVENT_QUEUE_PREFIX);
    const retryCount = event.retryContext?.retryCount ?? 0;
    const backoff = productEvent
      ? 60
      : Math.min(QUEUE_LIMITS.backoffFirstSeconds * 2 ** retryCount, QUEUE_LIMITS.backoffMaxSeconds);
    const retry =
      record.retryRequested ??
      (record.outcome === 'timeout'
        ? { retryAfter: backoff, retryReason: 'FUNCTION_TIME_OUT' }
        : undefined) ??
      // Forge names no reason for an app's runtime error; the SDK's catch-all code stands for it here.
      (record.outcome === 'error' && !productEvent
        ? { retryAfter: backoff, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' }
        : undefined);
    if (record.outcome === 'success' && !retry) return queue.complete(event.seq, 'succeeded');
    // A killed invocation ended when Forge killed it, however little the shared clock moved meanwhile (latency
    // is charged to the invocation, not to the clock): the retry comes after that, as on Forge.
    const endedAt =
      record.outcome === 'timeout' ? Math.max(this.now(), record.startedAt + record.limitMs) : this.now();
    const dueAt = endedAt + Math.min(retry?.retryAfter ?? 0, 900) * 1000;
    const windowEndsAt = event.pushedAt + QUEUE_LIMITS.retentionWindowMs;
    const allowed = productEvent ? retryCount < QUEUE_LIMITS.maxRetries : dueAt <= windowEndsAt;
    if (retry && allowed) {
      queue.retry(event.seq, dueAt, {
        retryCount: retryCount + 1,
        retryReason: retry.retryReason,
        ...(retry.retryData !== undefined ? { retryData: retry.retryData } : {}),
        ...(productEvent
          ? {}
          : {
              retentionWindow: {
                startTime: new Date(event.pushedAt).toISOString(),
                remainingTimeMs: windowEndsAt - dueAt,
              },
            }),
      });
      return;
    }
    // A product event's trigger that threw is not retried: it fails with its error as it is.
    if (!retry) return queue.complete(event.seq, 'failed', record.error ?? 'failed');
    const why = productEvent
      ? `gave up after ${retryCount} retries`
      : `its 24-hour retention window ended after ${retryCount} retries`;
    queue.complete(event.seq, 'failed', record.error ? `${record.error} (${why})` : why);
  }

  /** Runs every delivery and schedule due now, in every installation; returns how many invocations ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (const installation of this.installs) ran += await this.runDueIn(installation);
    return ran;
  }

  private async runDueIn(installation: Installation): Promise<number> {
    let ran = 0;
    for (const def of this.manifest.scheduled) {
      const due = installation.nextScheduledAt.get(def.key) ?? Infinity;
      if (due <= this.now()) {
        // A clock that jumped past several intervals runs the trigger once, not once per missed interval.
        const interval = INTERVAL_MS[def.interval];
        installation.nextScheduledAt.set(
          def.key,
          due + interval * Math.max(1, Math.ceil((this.now() - due + 1) / interval)),
        );
        await this.runScheduled(def.key, installation);
        ran++;
      }
    }
    const parallelism = this.options.parallelism ?? 4;
    for (;;) {
      const batch = installation.queue.takeDue(this.now(), parallelism);
      if (batch.length === 0) break;
      const extra = batch.filter(() => this.random.next() < this.duplicateDeliveryRate);
      await Promise.all([
        ...batch.map((e) => this.deliver(e, installation)),
        ...extra.map((e) => this.deliverDuplicate(e, installation)),
      ]);
      ran += batch.length + extra.length;
    }
    return ran;
  }

  private async deliverDuplicate(event: QueuedEvent, installation: Installation): Promise<void> {
    // A duplicate runs the handler again with the same event id, but its outcome does not settle the event.
    if (event.queueName.startsWith(PRODUCT_EVENT_QUEUE_PREFIX)) return; // product events duplicate at enqueue time
    const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
    if (!consumer) return;
    const chain = this.chainOf(event, installation);
    const asyncEvent = {
      body: event.body,
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      contextAri: installation.contextAri,
    };
    await this.run(
      'consumer',
      consumer.key,
      consumer.functionKey,
      [asyncEvent, this.installContext(installation)],
      {
        installation,
        attempt: (event.retryContext?.retryCount ?? 0) + 1,
        eventId: event.eventId,
        ...(chain ? { chain } : {}),
      },
    );
  }

  /** The earliest queued delivery of any installation. */
  private nextQueued(): number | undefined {
    const times = this.installs.map((i) => i.queue.nextDueAt()).filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }

  private nextTimedWork(scheduled: Schedules): number | undefined {
    const times = this.installs.flatMap((i) =>
      [...i.nextScheduledAt].filter(([key]) => runsSchedule(scheduled, key)).map(([, at]) => at),
    );
    const queueDue = this.nextQueued();
    if (queueDue !== undefined) times.push(queueDue);
    return times.length ? Math.min(...times) : undefined;
  }

  /**
   * Moves the clock forward by `ms`, running every schedule and delivery that falls due on the way, in order.
   * `scheduled`: false holds every scheduled trigger, a list of module keys runs only those.
   */
  async advance(ms: number, options: { scheduled?: Schedules } = {}): Promise<void> {
    const target = this.now() + ms;
    await this.runUntil(target, options.scheduled ?? true);
    if (this.now() < target) this.options.clock.set(target);
  }

  private async runUntil(target: number, scheduled: Schedules): Promise<void> {
    for (let steps = 0; steps < 1_000_000; steps++) {
      await this.runDueWithSchedules(scheduled);
      const next = this.nextTimedWork(scheduled);
      if (next === undefined || next > target) return;
      if (next > this.now()) this.options.clock.set(next);
    }
    throw new Error('advance: too many steps (a handler keeps scheduling work at the same instant?)');
  }

  private async runDueWithSchedules(scheduled: Schedules): Promise<number> {
    if (scheduled === true) return this.runDue();
    const saved = this.installs.map((i) => new Map(i.nextScheduledAt));
    for (const installation of this.installs)
      for (const key of installation.nextScheduledAt.keys())
        if (!runsSchedule(scheduled, key)) installation.nextScheduledAt.set(key, Infinity);
    try {
      return await this.runDue();
    } finally {
      this.installs.forEach((installation, i) => {
        for (const [key, at] of saved[i] ?? [])
          if (!runsSchedule(scheduled, key)) installation.nextScheduledAt.set(key, at);
      });
    }
  }

  /**
   * Delivers queued work until none is left, advancing the clock to each delayed or retried delivery.
   * Scheduled triggers whose time passes meanwhile run only if `scheduled` says so (true, or a list of keys).
   */
  async drain(options: { scheduled?: Schedules; maxMs?: number } = {}): Promise<void> {
    const limit = this.now() + (options.maxMs ?? 7 * 86_400_000);
    const scheduled = options.scheduled ?? false;
    for (;;) {
      await this.runDueWithSchedules(scheduled);
      const next = this.nextQueued();
      if (next === undefined) return;
      if (next > limit)
        throw new Error(`drain: work still queued at ${new Date(next).toISOString()}, past the limit`);
      await this.runUntil(next, scheduled);
    }
  }

  /** For `npm start`: deliver due work continuously on the real clock. */
  startPump(intervalMs = 250): void {
    this.pump = setInterval(() => {
      if (this.pumping) return;
      this.pumping = true;
      this.runDue()
        .catch((e: unknown) => console.error('platform pump:', e))
        .finally(() => (this.pumping = false));
    }, intervalMs);
  }

  /** Chains of async events, longest first (each push request counts; Forge allows 1,000 per chain). */
  eventChains(): EventChain[] {
    return this.installs.flatMap((i) => i.queue.chains()).sort((a, b) => b.pushes - a.pushes);
  }

  // ---- web triggers ----

  /** A web trigger's URL, which differs per installation (each has its own). */
  async webTriggerUrl(moduleKey: string, installation = this.installation): Promise<string> {
    return `${await this.webTriggers.url()}/x1/${this.webTriggerId(moduleKey, installation)}`;
  }

  private webTriggerId(moduleKey: string, installation: Installation): string {
    if (!this.manifest.webtriggers.some((w) => w.key === moduleKey))
      throw new Error(`manifest.yml has no webtrigger "${moduleKey}"`);
    return installation.webTriggerId(moduleKey);
  }

  /**
   * Delivers one request to a web trigger's function now, with the event and reply the HTTP server would give
   * (header names lower-cased, values as lists) but without HTTP: for tests that run concurrent requests through
   * an interleaving. `tag` labels the invocation in the operations an operation gate sees.
   */
  runWebTrigger(
    moduleKey: string,
    request: { method?: string; headers?: Record<string, string>; body?: string },
    options: { tag?: string; installation?: Installation } = {},
  ): Promise<WebTriggerReply> {
    const installation = options.installation ?? this.installation;
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers ?? {}))
      (headers[name.toLowerCase()] ??= []).push(value);
    const path = `/x1/${this.webTriggerId(moduleKey, installation)}`;
    return this.deliverWebTrigger(
      moduleKey,
      installation,
      {
        method: request.method ?? 'POST',
        headers,
        body: request.body ?? '',
        path,
        userPath: '',
        queryParameters: {},
      },
      options.tag,
    );
  }

  get webTriggerHandler(): WebTriggerServer['handle'] {
    return this.webTriggers.handle;
  }

  useWebTriggerBaseUrl(baseUrl: string): void {
    this.webTriggers.useBaseUrl(baseUrl);
  }

  private async dispatchWebTrigger(
    id: string,
    event: Omit<WebTriggerEvent, 'context'>,
  ): Promise<WebTriggerReply> {
    const found = this.installs
      .flatMap((installation) => this.manifest.webtriggers.map((def) => ({ installation, def })))
      .find(({ installation, def }) => installation.webTriggerId(def.key) === id);
    if (!found) return { statusCode: 404, body: 'Unknown web trigger.' };
    return this.deliverWebTrigger(found.def.key, found.installation, event);
  }

  private async deliverWebTrigger(
    moduleKey: string,
    installation: Installation,
    event: Omit<WebTriggerEvent, 'context'>,
    tag?: string,
  ): Promise<WebTriggerReply> {
    const def = this.manifest.webtriggers.find((w) => w.key === moduleKey);
    if (!def) return { statusCode: 404, body: 'Unknown web trigger.' };
    const full: WebTriggerEvent = { ...event, context: { cloudId: this.options.site.cloudId, moduleKey } };
    const args = [full, this.installContext(installation)];
    const { record, result } = await this.run('webtrigger', moduleKey, def.functionKey, args, {
      installation,
      ...(tag !== undefined ? { tag } : {}),
    });
    if (record.outcome !== 'success')
      return { statusCode: 500, body: 'There was an error invoking the function.' };
    const reply = result as Partial<WebTriggerReply> | undefined;
    if (!reply || typeof reply.statusCode !== 'number')
      return { statusCode: 500, body: 'Invalid web trigger response.' };
    if (reply.body !== undefined && typeof reply.body !== 'string')
      return { statusCode: 500, body: 'Invalid web trigger response: body must be a string.' };
    return reply as WebTriggerReply;
  }

  // ---- lifecycle ----

  async close(): Promise<void> {
    if (this.pump) clearInterval(this.pump);
    this.unsubscribeSite();
    await this.webTriggers.close();
    for (const installation of this.installs) installation.close();
  }
}

export interface DeliveryDials {
  duplicateDeliveryRate: number;
  eventLossRate: number;
}

/** Which scheduled triggers run while the clock moves: all, none, or those module keys. */
export type Schedules = boolean | readonly string[];

function runsSchedule(scheduled: Schedules, moduleKey: string): boolean {
  return typeof scheduled === 'boolean' ? scheduled : scheduled.includes(moduleKey);
}

export function createPlatform(options: PlatformOptions): ForgePlatform {
  const platform = new ForgePlatform(options);
  platform.install();
  return platform;
}
