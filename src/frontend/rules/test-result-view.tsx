// The answer to "Test on a user": where their attributes came from, what they are, the trace, the plan.
import { DynamicTable, Heading, Inline, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { TestOnUserView } from '../../shared/contract';
import { formatValue } from '../common/format';
import { PlanView } from './plan-view';
import { TraceView } from './trace-view';

const SOURCE_APPEARANCE = {
  ok: 'success',
  'not-found': 'default',
  disabled: 'default',
  unavailable: 'moved',
  failed: 'removed',
} as const;

function attributeRows(attributes: TestOnUserView['attributes']) {
  const { custom, ...known } = attributes;
  const rows = Object.entries(known).map(([name, value]) => ({
    name: `user.${name}`,
    value: formatValue(value),
  }));
  for (const [name, value] of Object.entries(custom ?? {}))
    rows.push({ name: `user.custom.${name}`, value: formatValue(value) });
  return rows.map((r) => ({
    key: r.name,
    cells: [
      { key: 'name', content: r.name },
      { key: 'value', content: r.value },
    ],
  }));
}

export function TestResultView({ result }: { result: TestOnUserView }) {
  const evaluated = result.evaluated;
  return (
    <Stack space="space.200" testId="rule-test-result">
      {evaluated ? (
        <SectionMessage
          appearance={evaluated.matched ? 'success' : 'information'}
          title={`${evaluated.ruleName} ${evaluated.matched ? 'matches' : 'does not match'} this user`}
        >
          <Text>
            {evaluated.from === 'draft'
              ? 'Traced the rule as it stands in the editor.'
              : 'Traced the saved rule.'}
            {evaluated.enabled ? '' : ' The rule is disabled, so it grants nothing until enabled.'}
          </Text>
        </SectionMessage>
      ) : null}
      <Heading size="small">Attribute sources</Heading>
      <Inline space="space.100" shouldWrap>
        {result.sources.map((s) => (
          <Lozenge key={s.source} appearance={SOURCE_APPEARANCE[s.status]}>
            {`${s.source}: ${s.status}`}
          </Lozenge>
        ))}
      </Inline>
      {result.sources
        .filter((s) => s.status === 'failed' || s.status === 'unavailable')
        .map((s) => (
          <Text key={s.source}>
            {s.source}: {s.message}
          </Text>
        ))}
      <Heading size="small">Gathered attributes</Heading>
      <DynamicTable
        head={{
          cells: [
            { key: 'name', content: 'Attribute' },
            { key: 'value', content: 'Value' },
          ],
        }}
        rows={attributeRows(result.attributes)}
      />
      {evaluated ? (
        <>
          <Heading size="small">Rule trace</Heading>
          <TraceView trace={evaluated.trace} />
        </>
      ) : null}
      <Heading size="small">Plan</Heading>
      <PlanView plan={result.plan} />
    </Stack>
  );
}
