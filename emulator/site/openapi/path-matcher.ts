// Matches concrete request paths to OpenAPI path templates, preferring literal segments over parameters.

/** One template registered in the matcher; `T` is whatever the caller wants back (e.g. the operations). */
export interface PathMatch<T> {
  template: string;
  value: T;
  /** Template variables → URI-decoded segment values. */
  params: Record<string, string>;
}

export type PathLookup<T> =
  { ok: true; matches: Array<PathMatch<T>> } | { ok: false; reason: 'encoding'; segment: string };

interface Leaf<T> {
  template: string;
  value: T;
  /** Variable names per captured value, in capture order. */
  names: string[];
}

interface PatternEdge<T> {
  regex: RegExp;
  node: TrieNode<T>;
}

interface TrieNode<T> {
  literal: Map<string, TrieNode<T>>;
  /** Segments mixing text and variables, e.g. `{id}.json`. */
  patterns: PatternEdge<T>[];
  /** A whole-segment variable; its name lives on the leaf because templates may name it differently. */
  param?: TrieNode<T>;
  leaves: Leaf<T>[];
}

function newNode<T>(): TrieNode<T> {
  return { literal: new Map(), patterns: [], leaves: [] };
}

const VARIABLE = /\{([^{}]+)\}/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A trie of path templates. Lookup walks literal children first, then mixed segments, then parameters, so the
 * first match is the one with the most literal segments earliest: `/user/groups` beats `/user/{x}`.
 */
export class PathMatcher<T> {
  private readonly root: TrieNode<T> = newNode();

  add(template: string, value: T): void {
    if (!template.startsWith('/')) throw new Error(`path template must start with "/": ${template}`);
    let node = this.root;
    const names: string[] = [];
    for (const segment of template.slice(1).split('/')) {
      const variables = [...segment.matchAll(VARIABLE)].map((match) => match[1]!);
      if (variables.length === 0) {
        node = getOrCreate(node.literal, segment);
      } else if (variables.length === 1 && segment === `{${variables[0]!}}`) {
        node.param ??= newNode();
        node = node.param;
      } else {
        const source = segment
          .split(/\{[^{}]+\}/)
          .map(escapeRegex)
          .join('([^/]+?)');
        const regex = new RegExp(`^${source}$`);
        let edge = node.patterns.find((candidate) => candidate.regex.source === regex.source);
        if (!edge) {
          edge = { regex, node: newNode() };
          node.patterns.push(edge);
        }
        node = edge.node;
      }
      names.push(...variables);
    }
    node.leaves.push({ template, value, names });
  }

  /** Every template matching `path` (no query string), best first. */
  lookup(path: string): PathLookup<T> {
    const raw = path.slice(1).split('/');
    const segments: string[] = new Array<string>(raw.length);
    for (let i = 0; i < raw.length; i += 1) {
      const segment = raw[i]!;
      if (segment.includes('%')) {
        try {
          segments[i] = decodeURIComponent(segment);
        } catch {
          return { ok: false, reason: 'encoding', segment };
        }
      } else segments[i] = segment;
    }
    const matches: Array<PathMatch<T>> = [];
    if (path.startsWith('/')) walk(this.root, segments, 0, [], matches);
    return { ok: true, matches };
  }
}

function getOrCreate<T>(map: Map<string, TrieNode<T>>, key: string): TrieNode<T> {
  let node = map.get(key);
  if (!node) {
    node = newNode();
    map.set(key, node);
  }
  return node;
}

function walk<T>(
  node: TrieNode<T>,
  segments: readonly string[],
  index: number,
  captured: string[],
  out: Array<PathMatch<T>>,
): void {
  if (index === segments.length) {
    for (const leaf of node.leaves) {
      const params: Record<string, string> = {};
      leaf.names.forEach((name, i) => (params[name] = captured[i]!));
      out.push({ template: leaf.template, value: leaf.value, params });
    }
    return;
  }
  const segment = segments[index]!;
  const literal = node.literal.get(segment);
  if (literal) walk(literal, segments, index + 1, captured, out);
  for (const edge of node.patterns) {
    const match = edge.regex.exec(segment);
    if (match) walk(edge.node, segments, index + 1, [...captured, ...match.slice(1)], out);
  }
  // An empty segment (`//`, a trailing `/`) never fills a parameter: a template variable names a value.
  if (node.param && segment.length > 0) walk(node.param, segments, index + 1, [...captured, segment], out);
}
