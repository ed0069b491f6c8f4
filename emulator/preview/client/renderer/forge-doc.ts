// The forgeDoc the UI Kit reconciler hands the host: its node shape, snapshots, and typed reads of node props.
import { isValidElement, type ReactElement } from 'react';

/** A host node as @forge/react's reconciler builds it (reconciler.js `createElement`). */
export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key: string;
  forgeReactMajorVersion?: number;
}

/**
 * The reconciler mutates one live tree in place and sends the same object on every commit, so the host copies it:
 * React then sees new props objects where anything changed. Function props are kept by reference (page and host
 * share the window, so the host calls them directly instead of over a message channel).
 */
export function snapshotForgeDoc(node: ForgeDoc): ForgeDoc {
  return {
    type: node.type,
    key: node.key,
    props: { ...node.props },
    children: node.children.map(snapshotForgeDoc),
  };
}

export function isForgeDoc(value: unknown): value is ForgeDoc {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<ForgeDoc>;
  return typeof v.type === 'string' && Array.isArray(v.children) && typeof v.props === 'object';
}

/** The concatenated text of a node's String descendants (for labels and chart titles). */
export function textOf(nodes: readonly ForgeDoc[]): string {
  return nodes.map((n) => (n.type === 'String' ? (str(n.props, 'text') ?? '') : textOf(n.children))).join('');
}

export function childrenNamed(node: ForgeDoc, wrapperName: string): ForgeDoc[] {
  const wrapper = node.children.find((c) => c.type === 'ContentWrapper' && c.props.name === wrapperName);
  return wrapper?.children ?? [];
}

let syntheticKey = 0;

/**
 * Props such as SectionMessage `actions` or EmptyState `primaryAction` hold React elements the reconciler never
 * sees. UI Kit components are string-typed elements, so they convert to forgeDoc nodes; a function component is
 * called once (as @forge/react's own DynamicTable does for cell content), which only works for hook-free ones.
 */
export function elementToForgeDoc(value: unknown): ForgeDoc[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'string' || typeof value === 'number')
    return [{ type: 'String', key: `s${syntheticKey++}`, props: { text: String(value) }, children: [] }];
  if (Array.isArray(value)) return value.flatMap(elementToForgeDoc);
  if (isForgeDoc(value)) return [value];
  if (!isValidElement(value)) return [];
  const element = value as ReactElement<Record<string, unknown>>;
  const { children, ...props } = element.props;
  if (typeof element.type === 'string')
    return [
      {
        type: element.type,
        key: element.key !== null ? String(element.key) : `e${syntheticKey++}`,
        props,
        children: elementToForgeDoc(children),
      },
    ];
  if (typeof element.type === 'function') {
    const render = element.type as (p: Record<string, unknown>) => unknown;
    return elementToForgeDoc(render(element.props));
  }
  return [];
}

// ---- typed reads of node props (they arrive as unknown) ----

export function str(props: Record<string, unknown>, name: string): string | undefined {
  const v = props[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function num(props: Record<string, unknown>, name: string): number | undefined {
  const v = props[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(props: Record<string, unknown>, name: string): boolean | undefined {
  const v = props[name];
  return typeof v === 'boolean' ? v : undefined;
}

export type AnyFunction = (...args: unknown[]) => unknown;

export function fn(props: Record<string, unknown>, name: string): AnyFunction | undefined {
  const v = props[name];
  return typeof v === 'function' ? (v as AnyFunction) : undefined;
}

/** Copies only the named props that are present, so Atlaskit never sees `undefined` overriding its defaults. */
export function pick<T = Record<string, unknown>>(
  props: Record<string, unknown>,
  names: readonly string[],
): T {
  const out: Record<string, unknown> = {};
  for (const name of names) if (props[name] !== undefined) out[name] = props[name];
  // The caller names the Atlaskit props type it forwards to; values are passed through as the app gave them.
  return out as T;
}
