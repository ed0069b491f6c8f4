// Finds words a person would read that were written into src/frontend instead of a translation key, and checks
// the locale files agree (same keys, same placeholders, every plural form the locale needs). `npm run check:i18n`
// prints what it finds; test/i18n runs the same checks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** JSX props whose string value a person reads (or hears, for labels). */
const TEXT_PROPS = new Set([
  'label',
  'title',
  'description',
  'placeholder',
  'header',
  'heading',
  'content',
  'text',
  'caption',
  'tooltip',
  'alt',
  'aria-label',
  'subtitle',
  'emptyView',
  'defaultValue',
  'loadingLabel',
]);

const EXEMPT_MARK = 'i18n-exempt';

/** Prose: two words, or a capitalised word. Identifiers, keys and key prefixes are neither. */
export function looksLikeProse(value: string): boolean {
  if (!/\p{L}/u.test(value)) return false;
  if (/\p{L}{2,}[\s\u00a0]+\p{L}/u.test(value)) return true;
  return /^\p{Lu}\p{Ll}+/u.test(value.trim());
}

function staticText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return null;
}

function isExempt(source: ts.SourceFile, node: ts.Node): boolean {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  const lines = source.text.split('\n');
  return [lines[line], lines[line - 1]].some((l) => l?.includes(EXEMPT_MARK));
}

function isTypeOrModulePosition(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isExternalModuleReference(parent)) return true;
  // `typeof x === 'string'`, `import('…')`
  if (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  return false;
}

function jsxAttributeName(node: ts.Node): string | null {
  let current: ts.Node | undefined = node.parent;
  if (current && ts.isJsxExpression(current)) current = current.parent;
  if (current && ts.isJsxAttribute(current)) return current.name.getText();
  return null;
}

/** Every user-visible literal in one file's source. */
export function findLiteralStrings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string, why: string): void => {
    if (isExempt(sf, node)) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    findings.push({ file, line: line + 1, text: text.trim().slice(0, 80), why });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (/\p{L}/u.test(node.text)) report(node, node.text, 'text written into JSX');
      return;
    }
    const text = staticText(node);
    if (text !== null && !isTypeOrModulePosition(node)) {
      const attribute = jsxAttributeName(node);
      if (attribute !== null && TEXT_PROPS.has(attribute) && /\p{L}/u.test(text))
        report(node, text, `the ${attribute} prop is read by people`);
      else if (looksLikeProse(text)) report(node, text, 'reads as words, not a key');
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out.sort();
}

export function findLiteralStringsIn(root: string, dir: string): Finding[] {
  return sourceFiles(join(root, dir)).flatMap((path) =>
    findLiteralStrings(relative(root, path), readFileSync(path, 'utf8')),
  );
}

type Tree = { [key: string]: string | Tree };

