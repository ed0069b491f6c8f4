// What the identity provider says now about one item's user, read when the reviewer asks (a few calls to
// Atlassian): the attributes the rule reads, which changed since the grant, whether the rule still matches.
import { Button, Heading, SectionMessage, Stack, Text } from '@forge/react';
import type { ReviewItemRowView } from '../../shared/contract';
import type { Text as Words, TextKey } from '../../shared/i18n/text';
import { Loading } from '../common/loading';
import { useText } from '../i18n/text-provider';
import { useReviewer } from './call-reviewer';
import { ReviewerError } from './reviewer-error';

function yesNo(text: Words, v: boolean | null, unknown: TextKey): string {
  return text.t(v === null ? unknown : v ? 'reviewer.evidence.yes' : 'reviewer.evidence.no');
}

export function EvidencePanel({ item, onClose }: { item: ReviewItemRowView; onClose: () => void }) {
  const text = useText();
  const evidence = useReviewer('reviewer.evidence', { itemId: item.id });
  const body =
    evidence.state.value === undefined ? (
      evidence.state.status === 'error' ? (
        <ReviewerError
          error={evidence.state.error}
          title={text.t('reviewer.evidence.failed')}
          onRetry={evidence.reload}
        />
      ) : (
        <Loading what="identityProviderNow" />
      )
    ) : (
      <Stack space="space.050">
        {Object.entries(evidence.state.value.attributes).map(([name, value]) => (
          <Text key={name}>
            {text.t('reviewer.evidence.attribute', {
              name,
              value:
                value === null
                  ? text.t('reviewer.evidence.none')
                  : Array.isArray(value)
                    ? text.list(value)
                    : value,
            })}
          </Text>
        ))}
        {evidence.state.value.changedSinceGrant.length ? (
          <SectionMessage appearance="warning" title={text.t('reviewer.evidence.changedSinceGrant')}>
            <Text>{text.list(evidence.state.value.changedSinceGrant)}</Text>
          </SectionMessage>
        ) : null}
        <Text>
          {text.t('reviewer.evidence.ruleStillMatches', {
            answer: yesNo(text, evidence.state.value.ruleStillMatches, 'reviewer.evidence.notApplicable'),
          })}
        </Text>
        <Text>
          {text.t('reviewer.evidence.stillHeld', {
            answer: yesNo(text, evidence.state.value.stillHeld, 'reviewer.evidence.unknown'),
          })}
        </Text>
        <Text>{text.t('reviewer.evidence.readAt', { when: text.when(evidence.state.value.readAt) })}</Text>
      </Stack>
    );
  return (
    <Stack space="space.100" testId="reviewer-evidence">
      <Heading size="small">{text.t('reviewer.evidence.heading')}</Heading>
      {body}
      <Button appearance="subtle" onClick={onClose}>
        {text.t('reviewer.evidence.close')}
      </Button>
    </Stack>
  );
}
