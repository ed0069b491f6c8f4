// Layout primitives: Stack, Inline and Box (@atlaskit/primitives), with Box's xcss resolved to token variables.
import type { ComponentProps, ReactNode } from 'react';
import { Box, Inline, Stack } from '@atlaskit/primitives/compiled';
import { pick, type ForgeDoc } from '../forge-doc';
import { renderChildren } from '../render-forge-doc';
import { xcssToStyle } from './tokens';

export function StackAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, ['alignBlock', 'alignInline', 'grow', 'space', 'spread', 'testId']);
  return <Stack {...(props as ComponentProps<typeof Stack>)}>{renderChildren(node)}</Stack>;
}

export function InlineAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, [
    'alignBlock',
    'alignInline',
    'spread',
    'grow',
    'space',
    'shouldWrap',
    'separator',
    'rowSpace',
    'testId',
  ]);
  return <Inline {...(props as ComponentProps<typeof Inline>)}>{renderChildren(node)}</Inline>;
}

export function BoxAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick(node.props, [
    'backgroundColor',
    'padding',
    'paddingBlock',
    'paddingBlockStart',
    'paddingBlockEnd',
    'paddingInline',
    'paddingInlineStart',
    'paddingInlineEnd',
    'role',
    'testId',
  ]);
  const style = xcssToStyle(node.props.xcss);
  // Compiled Box only takes build-time xcss; UI Kit's xcss is a runtime object, applied as a wrapper style.
  const box = <Box {...props}>{renderChildren(node)}</Box>;
  return style ? <div style={style}>{box}</div> : box;
}