/** `a.b.c` → text, for every leaf of a locale file. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

function placeholders(text: string): string {
  return [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}

/** Differences between locale files: missing keys either way, disagreeing placeholders, absent plural forms. */
export function compareLocales(locales: Record<string, Tree>): string[] {
  const problems: string[] = [];
  const flat = Object.entries(locales).map(([locale, tree]) => ({ locale, keys: flatten(tree) }));
  const [base, ...others] = flat;
  if (!base) return ['no locale files'];
  for (const { locale, keys } of flat)
    for (const [key, value] of keys) if (value.trim() === '') problems.push(`${locale}: ${key} is empty`);
  // Plural messages: a group whose children are all plural categories; each locale needs its own categories.
  for (const { locale, keys } of flat) {
    const groups = new Map<string, Set<string>>();
    for (const key of keys.keys()) {
      const dot = key.lastIndexOf('.');
      const last = key.slice(dot + 1);
      if (dot > 0 && PLURAL_CATEGORIES.has(last)) {
        const group = key.slice(0, dot);
        groups.set(group, (groups.get(group) ?? new Set()).add(last));
      }
    }
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [group, forms] of groups) {
      if (!forms.has('other')) continue;
      for (const category of needed)
        if (!forms.has(category)) problems.push(`${locale}: plural ${group} has no "${category}" form`);
    }
  }
  const pluralGroup = (key: string): string =>
    PLURAL_CATEGORIES.has(key.slice(key.lastIndexOf('.') + 1)) ? key.slice(0, key.lastIndexOf('.')) : key;
  for (const other of others) {
    const baseGroups = new Set([...base.keys.keys()].map(pluralGroup));
    const otherGroups = new Set([...other.keys.keys()].map(pluralGroup));
    for (const key of baseGroups)
      if (!otherGroups.has(key)) problems.push(`${other.locale}: missing ${key} (in ${base.locale})`);
    for (const key of otherGroups)
      if (!baseGroups.has(key)) problems.push(`${base.locale}: missing ${key} (in ${other.locale})`);
    const placeholdersByGroup = (keys: Map<string, string>): Map<string, Set<string>> => {
      const out = new Map<string, Set<string>>();
      for (const [key, value] of keys) {
        const group = pluralGroup(key);
        const set = out.get(group) ?? new Set<string>();
        for (const p of placeholders(value).split(',').filter(Boolean)) set.add(p);
        out.set(group, set);
      }
      return out;
    };
    const a = placeholdersByGroup(base.keys);
    const b = placeholdersByGroup(other.keys);
    for (const [group, names] of a) {
      const theirs = b.get(group);
      if (!theirs) continue;
      // A plural form may leave out {count} ("one item"); any other placeholder must appear in both.
      const strip = (s: Set<string>): string =>
        [...s]
          .filter((n) => n !== 'count')
          .sort()
          .join(',');
      if (strip(names) !== strip(theirs))
        problems.push(
          `${group}: placeholders differ (${base.locale}: {${strip(names)}}, ${other.locale}: {${strip(theirs)}})`,
        );
    }
  }
  return problems;
}

/** Every string the app's code or manifest could use as a key: literals, template heads (`loading.${what}`). */
function keyCandidates(root: string): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const sf = ts.createSourceFile(
      path,
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) exact.add(node.text);
      else if (ts.isTemplateExpression(node) && node.head.text.endsWith('.')) prefixes.push(node.head.text);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  for (const match of readFileSync(join(root, 'manifest.yml'), 'utf8').matchAll(/i18n:\s*([\w.]+)/g))
    if (match[1]) exact.add(match[1]);
  return { exact, prefixes };
}

/** Keys of the English file that no code or manifest entry can reach: dead words to delete. */
export function unusedKeys(root: string): string[] {
  const { exact, prefixes } = keyCandidates(root);
  const english = readLocales(root)['en-US'];
  if (!english) return [];
  const groups = new Set<string>();
  for (const key of flatten(english).keys()) {
    const last = key.slice(key.lastIndexOf('.') + 1);
    groups.add(PLURAL_CATEGORIES.has(last) ? key.slice(0, key.lastIndexOf('.')) : key);
  }
  return [...groups].filter((key) => !exact.has(key) && !prefixes.some((p) => key.startsWith(p))).sort();
}

export function readLocales(root: string): Record<string, Tree> {
  const dir = join(root, 'src', 'locales');
  const out: Record<string, Tree> = {};
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort())
    out[name.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Tree;
  return out;
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const findings = findLiteralStringsIn(root, 'src/frontend');
  for (const f of findings) console.log(`${f.file}:${f.line}  ${JSON.stringify(f.text)}  (${f.why})`);
  const problems = [
    ...compareLocales(readLocales(root)),
    ...unusedKeys(root).map((key) => `${key} is used nowhere`),
  ];
  for (const p of problems) console.log(`locales: ${p}`);
  console.log(`${findings.length} literal strings, ${problems.length} locale problems`);
  process.exitCode = findings.length + problems.length > 0 ? 1 : 0;
}
