// Reading a forgeDoc (the tree @forge/react sends over the bridge) the way an admin reads the page: by
// component type, visible text, label or test id; plus a serialisation with every function prop dropped.

export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key: string;
}

function stringProp(node: ForgeDoc, name: string): string {
  const value = node.props[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function walk(doc: ForgeDoc, visit: (node: ForgeDoc, ancestors: ForgeDoc[]) => void): void {
  const step = (node: ForgeDoc, ancestors: ForgeDoc[]): void => {
    visit(node, ancestors);
    for (const child of node.children) step(child, [...ancestors, node]);
  };
  step(doc, []);
}

export function findAll(doc: ForgeDoc, match: (node: ForgeDoc) => boolean): ForgeDoc[] {
  const found: ForgeDoc[] = [];
  walk(doc, (node) => {
    if (match(node)) found.push(node);
  });
  return found;
}

export function ofType(doc: ForgeDoc, type: string): ForgeDoc[] {
  return findAll(doc, (n) => n.type === type);
}

/** The text a node shows: its String leaves, plus text-valued props that render as text (titles, headers). */
export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return stringProp(node, 'text');
  return node.children.map(textOf).join('');
}

/** Every piece of text on the page, including titles, labels, headers and chart props, one per line. */
export function visibleText(doc: ForgeDoc): string {
  const parts: string[] = [];
  const shownProps = [
    'title',
    'header',
    'description',
    'label',
    'caption',
    'placeholder',
    'text',
    'value',
    'content',
  ];
  walk(doc, (node) => {
    if (node.type === 'String') parts.push(stringProp(node, 'text'));
    else
      for (const name of shownProps) if (typeof node.props[name] === 'string') parts.push(node.props[name]);
  });
  return parts.join('\n');
}

export function byTestId(doc: ForgeDoc, testId: string): ForgeDoc | undefined {
  return findAll(doc, (n) => n.props.testId === testId)[0];
}

/** The first node of a type whose own text (or label prop) contains the given text. */
export function byText(doc: ForgeDoc, type: string, text: string | RegExp): ForgeDoc | undefined {
  const hit = (s: string): boolean => (typeof text === 'string' ? s.includes(text) : text.test(s));
  return findAll(
    doc,
    (n) =>
      n.type === type &&
      (hit(textOf(n)) ||
        (typeof n.props.label === 'string' && hit(n.props.label)) ||
        (typeof n.props.title === 'string' && hit(n.props.title))),
  )[0];
}

export function hasText(doc: ForgeDoc, text: string | RegExp): boolean {
  const all = visibleText(doc);
  return typeof text === 'string' ? all.includes(text) : text.test(all);
}

function isReactElement(value: unknown): value is { type: unknown; props: unknown } {
  return typeof value === 'object' && value !== null && '$$typeof' in value && 'props' in value;
}

/**
 * JSON of the whole tree without function props: what would cross the bridge to Atlassian's renderer. React
 * elements passed as props (an EmptyState's `primaryAction`) keep their type and props, not their fiber.
 */
export function serialize(doc: ForgeDoc): string {
  return JSON.stringify(doc, (_key, value: unknown) => {
    if (typeof value === 'function') return undefined;
    if (isReactElement(value))
      return { element: typeof value.type === 'string' ? value.type : 'component', props: value.props };
    return value;
  });
}
