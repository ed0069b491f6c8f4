// Buttons as @atlaskit/forge-react-types maps them: Button and LinkButton → @atlaskit/button (new),
// LoadingButton → @atlaskit/button/loading-button (legacy, which keeps the link appearances), ButtonGroup.
import type { ComponentProps, ReactNode } from 'react';
import Button, { LinkButton } from '@atlaskit/button/new';
import ButtonGroup from '@atlaskit/button/button-group';
import LoadingButton from '@atlaskit/button/loading-button';
import { fn, pick, str, textOf, type ForgeDoc } from '../forge-doc';
import { forwardEvent } from '../events';
import { renderChildren } from '../render-forge-doc';
import { iconFor } from './icons';

type NewButtonProps = ComponentProps<typeof Button>;

const COMMON = ['autoFocus', 'isDisabled', 'isSelected', 'testId', 'shouldFitContainer'] as const;

function handlers(node: ForgeDoc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['onClick', 'onBlur', 'onFocus']) {
    const handler = forwardEvent(fn(node.props, name));
    if (handler) out[name] = handler;
  }
  return out;
}

/** New Button spacing is default|compact; UI Kit also accepts 'none', the tightest it has. */
function spacing(node: ForgeDoc): Partial<NewButtonProps> {
  const value = str(node.props, 'spacing');
  if (value === 'compact' || value === 'none') return { spacing: 'compact' };
  return {};
}

function icons(node: ForgeDoc): Partial<NewButtonProps> {
  const before = iconFor(str(node.props, 'iconBefore'));
  const after = iconFor(str(node.props, 'iconAfter'));
  return {
    ...(before ? { iconBefore: before as NewButtonProps['iconBefore'] } : {}),
    ...(after ? { iconAfter: after as NewButtonProps['iconAfter'] } : {}),
  };
}

export function ButtonAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<Partial<NewButtonProps>>(node.props, [...COMMON, 'appearance', 'type']);
  return (
    <Button {...props} {...spacing(node)} {...icons(node)} {...handlers(node)}>
      {renderChildren(node) ?? textOf(node.children)}
    </Button>
  );
}

export function LinkButtonAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<Partial<ComponentProps<typeof LinkButton>>>(node.props, [
    ...COMMON,
    'appearance',
    'target',
  ]);
  return (
    <LinkButton href={str(node.props, 'href') ?? '#'} {...props} {...handlers(node)}>
      {renderChildren(node)}
    </LinkButton>
  );
}

export function LoadingButtonAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, [...COMMON, 'appearance', 'spacing', 'type', 'isLoading']);
  return (
    <LoadingButton {...props} {...handlers(node)}>
      {renderChildren(node)}
    </LoadingButton>
  );
}

export function ButtonGroupAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<Partial<ComponentProps<typeof ButtonGroup>>>(node.props, ['testId', 'label', 'titleId']);
  return <ButtonGroup {...props}>{renderChildren(node)}</ButtonGroup>;
}
