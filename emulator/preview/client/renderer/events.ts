// Events as UI Kit hands them to the app: plain serialisable objects, never DOM events (SerialisableEvent in
// @atlaskit/forge-react-types), because Atlassian's host passes them across a frame boundary.
import type { SyntheticEvent } from 'react';
import type { AnyFunction } from './forge-doc';

export interface SerialisableEvent {
  bubbles: boolean;
  cancelable: boolean;
  defaultPrevented: boolean;
  eventPhase: number;
  isTrusted: boolean;
  target: {
    selectionStart?: number | null;
    selectionEnd?: number | null;
    value?: unknown;
    checked?: boolean;
    name?: string;
    id?: string;
    tagName?: string;
    type?: string;
  };
  timeStamp: number;
  type: string;
}

function targetOf(target: EventTarget | null): SerialisableEvent['target'] {
  if (!target || typeof target !== 'object') return {};
  const el = target as Partial<HTMLInputElement>;
  const out: SerialisableEvent['target'] = {};
  if (typeof el.value === 'string') out.value = el.value;
  if (typeof el.checked === 'boolean' && (el.type === 'checkbox' || el.type === 'radio'))
    out.checked = el.checked;
  if (typeof el.name === 'string' && el.name) out.name = el.name;
  if (typeof el.id === 'string' && el.id) out.id = el.id;
  if (typeof el.tagName === 'string') out.tagName = el.tagName;
  if (typeof el.type === 'string') out.type = el.type;
  try {
    if (typeof el.selectionStart === 'number' || el.selectionStart === null) {
      out.selectionStart = el.selectionStart;
      out.selectionEnd = el.selectionEnd ?? null;
    }
  } catch {
    // Reading the selection of some input types (checkbox, number) throws; it is optional.
  }
  return out;
}

export function serialiseEvent(event: SyntheticEvent | Event | undefined): SerialisableEvent {
  const e = event as Partial<SyntheticEvent> | undefined;
  return {
    bubbles: e?.bubbles ?? false,
    cancelable: e?.cancelable ?? false,
    defaultPrevented: e?.defaultPrevented ?? false,
    eventPhase: e?.eventPhase ?? 0,
    isTrusted: e?.isTrusted ?? false,
    target: targetOf(e?.target ?? null),
    timeStamp: e?.timeStamp ?? 0,
    type: e?.type ?? 'unknown',
  };
}

/** Reports errors thrown by an app callback (sync or async) instead of letting them vanish into a promise. */
export function callApp(callback: AnyFunction | undefined, ...args: unknown[]): void {
  if (!callback) return;
  try {
    const result = callback(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(undefined, (e: unknown) =>
        console.error('UI Kit app callback failed:', e),
      );
  } catch (e) {
    console.error('UI Kit app callback failed:', e);
  }
}

/** An event handler prop for Atlaskit that forwards a serialised event to the app's callback. */
export function forwardEvent(callback: AnyFunction | undefined): ((e: SyntheticEvent) => void) | undefined {
  if (!callback) return undefined;
  return (e: SyntheticEvent) => callApp(callback, serialiseEvent(e));
}
