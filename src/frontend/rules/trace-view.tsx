// A rule's evaluation for one user as a readable tree: each part, whether it held, and the value it saw.
import { Code, Inline, List, ListItem, Lozenge, Stack, Text } from '@forge/react';
import type { TraceNode } from '../../domain/rules';
import type { TextKey } from '../../shared/i18n/text';
import { formatValue } from '../common/format';
import { useText } from '../i18n/text-provider';
import { traceTree, type TraceBranch } from './trace-tree';

const KIND_LABEL: Record<TraceNode['kind'], TextKey | null> = {
  and: 'rules.trace.and',
  or: 'rules.trace.or',
  not: 'rules.trace.not',
  compare: null,
  any: 'rules.trace.any',
  all: 'rules.trace.all',
};

/** A step's note comes worded by the rules engine, and is shown as it wrote it. */
function Step({ branch }: { branch: TraceBranch }) {
  const text = useText();
  const { node } = branch;
  const kind = KIND_LABEL[node.kind];
  return (
    <ListItem>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={node.result ? 'success' : 'removed'}>
            {text.t(node.result ? 'rules.trace.true' : 'rules.trace.false')}
          </Lozenge>
          {kind ? <Text weight="medium">{text.t(kind)}</Text> : null}
          <Code>{node.text}</Code>
        </Inline>
        {node.attribute ? (
          <Text>
            {node.matchingValues && node.matchingValues.length > 0
              ? text.t('rules.trace.wasHeldFor', {
                  attribute: node.attribute,
                  value: formatValue(node.actual),
                  matching: formatValue(node.matchingValues),
                })
              : text.t('rules.trace.was', { attribute: node.attribute, value: formatValue(node.actual) })}
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
