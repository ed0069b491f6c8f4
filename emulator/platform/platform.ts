// The local Forge platform: runs the app's handlers (real SDK) by manifest module, with Forge's storage, queue,
// schedules, web triggers, limits and delivery semantics, against an emulated Atlassian site.
import Database from 'better-sqlite3';
import { randomUUID, createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AppProduct, ProductEvent, SiteApi, SiteProduct } from '../contracts';
import type { EmulatorClock } from '../clock';
import type { ForgeFetchTarget, Invocation, InvocationHost, InvocationInit, ModuleKind } from './invocation';
import { readManifest, INTERVAL_MS, type AppManifest, type FunctionDef } from './manifest';
import { parsedBody, type OperationGate, type PlatformOperation } from './operation-gate';
import { KvsStore } from './kvs/kvs-store';
import { handleKvsRequest } from './kvs/kvs-wire';
import { DEFAULT_KVS_QUOTA, KvsQuota, type KvsQuotaConfig } from './kvs/kvs-quota';
import { QueueStore, QUEUE_LIMITS, type EventChain, type QueuedEvent } from './queue/queue-store';
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
  readonly storage: KvsStore;
  readonly queue: QueueStore;
  readonly invocations: InvocationRecord[] = [];
  readonly kvsQuota: KvsQuota;
  readonly egress: Egress;
  private readonly db: Database.Database;
  private readonly proxy: ProductProxy;
  private readonly webTriggers: WebTriggerServer;
  private readonly webTriggerIds = new Map<string, string>();
  private readonly random: SeededRandom;
  private readonly loadHandler: HandlerLoader;
  private readonly nextScheduledAt = new Map<string, number>();
  private readonly consumerQueues: Set<string>;
  private appAccountId = '';
  private unsubscribeSite: () => void;
  private pump: NodeJS.Timeout | undefined;
  private readonly timers: VirtualTimers | undefined;
  private pumping = false;

  constructor(private readonly options: PlatformOptions) {
    this.manifest = readManifest(join(options.appDir, 'manifest.yml'));
    this.db = new Database(options.storagePath ?? ':memory:');
    this.storage = new KvsStore(this.db, this.manifest.entities, () => this.now());
    this.queue = new QueueStore(this.db);
    this.kvsQuota = new KvsQuota(options.clock, options.kvsQuota ?? DEFAULT_KVS_QUOTA);
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
      canUseApp: (accountId) => options.site.userCanUseApp(accountId, this.installationProducts),
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
    const start = this.now();
    for (const s of this.manifest.scheduled) this.nextScheduledAt.set(s.key, start + INTERVAL_MS[s.interval]);
  }

  // ---- installation and identity ----

  /** Installs the app on the site (creating its app account), as `forge install` does. */
  install(): { appAccountId: string } {
    const { appAccountId } = this.options.site.installApp({ appId: this.manifest.appId, name: 'JIT Access' });
    this.appAccountId = appAccountId;
    return { appAccountId };
  }

  /** The Forge environment id the app runs in (what `getContext()` reports to the UI). */
  readonly environmentId = ENVIRONMENT_ID;

  get contextAri(): string {
    return `ari:cloud:jira::site/${this.options.site.cloudId}`;
  }

  get clock(): EmulatorClock {
    return this.options.clock;
  }

  now(): number {
    return this.options.clock.now();
  }

  /** The Atlassian apps the installation serves: who has access to one of them can use the app. */
  readonly installationProducts: readonly AppProduct[] = ['jira'];

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
    if (target.type === 'kvs') return handleKvsRequest(this.storage, path, init, this.kvsQuota);
    if (target.type === 'fpp' && target.remote === 'stargate') {
      if (path.startsWith('/webhook/queue/'))
        return handleQueueRequest(this.queue, path, init, {
          now: this.now(),
          consumerQueues: this.consumerQueues,
          chain: invocation.init.chain,
        });
      if (path === '/graphql') return this.handleGraphql(init);
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

  private async handleGraphql(init: RequestInit): Promise<Response> {
    const request = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as {
      query?: string;
      variables?: { input?: { triggerKey?: string } };
    };
    if (request.query?.includes('createWebTriggerUrl')) {
      const key = request.variables?.input?.triggerKey ?? '';
      if (!this.manifest.webtriggers.some((w) => w.key === key))
        return Response.json({ errors: [{ message: `No webtrigger module "${key}" in manifest.yml` }] });
      return Response.json({ data: { createWebTriggerUrl: { url: await this.webTriggerUrl(key) } } });
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
    kind: ModuleKind,
    moduleKey: string,
    fn: FunctionDef,
    accountId?: string,
    tag?: string,
    chain?: InvocationInit['chain'],
  ): InvocationInit {
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
      contextAri: this.contextAri,
      appContext: {
        appId: this.manifest.appId.replace(/^.*\//, ''),
        appVersion: '1.0.0',
        environmentId: ENVIRONMENT_ID,
        environmentType: 'DEVELOPMENT',
        installationId: INSTALLATION_ID,
      },
    };
  }

  private async run(
    kind: ModuleKind,
    moduleKey: string,
    functionKey: string,
    args: unknown[],
    meta: {
      attempt?: number;
      eventId?: string;
      accountId?: string;
      tag?: string;
      chain?: InvocationInit['chain'];
    } = {},
  ): Promise<RunResult> {
    const fn = this.functionDef(functionKey);
    const handler = resolveHandler(this.loadHandler, fn);
    const outcome = await runFunction(
      this.invocationInit(kind, moduleKey, fn, meta.accountId, meta.tag, meta.chain),
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

  private installContext(): { installContext: string } {
    return { installContext: this.contextAri };
  }

  /** Calls a resolver the way the UI's `invoke(key, payload)` does. */
  async invokeResolver<T = unknown>(call: ResolverCall): Promise<T> {
    const ui = this.manifest.uiModules.find((m) =>
      call.functionKey ? m.resolverFunctionKey === call.functionKey : m.resolverFunctionKey !== undefined,
    );
    const functionKey = call.functionKey ?? ui?.resolverFunctionKey;
    if (!functionKey) throw new Error('manifest.yml declares no UI module with a resolver');
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
    const runtimePayload = { principal: { accountId: call.accountId }, ...this.installContext() };
    const { record, result, error } = await this.run(
      'resolver',
      ui?.key ?? functionKey,
      functionKey,
      [request, runtimePayload],
      {
        accountId: call.accountId,
      },
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
  async runInContext<T>(fn: () => Promise<T>, options: { accountId?: string } = {}): Promise<T> {
    const fn_: FunctionDef = {
      key: '__test-context__',
      handler: '__test__.run',
      usedBy: new Set(['resolver']),
    };
    const outcome = await runFunction(
      this.invocationInit('resolver', '__test-context__', fn_, options.accountId),
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
    const asyncEvent = { body, queueName, jobId: randomUUID(), eventId, contextAri: this.contextAri };
    return this.run('consumer', consumer.key, consumer.functionKey, [asyncEvent, this.installContext()], {
      attempt: options.attempt ?? 1,
      eventId,
      ...(options.tag !== undefined ? { tag: options.tag } : {}),
      ...(options.chain ? { chain: options.chain } : {}),
    });
  }

  /** Runs one scheduled trigger now, as Forge would at its interval (a new chain of async events). */
  async runScheduled(moduleKey: string): Promise<RunResult> {
    const def = this.manifest.scheduled.find((s) => s.key === moduleKey);
    if (!def) throw new Error(`manifest.yml has no scheduledTrigger "${moduleKey}"`);
    const event = { context: { cloudId: this.options.site.cloudId, moduleKey }, contextToken: randomUUID() };
    return this.run('scheduledTrigger', moduleKey, def.functionKey, [event, this.installContext()]);
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

  /** Delivers a product event to every trigger subscribed to it (asynchronously, like Forge). */
  enqueueProductEvent(event: ProductEvent): number {
    if (this.eventLossRate > 0 && this.random.next() < this.eventLossRate) return 0;
    let subscribers = 0;
    for (const trigger of this.manifest.triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      subscribers++;
      const copies = this.random.next() < this.duplicateDeliveryRate ? 2 : 1;
      for (let i = 0; i < copies; i++)
        this.queue.push(
          PRODUCT_EVENT_QUEUE_PREFIX + trigger.key,
          randomUUID(),
          [{ body: event.payload }],
          this.now(),
        );
    }
    return subscribers;
  }

  /** The chain a queued event's consumer continues: the chain of the push that queued it. */
  private chainOf(event: QueuedEvent): InvocationInit['chain'] | undefined {
    if (!event.chainId) return undefined;
    return { chainId: event.chainId, root: this.queue.chain(event.chainId)?.root ?? 'an earlier run' };
  }

  /** Pushes a duplicate of the next delivery of an already-queued event (at-least-once delivery). */
  private async deliver(event: QueuedEvent): Promise<void> {
    const attempt = (event.retryContext?.retryCount ?? 0) + 1;
    let outcome: RunResult;
    if (event.queueName.startsWith(PRODUCT_EVENT_QUEUE_PREFIX)) {
      const moduleKey = event.queueName.slice(PRODUCT_EVENT_QUEUE_PREFIX.length);
      const trigger = this.manifest.triggers.find((t) => t.key === moduleKey);
      if (!trigger)
        return this.queue.complete(event.seq, 'failed', `trigger ${moduleKey} no longer in manifest`);
      const payload = {
        ...event.body,
        context: { cloudId: this.options.site.cloudId, moduleKey },
        contextToken: randomUUID(),
        ...(event.retryContext ? { retryContext: event.retryContext } : {}),
      };
      outcome = await this.run('trigger', moduleKey, trigger.functionKey, [payload, this.installContext()], {
        attempt,
        eventId: event.eventId,
      });
    } else {
      const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
      if (!consumer)
        return this.queue.complete(event.seq, 'failed', `no consumer for queue ${event.queueName}`);
      const asyncEvent = {
        body: event.body,
        queueName: event.queueName,
        jobId: event.jobId,
        eventId: event.eventId,
        contextAri: this.contextAri,
        ...(event.retryContext ? { retryContext: event.retryContext } : {}),
      };
      const args = consumer.resolverMethod
        ? [
            {
              call: { functionKey: consumer.resolverMethod, payload: event.body, jobId: event.jobId },
              context: {},
            },
            this.installContext(),
          ]
        : [asyncEvent, this.installContext()];
      const chain = this.chainOf(event);
      outcome = await this.run('consumer', consumer.key, consumer.functionKey, args, {
        attempt,
        eventId: event.eventId,
        ...(chain ? { chain } : {}),
      });
    }
    this.settle(event, outcome.record);
  }

  /**
   * Forge's retry policies. Product events: an InvocationError or a timeout is retried at most 4 times; a thrown
   * error is not. Async events (consumers): an InvocationError after its retryAfter, a runtime error or a timeout
   * with back-off (1, 2, 4, 8, then every 15 minutes), for as long as the event is within its 24-hour retention
   * window from the push; then it is dropped.
   */
  private settle(event: QueuedEvent, record: InvocationRecord): void {
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
    if (record.outcome === 'success' && !retry) return this.queue.complete(event.seq, 'succeeded');
    // A killed invocation ended when Forge killed it, however little the shared clock moved meanwhile (latency
    // is charged to the invocation, not to the clock): the retry comes after that, as on Forge.
    const endedAt =
      record.outcome === 'timeout' ? Math.max(this.now(), record.startedAt + record.limitMs) : this.now();
    const dueAt = endedAt + Math.min(retry?.retryAfter ?? 0, 900) * 1000;
    const windowEndsAt = event.pushedAt + QUEUE_LIMITS.retentionWindowMs;
    const allowed = productEvent ? retryCount < QUEUE_LIMITS.maxRetries : dueAt <= windowEndsAt;
    if (retry && allowed) {
      this.queue.retry(event.seq, dueAt, {
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
    if (!retry) return this.queue.complete(event.seq, 'failed', record.error ?? 'failed');
    const why = productEvent
      ? `gave up after ${retryCount} retries`
      : `its 24-hour retention window ended after ${retryCount} retries`;
    this.queue.complete(event.seq, 'failed', record.error ? `${record.error} (${why})` : why);
  }

  /** Runs every delivery and schedule due now; returns how many invocations ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (const def of this.manifest.scheduled) {
      const due = this.nextScheduledAt.get(def.key) ?? Infinity;
      if (due <= this.now()) {
        // A clock that jumped past several intervals runs the trigger once, not once per missed interval.
        const interval = INTERVAL_MS[def.interval];
        this.nextScheduledAt.set(
          def.key,
          due + interval * Math.max(1, Math.ceil((this.now() - due + 1) / interval)),
        );
        await this.runScheduled(def.key);
        ran++;
      }
    }
    const parallelism = this.options.parallelism ?? 4;
    for (;;) {
      const batch = this.queue.takeDue(this.now(), parallelism);
      if (batch.length === 0) break;
      const extra = batch.filter(() => this.random.next() < this.duplicateDeliveryRate);
      await Promise.all([
        ...batch.map((e) => this.deliver(e)),
        ...extra.map((e) => this.deliverDuplicate(e)),
      ]);
      ran += batch.length + extra.length;
    }
    return ran;
  }

  private async deliverDuplicate(event: QueuedEvent): Promise<void> {
    // A duplicate runs the handler again with the same event id, but its outcome does not settle the event.
    const copy = { ...event, seq: -1 };
    if (event.queueName.startsWith(PRODUCT_EVENT_QUEUE_PREFIX)) return; // product events duplicate at enqueue time
    const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
    if (!consumer) return;
    const chain = this.chainOf(event);
    await this.run(
      'consumer',
      consumer.key,
      consumer.functionKey,
      [
        {
          body: copy.body,
          queueName: copy.queueName,
          jobId: copy.jobId,
          eventId: copy.eventId,
          contextAri: this.contextAri,
        },
        this.installContext(),
      ],
      {
        attempt: (event.retryContext?.retryCount ?? 0) + 1,
        eventId: event.eventId,
        ...(chain ? { chain } : {}),
      },
    );
  }

  private nextTimedWork(scheduled: Schedules): number | undefined {
    const times = [...this.nextScheduledAt]
      .filter(([key]) => runsSchedule(scheduled, key))
      .map(([, at]) => at);
    const queueDue = this.queue.nextDueAt();
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
    const saved = new Map(this.nextScheduledAt);
    for (const key of this.nextScheduledAt.keys())
      if (!runsSchedule(scheduled, key)) this.nextScheduledAt.set(key, Infinity);
    try {
      return await this.runDue();
    } finally {
      for (const [key, at] of saved) if (!runsSchedule(scheduled, key)) this.nextScheduledAt.set(key, at);
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
      const next = this.queue.nextDueAt();
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
    return this.queue.chains();
  }

  // ---- web triggers ----

  async webTriggerUrl(moduleKey: string): Promise<string> {
    const id = this.webTriggerId(moduleKey);
    return `${await this.webTriggers.url()}/x1/${id}`;
  }

  private webTriggerId(moduleKey: string): string {
    if (!this.manifest.webtriggers.some((w) => w.key === moduleKey))
      throw new Error(`manifest.yml has no webtrigger "${moduleKey}"`);
    let id = this.webTriggerIds.get(moduleKey);
    if (!id) {
      id = createHash('sha256').update(`${INSTALLATION_ID}:${moduleKey}`).digest('hex').slice(0, 32);
      this.webTriggerIds.set(moduleKey, id);
    }
    return id;
  }

  /**
   * Delivers one request to a web trigger's function now, with the event and reply the HTTP server would give
   * (header names lower-cased, values as lists) but without HTTP: for tests that run concurrent requests through
   * an interleaving. `tag` labels the invocation in the operations an operation gate sees.
   */
  runWebTrigger(
    moduleKey: string,
    request: { method?: string; headers?: Record<string, string>; body?: string },
    options: { tag?: string } = {},
  ): Promise<WebTriggerReply> {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers ?? {}))
      (headers[name.toLowerCase()] ??= []).push(value);
    const path = `/x1/${this.webTriggerId(moduleKey)}`;
    return this.deliverWebTrigger(
      moduleKey,
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
    const moduleKey = [...this.webTriggerIds.entries()].find(([, v]) => v === id)?.[0];
    if (!moduleKey) return { statusCode: 404, body: 'Unknown web trigger.' };
    return this.deliverWebTrigger(moduleKey, event);
  }

  private async deliverWebTrigger(
    moduleKey: string,
    event: Omit<WebTriggerEvent, 'context'>,
    tag?: string,
  ): Promise<WebTriggerReply> {
    const def = this.manifest.webtriggers.find((w) => w.key === moduleKey);
    if (!def) return { statusCode: 404, body: 'Unknown web trigger.' };
    const full: WebTriggerEvent = { ...event, context: { cloudId: this.options.site.cloudId, moduleKey } };
    const { record, result } = await this.run(
      'webtrigger',
      moduleKey,
      def.functionKey,
      [full, this.installContext()],
      tag !== undefined ? { tag } : {},
    );
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
    this.db.close();
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
