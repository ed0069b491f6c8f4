// Walks a forgeDoc and renders each UI Kit node with the adapter registered for its type; gaps show as red boxes.
import { Component, createContext, useContext, type ErrorInfo, type ReactNode } from 'react';
import { elementToForgeDoc, str, type ForgeDoc } from './forge-doc';

export type Adapter = (props: { node: ForgeDoc }) => ReactNode;
export type AdapterRegistry = Readonly<Record<string, Adapter>>;

/** What adapters need from the host beyond the forgeDoc (the UserPicker's search, the User component's names). */
export interface PreviewServices {
  searchUsers(query: string): Promise<PreviewUser[]>;
  lookupUser(accountId: string): Promise<PreviewUser | undefined>;
}

export interface PreviewUser {
  accountId: string;
  displayName: string;
  email?: string;
  avatarUrl?: string;
}

const noServices: PreviewServices = {
  searchUsers: () => Promise.resolve([]),
  lookupUser: () => Promise.resolve(undefined),
};

const RegistryContext = createContext<AdapterRegistry>({});
const ServicesContext = createContext<PreviewServices>(noServices);

export function usePreviewServices(): PreviewServices {
  return useContext(ServicesContext);
}

const unsupportedStyle = {
  border: '2px solid #c9372c',
  background: '#ffeceb',
  color: '#ae2e24',
  padding: '4px 8px',
  margin: '2px 0',
  borderRadius: 4,
  fontFamily: 'monospace',
  fontSize: 12,
  display: 'inline-block',
} as const;

/** Visible on purpose: a component the preview cannot render must never disappear silently. */
export function Unsupported({ type, reason }: { type: string; reason?: string }): ReactNode {
  return (
    <span data-testid="preview-unsupported" data-forge-type={type} style={unsupportedStyle}>
      unsupported component {type}
      {reason ? ` (${reason})` : ''}
    </span>
  );
}

interface BoundaryProps {
  type: string;
  children: ReactNode;
}

/** One failing adapter shows its error in place instead of blanking the whole page. */
class NodeErrorBoundary extends Component<BoundaryProps, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`preview: rendering ${this.props.type} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error)
      return <Unsupported type={this.props.type} reason={`render error: ${this.state.error.message}`} />;
    return this.props.children;
  }
}

export function ForgeNodeView({ node }: { node: ForgeDoc }): ReactNode {
  const registry = useContext(RegistryContext);
  if (node.type === 'String') return str(node.props, 'text') ?? '';
  const Adapter = registry[node.type];
  if (!Adapter) return <Unsupported type={node.type} />;
  return (
    <NodeErrorBoundary type={node.type}>
      <Adapter node={node} />
    </NodeErrorBoundary>
  );
}

export function ForgeChildren({ nodes }: { nodes: readonly ForgeDoc[] }): ReactNode {
  return nodes.map((child) => <ForgeNodeView key={child.key} node={child} />);
}

/**
 * The children of a node as an array of elements (not one wrapper element): Atlaskit containers such as Tabs,
 * TabList and ModalTransition count and index their direct children. `undefined` when there are none.
 */
export function renderChildren(node: ForgeDoc): ReactNode[] | undefined {
  return node.children.length > 0
    ? node.children.map((child) => <ForgeNodeView key={child.key} node={child} />)
    : undefined;
}

/** Renders a prop that holds React elements (never reconciled into the forgeDoc) through the same adapters. */
export function ElementProp({ value }: { value: unknown }): ReactNode {
  const nodes = elementToForgeDoc(value);
  return nodes.length > 0 ? <ForgeChildren nodes={nodes} /> : null;
}

export function ForgeDocView(props: {
  doc: ForgeDoc | undefined;
  registry: AdapterRegistry;
  services?: PreviewServices;
}): ReactNode {
  if (!props.doc) return null;
  return (
    <RegistryContext.Provider value={props.registry}>
      <ServicesContext.Provider value={props.services ?? noServices}>
        <ForgeChildren nodes={props.doc.children} />
      </ServicesContext.Provider>
    </RegistryContext.Provider>
  );
}
