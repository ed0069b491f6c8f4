// The host side of `window.__bridge.callBridge(cmd, data)`, the one channel @forge/react and @forge/bridge use:
// 'reconcile' re-renders the forgeDoc, 'invoke' runs a resolver on the emulator, 'getContext' answers what a
// Jira admin page would. Commands an admin page cannot serve are refused loudly, never silently.
import { isForgeDoc, snapshotForgeDoc, type ForgeDoc } from './renderer/forge-doc';

export type CallBridge = (cmd: string, data?: unknown) => Promise<unknown>;

export interface InvokeOutcome {
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string };
}

export interface BridgeHost {
  render(doc: ForgeDoc): void;
  invoke(functionKey: string, payload: unknown): Promise<InvokeOutcome>;
  fetchProduct(request: Record<string, unknown>): Promise<unknown>;
  /** The full context for getContext (a fresh object each call: apps may mutate what they get). */
  context(): Record<string, unknown>;
  /** Every command, for the console's log. */
  record(cmd: string, detail: string, failed?: boolean): void;
}

/** The error an app's `invoke` rejects with when the resolver failed (Forge rejects with a plain Error). */
export class InvokeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Error';
  }
}

function field(data: unknown, name: string): unknown {
  return data && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return JSON.stringify(error) ?? 'unknown error';
}

/** Commands a Jira admin page (a full page, not a modal or an issue panel) cannot use. */
const NOT_FOR_ADMIN_PAGES = new Set(['submit', 'close', 'onClose', 'openModal', 'getFrameDispatch']);

export function createCallBridge(host: BridgeHost): CallBridge {
  return async (cmd, data) => {
    switch (cmd) {
      case 'reconcile': {
        const doc = field(data, 'forgeDoc');
        if (!isForgeDoc(doc)) throw new Error('reconcile: data.forgeDoc is not a forgeDoc');
        host.render(snapshotForgeDoc(doc));
        return undefined;
      }
      case 'invoke': {
        const functionKey = field(data, 'functionKey');
        if (typeof functionKey !== 'string') throw new Error('invoke: functionKey must be a string');
        const outcome = await host.invoke(functionKey, field(data, 'payload') ?? {});
        host.record(
          'invoke',
          `${functionKey} → ${outcome.ok ? 'ok' : (outcome.error?.message ?? 'failed')}`,
          !outcome.ok,
        );
        if (!outcome.ok)
          throw new InvokeError(outcome.error?.message ?? 'There was an error invoking the function');
        // With metadata requested, @forge/bridge expects { body, metadata }; the emulator meters nothing here.
        return field(data, 'metadata') !== undefined
          ? { body: outcome.result, metadata: {} }
          : outcome.result;
      }
      case 'getContext':
        return host.context();
      case 'fetchProduct':
        return host.fetchProduct((data ?? {}) as Record<string, unknown>);
      case 'onError':
        host.record('onError', describe(field(data, 'error')), true);
        console.error('UI Kit app reported an error:', field(data, 'error'));
        return undefined;
      case 'enableTheming':
        // The preview always loads the Atlassian light theme.
        return undefined;
      case 'getFrameId':
        return 'local-preview';
      case 'refresh':
        // @forge/bridge turns `false` into "this resource's view is not refreshable", as for admin pages.
        return false;
      default: {
        const why = NOT_FOR_ADMIN_PAGES.has(cmd)
          ? `bridge command "${cmd}" is not available to a jira:adminPage`
          : `bridge command "${cmd}" is not emulated by the local preview`;
        host.record(cmd, why, true);
        throw new Error(why);
      }
    }
  };
}
