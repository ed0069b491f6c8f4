/**
 * @jest-environment jsdom
 */
// The preview renderer maps UI Kit forgeDoc nodes to the Atlaskit components @atlaskit/forge-react-types names,
// adapts their props and events, and shows gaps as visible boxes. Runs the browser code, bundled by esbuild, in
// jsdom (Atlaskit components read `window`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextDecoder, TextEncoder } from 'node:util';
import { createElement, type ComponentType } from 'react';
import type { ReactTestInstance } from 'react-test-renderer';
import { atlaskitTokensAlias } from './build/atlaskit-tokens';
import type { ForgeDoc } from './client/renderer';
import type * as HarnessModule from './testing/render-harness';
import type * as ForgeReact from '@forge/react';

type Harness = typeof HarnessModule;

const repoRoot = resolve(__dirname, '..', '..');
let harness: Harness;
let outDir: string;

beforeAll(() => {
  // Inside the repo (git-ignored .local), so the bundle's external react resolves from node_modules.
  mkdirSync(join(repoRoot, '.local'), { recursive: true });
  outDir = mkdtempSync(join(repoRoot, '.local', 'preview-harness-'));
  const options = {
    absWorkingDir: repoRoot,
    entryPoints: [join(__dirname, 'testing', 'render-harness.tsx')],
    outfile: join(outDir, 'harness.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    jsx: 'automatic',
    logLevel: 'error',
    loader: { '.css': 'empty', '.svg': 'dataurl', '.png': 'dataurl' },
    // One React for the harness, react-test-renderer and this test: the app's elements must be the same kind.
    external: ['react', 'react-dom', 'react-test-renderer', 'scheduler'],
    alias: atlaskitTokensAlias(repoRoot),
  };
  // esbuild runs in a plain Node process: its JS API refuses jsdom's Uint8Array.
  execFileSync(
    process.execPath,
    ['-e', "require('esbuild').buildSync(JSON.parse(process.argv[1]))", JSON.stringify(options)],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  // react-dom/server needs these; jsdom does not provide them.
  Object.assign(globalThis, { TextEncoder, TextDecoder });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle only exists at run time
  harness = require(join(outDir, 'harness.js')) as Harness;
}, 120_000);

/** Warnings Atlaskit always prints outside a real product page; anything else still reaches the console. */
const KNOWN_NOISE = [
  'useLayoutEffect does nothing on the server',
  'Detected multiple renderers concurrently rendering the same context provider',
  'An error has occurred checking the feature gate',
];

beforeEach(() => {
  for (const level of ['warn', 'error'] as const) {
    const original = console[level].bind(console);
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const text = args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? ''))).join(' ');
      if (!KNOWN_NOISE.some((noise) => text.includes(noise))) original(...args);
    });
  }
});

afterEach(() => jest.restoreAllMocks());

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let seq = 0;
/** A forgeDoc node as the reconciler makes it; string children become String nodes. */
function n(
  type: string,
  props: Record<string, unknown> = {},
  ...children: Array<ForgeDoc | string>
): ForgeDoc {
  return {
    type,
    key: `k${seq++}`,
    props,
    children: children.map((c) =>
      typeof c === 'string' ? { type: 'String', key: `k${seq++}`, props: { text: c }, children: [] } : c,
    ),
  };
}

/** The first (outermost) instance of an Atlaskit component; some (Stack, Text) nest copies of themselves. */
function only(tree: { root: ReactTestInstance }, type: unknown): ReactTestInstance {
  // react-test-renderer reports a React.memo component (Badge) by its inner function.
  const inner = (type as { type?: unknown }).type;
  const found = tree.root.findAll((i) => i.type === type || (inner !== undefined && i.type === inner));
  if (!found[0]) {
    const boxes = tree.root
      .findAllByProps({ 'data-testid': 'preview-unsupported' })
      .map((b) => JSON.stringify(b.children));
    const name =
      Object.entries(harness.atlaskit).find(([, component]) => component === type)?.[0] ?? 'component';
    throw new Error(`no Atlaskit ${name} rendered; error boxes: ${boxes.join(' | ') || 'none'}`);
  }
  return found[0];
}

/** Calls a function prop the adapter handed to an Atlaskit component, as Atlaskit would. */
function call(instance: ReactTestInstance, name: string, ...args: unknown[]): unknown {
  const handler = (instance.props as Record<string, unknown>)[name];
  if (typeof handler !== 'function') throw new Error(`${name} is not a function prop`);
  return (handler as (...a: unknown[]) => unknown)(...args);
}

