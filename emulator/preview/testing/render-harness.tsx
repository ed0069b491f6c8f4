// Test-only entry bundled by esbuild for Node: renders forgeDocs through the preview's adapters (the exact code
// the browser runs) and exposes the Atlaskit components, so tests can check which one each node became.
import { act, create, type ReactTestRenderer } from 'react-test-renderer';
import { renderToStaticMarkup } from 'react-dom/server';
import Badge from '@atlaskit/badge';
import Button from '@atlaskit/button/new';
import { CodeBlock } from '@atlaskit/code';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import {
  ForgeDocView,
  UI_KIT_ADAPTERS,
  type AdapterRegistry,
  type ForgeDoc,
  type PreviewServices,
} from '../client/renderer';

export const atlaskit = {
  Badge,
  Button,
  CodeBlock,
  DynamicTable,
  EmptyState,
  Heading,
  Inline,
  Lozenge,
  ProgressBar,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Tab,
  TabList,
  TabPanel,
  Tabs,
  Text,
  TextArea,
  Textfield,
  Toggle,
};

/** The root forgeDoc the reconciler would send, around the given children. */
export function root(children: ForgeDoc[]): ForgeDoc {
  return { type: 'Root', key: 'root', props: {}, children };
}

export function renderTree(
  doc: ForgeDoc,
  options: { services?: PreviewServices; registry?: AdapterRegistry } = {},
): ReactTestRenderer {
  let renderer: ReactTestRenderer | undefined;
  const registry = options.registry ?? UI_KIT_ADAPTERS;
  act(() => {
    renderer = create(
      <ForgeDocView
        doc={doc}
        registry={registry}
        {...(options.services ? { services: options.services } : {})}
      />,
    );
  });
  if (!renderer) throw new Error('react-test-renderer did not render');
  return renderer;
}

export function renderMarkup(doc: ForgeDoc): string {
  return renderToStaticMarkup(<ForgeDocView doc={doc} registry={UI_KIT_ADAPTERS} />);
}

export { act, UI_KIT_ADAPTERS };
