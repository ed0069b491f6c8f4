// English left on a German page: every English message of the given namespaces that German words differently,
// as a pattern for a whole line (placeholders match any text), and the shown lines, table cells included, that are one.
import english from '../../../src/locales/en-US.json';
import german from '../../../src/locales/de-DE.json';
import { ofType, textOf, walk, type ForgeDoc } from './forge-doc-query';

export type Namespace = keyof typeof english;

function messages(node: unknown, prefix: string): Array<[string, string]> {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => messages(v, `${prefix}.${k}`));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `[key, pattern]` for each English message (plural forms included) German says differently. */
export function englishOnly(namespaces: readonly Namespace[]): Array<[string, RegExp]> {
  return namespaces.flatMap((namespace) => {
    const theirs = new Map(messages(german[namespace], namespace));
    return messages(english[namespace], namespace)
      .filter(([key, text]) => theirs.get(key) !== text)
      .map(([key, text]): [string, RegExp] => {
        // The whole line: a backend sentence shown as data may contain a short message ("done") by chance.
        return [
          key,
          new RegExp(
            `^${text
              .split(/\{\w+\}/)
              .map(escape)
              .join('.+')}$`,
            'u',
          ),
        ];
      });
  });
}

/** Props a person reads; a field's `value` is what the admin chose (data), not the page's words. */
const READ_PROPS = ['title', 'header', 'description', 'label', 'caption', 'placeholder', 'text', 'content'];

function readText(node: ForgeDoc): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'String') out.push(textOf(n));
    else for (const name of READ_PROPS) if (typeof n.props[name] === 'string') out.push(n.props[name]);
  });
  return out.flatMap((text) => text.split('\n'));
}

/** Each piece of text under these nodes: text leaves and text props, line by line, and tables' string cells. */
export function shownLines(nodes: readonly ForgeDoc[]): string[] {
  const cells = nodes.flatMap((node) =>
    ofType(node, 'DynamicTable').flatMap((table) => {
      const { head, rows } = table.props as {
        head?: { cells: Array<{ content: unknown }> };
        rows?: Array<{ cells: Array<{ content: unknown }> }>;
      };
      return [...(head?.cells ?? []), ...(rows ?? []).flatMap((r) => r.cells)].map((c) => c.content);
    }),
  );
  return [...nodes.flatMap(readText), ...cells.filter((c): c is string => typeof c === 'string')]
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `key: line` for every shown line that is an English message of the namespaces. */
export function englishLeftovers(nodes: readonly ForgeDoc[], namespaces: readonly Namespace[]): string[] {
  const patterns = englishOnly(namespaces);
  return shownLines(nodes).flatMap((line) =>
    patterns.filter(([, pattern]) => pattern.test(line)).map(([key]) => `${key}: ${line}`),
  );
}