describe('forgeDoc → Atlaskit', () => {
  it('renders each documented UI Kit component with its Atlaskit counterpart and props', () => {
    const { atlaskit } = harness;
    const tree = harness.renderTree(
      harness.root([
        n(
          'Stack',
          { space: 'space.200' },
          n('Heading', { size: 'large' }, 'Rules'),
          n('Text', {}, 'Hello'),
          n(
            'Inline',
            { space: 'space.100' },
            n('Button', { appearance: 'primary', isDisabled: true }, 'Save'),
            n('Lozenge', { appearance: 'success' }, 'on'),
            n('Badge', { appearance: 'primary' }, '7'),
            n('Spinner', { size: 'small' }),
          ),
          n('SectionMessage', { appearance: 'warning', title: 'Careful' }, n('Text', {}, 'body')),
          n('ProgressBar', { value: 0.4 }),
          n('Textfield', { id: 'forge-app-x-name', placeholder: 'Name' }),
          n('TextArea', { defaultValue: 'abc' }),
          n('Toggle', { isChecked: true, label: 'Enabled' }),
          n('Select', { options: [{ label: 'Okta', value: 'okta' }] }),
          n('CodeBlock', { text: 'a == b', language: 'text' }),
          n('EmptyState', { header: 'Nothing yet' }),
        ),
      ]),
    );
    expect(only(tree, atlaskit.Stack).props.space).toBe('space.200');
    expect(only(tree, atlaskit.Heading).props.size).toBe('large');
    expect(only(tree, atlaskit.Button).props).toMatchObject({ appearance: 'primary', isDisabled: true });
    expect(only(tree, atlaskit.Lozenge).props.appearance).toBe('success');
    // Numeric badge text goes to Badge as a number, so its `max` formatting applies.
    expect(only(tree, atlaskit.Badge).props.children).toBe(7);
    expect(only(tree, atlaskit.Spinner).props.size).toBe('small');
    expect(only(tree, atlaskit.SectionMessage).props).toMatchObject({
      appearance: 'warning',
      title: 'Careful',
    });
    expect(only(tree, atlaskit.ProgressBar).props.value).toBe(0.4);
    expect(only(tree, atlaskit.Textfield).props).toMatchObject({
      id: 'forge-app-x-name',
      placeholder: 'Name',
    });
    expect(only(tree, atlaskit.TextArea).props.defaultValue).toBe('abc');
    expect(only(tree, atlaskit.Toggle).props).toMatchObject({ isChecked: true, label: 'Enabled' });
    expect(only(tree, atlaskit.Select).props.options).toEqual([{ label: 'Okta', value: 'okta' }]);
    expect(only(tree, atlaskit.CodeBlock).props).toMatchObject({ text: 'a == b', language: 'text' });
    expect(only(tree, atlaskit.EmptyState).props.header).toBe('Nothing yet');
    expect(tree.root.findAllByProps({ 'data-testid': 'preview-unsupported' })).toHaveLength(0);
  });

  it('hands the app serialisable events, never DOM events, and calls its functions directly', () => {
    const { atlaskit } = harness;
    const clicks: unknown[] = [];
    const changes: unknown[] = [];
    const toggles: unknown[] = [];
    const selections: unknown[] = [];
    const tree = harness.renderTree(
      harness.root([
        n('Button', { onClick: (e: unknown) => clicks.push(e) }, 'Go'),
        n('Textfield', { onChange: (e: unknown) => changes.push(e) }),
        n('Toggle', { onChange: (e: unknown) => toggles.push(e) }),
        n('Select', { options: [{ label: 'A', value: 'a' }], onChange: (v: unknown) => selections.push(v) }),
      ]),
    );
    const domLike = (extra: Record<string, unknown>): Record<string, unknown> => ({
      bubbles: true,
      cancelable: true,
      defaultPrevented: false,
      eventPhase: 3,
      isTrusted: true,
      timeStamp: 12,
      ...extra,
    });
    harness.act(() => {
      call(
        only(tree, atlaskit.Button),
        'onClick',
        domLike({ type: 'click', target: { tagName: 'BUTTON', type: 'button' } }),
      );
      const input = { value: 'Sales', type: 'text', tagName: 'INPUT', id: 'f1' };
      call(
        only(tree, atlaskit.Textfield),
        'onChange',
        domLike({ type: 'change', target: input, currentTarget: input }),
      );
      call(
        only(tree, atlaskit.Toggle),
        'onChange',
        domLike({
          type: 'change',
          target: { checked: true, type: 'checkbox', tagName: 'INPUT', value: 'on' },
        }),
      );
      call(only(tree, atlaskit.Select), 'onChange', { label: 'A', value: 'a' });
    });
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({
      type: 'click',
      isTrusted: true,
      target: { tagName: 'BUTTON', type: 'button' },
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'change', target: { value: 'Sales', id: 'f1' } });
    expect(toggles).toHaveLength(1);
    expect(toggles[0]).toMatchObject({ target: { checked: true } });
    expect(selections).toEqual([{ label: 'A', value: 'a' }]);
    // What the app receives must survive a trip through a message channel, as on Atlassian's host.
    for (const event of [...clicks, ...changes, ...toggles])
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('renders Tabs as Atlaskit Tabs and reports the selected index', () => {
    const { atlaskit } = harness;
    const selected: unknown[] = [];
    const tree = harness.renderTree(
      harness.root([
        n(
          'Tabs',
          { id: 'admin-tabs', onChange: (i: unknown) => selected.push(i) },
          n('TabList', {}, n('Tab', {}, 'Rules'), n('Tab', {}, 'Audit')),
          n('TabPanel', {}, n('Text', {}, 'rules panel')),
          n('TabPanel', {}, n('Text', {}, 'audit panel')),
        ),
      ]),
    );
    expect(only(tree, atlaskit.Tabs).props.id).toBe('admin-tabs');
    expect(tree.root.findAll((i) => i.type === atlaskit.Tab)).toHaveLength(2);
    harness.act(() => {
      call(only(tree, atlaskit.Tabs), 'onChange', 1);
    });
    expect(selected).toEqual([1]);
  });

  it('rebuilds DynamicTable head and rows from the forgeDoc @forge/react itself produces', async () => {
    // @forge/react's reconciler sends every commit through window.__bridge; capture the forgeDoc it sends.
    let doc: ForgeDoc | undefined;
    (globalThis as { __bridge?: unknown }).__bridge = {
      callBridge: (cmd: string, data: { forgeDoc: ForgeDoc }) => {
        if (cmd === 'reconcile') doc = data.forgeDoc;
        return Promise.resolve();
      },
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after __bridge exists
    const forge = require('@forge/react') as typeof ForgeReact;
    const setPage: number[] = [];
    forge.default.render(
      createElement(forge.DynamicTable, {
        head: {
          cells: [
            { key: 'name', content: 'Name', isSortable: true },
            { key: 'grants', content: 'Grants' },
          ],
        },
        rows: [
          {
            key: 'r1',
            cells: [
              { key: 'b', content: 'Beta rule' },
              { key: 'g1', content: createElement(forge.Lozenge, {}, 'jira-sales') },
            ],
          },
          {
            key: 'r2',
            cells: [
              { key: 'a', content: 'Alpha rule' },
              { key: 'g2', content: 'none' },
            ],
          },
        ],
        rowsPerPage: 10,
        onSetPage: (p: number) => setPage.push(p),
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    if (!doc) throw new Error('the reconciler sent no forgeDoc');
    const tree = harness.renderTree(doc);
    const table = only(tree, harness.atlaskit.DynamicTable).props as {
      head: { cells: Array<{ key: string; isSortable?: boolean }> };
      rows: Array<{ key: string; cells: Array<{ key: string }> }>;
      rowsPerPage: number;
      onSetPage: (p: number) => void;
    };
    expect(table.head.cells.map((c) => c.key)).toEqual(['name', 'grants']);
    expect(table.head.cells[0]?.isSortable).toBe(true);
    expect(table.rows.map((r) => r.key)).toEqual(['r1', 'r2']);
    expect(table.rows[0]?.cells.map((c) => c.key)).toEqual(['b', 'g1']);
    expect(table.rowsPerPage).toBe(10);
    // Cell content (a Lozenge inside a cell) is rendered through the same adapters.
    expect(tree.root.findAllByType(harness.atlaskit.Lozenge as ComponentType)).toHaveLength(1);
    harness.act(() => table.onSetPage(2));
    expect(setPage).toEqual([2]);
    const markup = harness.renderMarkup(doc);
    expect(markup).toContain('<table');
    expect(markup).toContain('Alpha rule');
  });

  it('shows an unknown component as a visible red box, never silently', () => {
    const markup = harness.renderMarkup(
      harness.root([n('FancyWidget', {}, 'x'), n('Text', {}, 'still here')]),
    );
    expect(markup).toContain('unsupported component FancyWidget');
    expect(markup).toContain('data-forge-type="FancyWidget"');
    expect(markup).toContain('still here');
  });

  it('contains an adapter that throws to its own node', () => {
    // React reports the caught error on the console; this test expects exactly that.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const registry = {
      ...harness.UI_KIT_ADAPTERS,
      Boom: (): never => {
        throw new Error('kaboom');
      },
    };
    const tree = harness.renderTree(harness.root([n('Boom'), n('Text', {}, 'sibling')]), { registry });
    const text = JSON.stringify(tree.toJSON());
    expect(text).toContain('render error: kaboom');
    expect(text).toContain('sibling');
  });

  it('renders React elements held in props (SectionMessage actions) through the adapters', () => {
    const onRetry = jest.fn();
    const doc = harness.root([
      n(
        'SectionMessage',
        {
          title: 'Failed',
          actions: [createElement('SectionMessageAction', { onClick: onRetry, key: 'r' }, 'Retry')],
        },
        n('Text', {}, 'The write path failed.'),
      ),
    ]);
    expect(harness.renderMarkup(doc)).toContain('Retry');
  });

  it('draws charts as SVG from either data format', () => {
    const markup = harness.renderMarkup(
      harness.root([
        n('BarChart', {
          data: [
            ['W1', 3],
            ['W2', 5],
          ],
          xAccessor: 0,
          yAccessor: 1,
          title: 'Seats',
        }),
        n('DonutChart', {
          data: [
            { p: 'Jira', n: 2 },
            { p: 'Confluence', n: 1 },
          ],
          colorAccessor: 'p',
          valueAccessor: 'n',
          labelAccessor: 'p',
        }),
      ]),
    );
    expect(markup.match(/<svg/g)).toHaveLength(2);
    expect(markup.match(/<rect/g)).toHaveLength(2);
    expect(markup.match(/<path/g)).toHaveLength(2);
    expect(markup).toContain('Seats');
  });
});
