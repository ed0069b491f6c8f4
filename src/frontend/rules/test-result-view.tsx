// The answer to "Test on a user": where their attributes came from, what they are, the trace, the plan.
import { DynamicTable, Heading, Inline, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { SourceReportView, TestOnUserView } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { formatValue } from '../common/format';
import { useText } from '../i18n/text-provider';
import { PlanView } from './plan-view';
import { TraceView } from './trace-view';

const SOURCE_APPEARANCE = {
  ok: 'success',
  'not-found': 'default',
  disabled: 'default',
  unavailable: 'moved',
  failed: 'removed',
} as const;

const SOURCE_LABEL: Record<SourceReportView['source'], TextKey> = {
  jira: 'rules.result.sourceJira',
  email: 'rules.result.sourceEmail',
  scim: 'rules.result.sourceScim',
  'org-directory': 'rules.result.sourceOrgDirectory',
  pushed: 'rules.result.sourcePushed',
};

const STATUS_LABEL: Record<SourceReportView['status'], TextKey> = {
  ok: 'rules.result.statusOk',
  'not-found': 'rules.result.statusNotFound',
  disabled: 'rules.result.statusDisabled',
  unavailable: 'rules.result.statusUnavailable',
  failed: 'rules.result.statusFailed',
};

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

/** Source messages and the trace's notes come worded by the backend: they are shown as it wrote them. */
export function TestResultView({ result }: { result: TestOnUserView }) {
  const text = useText();
  const evaluated = result.evaluated;
  return (
    <Stack space="space.200" testId="rule-test-result">
      {evaluated ? (
        <SectionMessage
          appearance={evaluated.matched ? 'success' : 'information'}
          title={text.t(evaluated.matched ? 'rules.result.matches' : 'rules.result.doesNotMatch', {
            rule: evaluated.ruleName,
          })}
        >
          <Text>
            {text.t(evaluated.from === 'draft' ? 'rules.result.tracedDraft' : 'rules.result.tracedSaved')}
          </Text>
          {evaluated.enabled ? null : <Text>{text.t('rules.result.disabled')}</Text>}
        </SectionMessage>
      ) : null}
      <Heading size="small">{text.t('rules.result.sources')}</Heading>
      <Inline space="space.100" shouldWrap>
        {result.sources.map((s) => (
          <Lozenge key={s.source} appearance={SOURCE_APPEARANCE[s.status]}>
            {text.t('rules.result.sourceStatus', {
              source: text.t(SOURCE_LABEL[s.source]),
              status: text.t(STATUS_LABEL[s.status]),
            })}
          </Lozenge>
        ))}
      </Inline>
      {result.sources
        .filter((s) => s.status === 'failed' || s.status === 'unavailable')
        .map((s) => (
          <Text key={s.source}>
            {text.t('rules.result.sourceMessage', {
              source: text.t(SOURCE_LABEL[s.source]),
              message: s.message,
            })}
          </Text>
        ))}
      <Heading size="small">{text.t('rules.result.gathered')}</Heading>
      <DynamicTable
        head={{
          cells: [
            { key: 'name', content: text.t('rules.result.columnAttribute') },
            { key: 'value', content: text.t('rules.result.columnValue') },
          ],
        }}
        rows={attributeRows(result.attributes)}
      />
      {evaluated ? (
        <>
          <Heading size="small">{text.t('rules.result.trace')}</Heading>
          <TraceView trace={evaluated.trace} />
        </>
      ) : null}
      <Heading size="small">{text.t('rules.result.plan')}</Heading>
      <PlanView plan={result.plan} />
    </Stack>
  );
}
