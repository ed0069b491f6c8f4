// Status and feedback components: Lozenge, Badge, Spinner, ProgressBar, ProgressTracker, SectionMessage,
// EmptyState, Tooltip, Tag and TagGroup.
import type { ComponentProps, ReactElement, ReactNode } from 'react';
import Badge from '@atlaskit/badge';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import { ProgressTracker } from '@atlaskit/progress-tracker';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { RemovableTag, SimpleTag } from '@atlaskit/tag';
import TagGroup from '@atlaskit/tag-group';
import Tooltip from '@atlaskit/tooltip';
import { bool, elementToForgeDoc, fn, pick, str, textOf, type ForgeDoc } from '../forge-doc';
import { callApp, forwardEvent } from '../events';
import { ElementProp, renderChildren } from '../render-forge-doc';

export function LozengeAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, ['appearance', 'isBold', 'maxWidth', 'testId']);
  return <Lozenge {...props}>{renderChildren(node)}</Lozenge>;
}

export function BadgeAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<ComponentProps<typeof Badge>>(node.props, ['appearance', 'max', 'testId']);
  // Badge formats numbers itself (max, "99+"), so numeric text goes in as a number.
  const text = textOf(node.children);
  const value = text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  return <Badge {...props}>{value}</Badge>;
}

export function SpinnerAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, ['appearance', 'delay', 'label', 'size', 'testId']);
  return <Spinner {...props} />;
}

export function ProgressBarAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, ['appearance', 'ariaLabel', 'isIndeterminate', 'testId', 'value']);
  return <ProgressBar {...props} />;
}

export function ProgressTrackerAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const items = Array.isArray(node.props.items) ? (node.props.items as Array<Record<string, unknown>>) : [];
  const stages = items.map((item) => {
    const onClick = fn(item, 'onClick');
    return {
      id: str(item, 'id') ?? '',
      label: str(item, 'label') ?? '',
      percentageComplete: typeof item.percentageComplete === 'number' ? item.percentageComplete : 0,
      status: (str(item, 'status') ?? 'unvisited') as 'unvisited',
      ...(onClick ? { onClick: () => callApp(onClick) } : {}),
    };
  });
  const props = pick(node.props, ['label', 'testId', 'animated', 'spacing']);
  return <ProgressTracker {...(props as Partial<ComponentProps<typeof ProgressTracker>>)} items={stages} />;
}

function sectionActions(value: unknown): ReactElement[] | undefined {
  const nodes = elementToForgeDoc(value);
  if (nodes.length === 0) return undefined;
  return nodes.map((action) => {
    const href = str(action.props, 'href');
    return (
      <SectionMessageAction
        key={action.key}
        {...(href ? { href } : {})}
        {...(fn(action.props, 'onClick') ? { onClick: forwardEvent(fn(action.props, 'onClick')) } : {})}
      >
        {textOf(action.children)}
      </SectionMessageAction>
    );
  });
}

export function SectionMessageAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<{ appearance?: ComponentProps<typeof SectionMessage>['appearance']; title?: string }>(
    node.props,
    ['appearance', 'title', 'testId'],
  );
  const actions = sectionActions(node.props.actions);
  return (
    <SectionMessage {...props} {...(actions ? { actions } : {})}>
      {renderChildren(node) ?? null}
    </SectionMessage>
  );
}

export function SectionMessageActionAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const href = str(node.props, 'href');
  return (
    <SectionMessageAction {...(href ? { href } : {})} onClick={forwardEvent(fn(node.props, 'onClick'))}>
      {renderChildren(node)}
    </SectionMessageAction>
  );
}

export function EmptyStateAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const element = (name: string): Record<string, ReactNode> =>
    p[name] !== undefined ? { [name]: <ElementProp value={p[name]} /> } : {};
  return (
    <EmptyState
      {...pick<Partial<ComponentProps<typeof EmptyState>>>(p, [
        'buttonGroupLabel',
        'headingLevel',
        'isLoading',
        'width',
        'testId',
      ])}
      header={str(p, 'header') ?? ''}
      {...element('description')}
      {...element('primaryAction')}
      {...element('secondaryAction')}
      {...element('tertiaryAction')}
    />
  );
}

export function TooltipAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const content = node.props.content;
  const props = pick(node.props, ['position', 'mousePosition', 'truncate', 'testId', 'delay']);
  return (
    <Tooltip
      {...(props as Partial<ComponentProps<typeof Tooltip>>)}
      content={typeof content === 'string' ? content : <ElementProp value={content} />}
    >
      {(trigger) => <span {...trigger}>{renderChildren(node)}</span>}
    </Tooltip>
  );
}

export function TagAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const p = node.props;
  const common = pick<ComponentProps<typeof SimpleTag>>(p, ['text', 'appearance', 'color', 'href', 'testId']);
  const elemBefore = p.elemBefore !== undefined ? { elemBefore: <ElementProp value={p.elemBefore} /> } : {};
  if (bool(p, 'isRemovable') === false) return <SimpleTag {...common} {...elemBefore} />;
  const before = fn(p, 'onBeforeRemoveAction');
  const after = fn(p, 'onAfterRemoveAction');
  return (
    <RemovableTag
      {...common}
      {...elemBefore}
      {...pick(p, ['removeButtonLabel'])}
      // The app's callback runs in its own runtime on Atlassian's host, so only a literal `false` blocks removal.
      onBeforeRemoveAction={() => (before ? before() !== false : true)}
      onAfterRemoveAction={(text: string) => callApp(after, text)}
    />
  );
}

export function TagGroupAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<Partial<ComponentProps<typeof TagGroup>>>(node.props, ['alignment']);
  return <TagGroup {...props}>{renderChildren(node)}</TagGroup>;
}
