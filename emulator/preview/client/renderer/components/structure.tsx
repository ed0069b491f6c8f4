// Page structure: Tabs, DynamicTable (rebuilt from the Cell/Row nodes @forge/react emits), Pagination, Modal.
import type { ComponentProps, ReactNode } from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import Pagination from '@atlaskit/pagination';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { childrenNamed, fn, pick, str, type ForgeDoc } from '../forge-doc';
import { callApp, serialiseEvent } from '../events';
import { ElementProp, renderChildren } from '../render-forge-doc';

type DynamicTableProps = ComponentProps<typeof DynamicTable>;

export function TabsAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const onChange = fn(node.props, 'onChange');
  const props = pick(node.props, ['defaultSelected', 'selected', 'shouldUnmountTabPanelOnChange', 'testId']);
  return (
    <Tabs
      id={str(node.props, 'id') ?? `tabs-${node.key}`}
      {...(props as Partial<ComponentProps<typeof Tabs>>)}
      onChange={(index: number) => callApp(onChange, index)}
    >
      {renderChildren(node)}
    </Tabs>
  );
}

export const TabListAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <TabList>{renderChildren(node)}</TabList>
);

export function TabAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <Tab {...pick(node.props, ['testId'])}>{renderChildren(node)}</Tab>;
}

export function TabPanelAdapter({ node }: { node: ForgeDoc }): ReactNode {
  // Atlaskit's TabPanel adds no padding; UI Kit pages rely on the panel starting below the tab bar.
  return (
    <TabPanel {...pick(node.props, ['testId'])}>
      <div style={{ paddingTop: 8, width: '100%' }}>{renderChildren(node)}</div>
    </TabPanel>
  );
}

function cellOf(cell: ForgeDoc): Record<string, unknown> {
  const { cellKey, ...rest } = cell.props;
  return { ...rest, key: cellKey, content: renderChildren(cell) };
}

/**
 * @forge/react turns `head` and `rows` into Cell and Row nodes under two ContentWrappers (so cell content is
 * reconciled); the host turns them back into the props Atlaskit's DynamicTable takes.
 */
export function DynamicTableAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const headCells = childrenNamed(node, 'head');
  const rowNodes = childrenNamed(node, 'rows');
  const head = headCells.length > 0 ? { cells: headCells.map(cellOf) } : undefined;
  const rows = rowNodes.map((row) => {
    const { rowKey, ...rest } = row.props;
    return { ...rest, key: rowKey, cells: row.children.map(cellOf) };
  });
  const onSetPage = fn(p, 'onSetPage');
  const props = pick(p, [
    'defaultPage',
    'defaultSortKey',
    'defaultSortOrder',
    'highlightedRowIndex',
    'isFixedSize',
    'isLoading',
    'isRankable',
    'label',
    'loadingSpinnerSize',
    'page',
    'paginationi18n',
    'rowsPerPage',
    'sortKey',
    'sortOrder',
    'testId',
    'caption',
  ]);
  const rank = (name: string): Record<string, unknown> => {
    const callback = fn(p, name);
    return callback ? { [name]: (params: unknown) => callApp(callback, params) } : {};
  };
  return (
    <DynamicTable
      {...props}
      {...(head ? { head: head } : {})}
      rows={rows as DynamicTableProps['rows']}
      {...(p.emptyView !== undefined ? { emptyView: <ElementProp value={p.emptyView} /> } : {})}
      {...(onSetPage ? { onSetPage: (page: number) => callApp(onSetPage, page) } : {})}
      {...rank('onRankStart')}
      {...rank('onRankEnd')}
    />
  );
}

export function PaginationAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const onChange = fn(node.props, 'onChange');
  const props = pick(node.props, [
    'defaultSelectedIndex',
    'selectedIndex',
    'max',
    'label',
    'nextLabel',
    'previousLabel',
    'pageLabel',
    'testId',
  ]);
  const pages = Array.isArray(node.props.pages) ? (node.props.pages as unknown[]) : [];
  return (
    <Pagination
      {...(props as Partial<ComponentProps<typeof Pagination>>)}
      pages={pages}
      onChange={(event, page) => callApp(onChange, serialiseEvent(event), page)}
    />
  );
}

export function ModalAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const onClose = fn(node.props, 'onClose');
  const props = pick(node.props, [
    'autoFocus',
    'shouldScrollInViewport',
    'label',
    'testId',
    'width',
    'height',
  ]);
  return (
    <Modal {...props} onClose={(event) => callApp(onClose, serialiseEvent(event))}>
      {renderChildren(node)}
    </Modal>
  );
}

export const ModalTransitionAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <ModalTransition>{renderChildren(node)}</ModalTransition>
);

export function ModalHeaderAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <ModalHeader {...pick(node.props, ['testId'])}>{renderChildren(node)}</ModalHeader>;
}

export function ModalTitleAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, ['appearance', 'isMultiline', 'testId']);
  return <ModalTitle {...props}>{renderChildren(node)}</ModalTitle>;
}

export function ModalBodyAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <ModalBody {...pick(node.props, ['testId', 'hasInlinePadding'])}>{renderChildren(node)}</ModalBody>;
}

export function ModalFooterAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <ModalFooter {...pick(node.props, ['testId'])}>{renderChildren(node)}</ModalFooter>;
}

/** A ContentWrapper outside the parent that owns it (DynamicTable, Popup, InlineEdit) just shows its content. */
export const ContentWrapperAdapter = ({ node }: { node: ForgeDoc }): ReactNode => renderChildren(node);
