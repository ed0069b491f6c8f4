// Text-level UI Kit components: Text, Heading, Link, lists, inline code and code blocks, images.
import type { ComponentProps, ReactNode } from 'react';
import { Code, CodeBlock } from '@atlaskit/code';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import { Text } from '@atlaskit/primitives/compiled';
import { bool, num, pick, str, type ForgeDoc } from '../forge-doc';
import { renderChildren } from '../render-forge-doc';

type TextProps = ComponentProps<typeof Text>;
type HeadingProps = ComponentProps<typeof Heading>;

export function TextAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const as = str(node.props, 'as');
  const props = pick<TextProps>(node.props, ['align', 'color', 'maxLines', 'size', 'weight', 'testId']);
  // Atlaskit's Text renders only span/p/strong/em; UI Kit adds 'strike', drawn as <s> inside a span.
  if (as === 'strike')
    return (
      <Text {...props} as="span">
        <s>{renderChildren(node)}</s>
      </Text>
    );
  const element = as === 'p' || as === 'strong' || as === 'em' || as === 'span' ? as : 'p';
  return (
    <Text {...props} as={element}>
      {renderChildren(node)}
    </Text>
  );
}

export function HeadingAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<Partial<HeadingProps>>(node.props, ['size', 'as', 'color', 'id', 'testId']);
  return (
    <Heading size="medium" {...props}>
      {renderChildren(node)}
    </Heading>
  );
}

/** UI Kit 1 inline marks, still exported (deprecated) by @forge/react 12. */
export const StrongAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <strong>{renderChildren(node)}</strong>
);
export const EmAdapter = ({ node }: { node: ForgeDoc }): ReactNode => <em>{renderChildren(node)}</em>;
export const StrikeAdapter = ({ node }: { node: ForgeDoc }): ReactNode => <s>{renderChildren(node)}</s>;

export function LinkAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const newTab = bool(node.props, 'openNewTab') === true;
  return (
    <Link href={str(node.props, 'href') ?? '#'} {...(newTab ? { target: '_blank' } : {})}>
      {renderChildren(node)}
    </Link>
  );
}

export function ListAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return str(node.props, 'type') === 'ordered' ? (
    <ol>{renderChildren(node)}</ol>
  ) : (
    <ul>{renderChildren(node)}</ul>
  );
}

export const ListItemAdapter = ({ node }: { node: ForgeDoc }): ReactNode => <li>{renderChildren(node)}</li>;

export function CodeAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <Code {...pick(node.props, ['testId'])}>{renderChildren(node)}</Code>;
}

export function CodeBlockAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const props = pick<Partial<ComponentProps<typeof CodeBlock>>>(node.props, [
    'language',
    'showLineNumbers',
    'highlight',
    'highlightedStartText',
    'highlightedEndText',
    'shouldWrapLongLines',
    'testId',
  ]);
  return <CodeBlock {...props} text={str(node.props, 'text') ?? ''} />;
}

const IMAGE_SIZES: Readonly<Record<string, number>> = {
  xsmall: 48,
  small: 96,
  medium: 192,
  large: 384,
  xlarge: 768,
};

export function ImageAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const size = IMAGE_SIZES[str(node.props, 'size') ?? ''];
  const width = num(node.props, 'width') ?? str(node.props, 'width') ?? size;
  const height = num(node.props, 'height') ?? str(node.props, 'height');
  return (
    <img
      src={str(node.props, 'src')}
      alt={str(node.props, 'alt') ?? ''}
      style={{ maxWidth: '100%', ...(width !== undefined ? { width } : {}), ...(height ? { height } : {}) }}
    />
  );
}
