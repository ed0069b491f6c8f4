// A rule's evaluation for one user as a readable tree: each part, whether it held, and the value it saw.
import { Code, Inline, List, ListItem, Lozenge, Stack, Text } from '@forge/react';
import type { TraceNode } from '../../domain/rules';
import { formatValue } from '../common/format';
import { traceTree, type TraceBranch } from './trace-tree';

const KIND_LABEL: Record<TraceNode['kind'], string> = {
  and: 'all of',
  or: 'any of',
  not: 'not',
  compare: '',
  any: 'some value',
  all: 'every value',
};

function Step({ branch }: { branch: TraceBranch }) {
  const { node } = branch;
  return (
    <ListItem>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={node.result ? 'success' : 'removed'}>{node.result ? 'true' : 'false'}</Lozenge>
          {KIND_LABEL[node.kind] ? <Text weight="medium">{KIND_LABEL[node.kind]}</Text> : null}
          <Code>{node.text}</Code>
        </Inline>
        {node.attribute ? (
          <Text>
            {node.attribute} was {formatValue(node.actual)}
            {node.matchingValues && node.matchingValues.length > 0
              ? `; held for ${formatValue(node.matchingValues)}`
              : ''}
          </Text>
        ) : null}
        {node.note ? <Text as="em">{node.note}</Text> : null}
        {branch.children.length > 0 ? <Branches branches={branch.children} /> : null}
      </Stack>
    </ListItem>
  );
}

function Branches({ branches }: { branches: TraceBranch[] }) {
  return (
    <List type="unordered">
      {branches.map((b, index) => (
        <Step key={`${index}:${b.node.text}`} branch={b} />
      ))}
    </List>
  );
}

export function TraceView({ trace }: { trace: readonly TraceNode[] }) {
  return (
    <Stack space="space.050" testId="rule-trace">
      <Branches branches={traceTree(trace)} />
    </Stack>
  );
}
