// What the identity provider says now about one item's user, read when the reviewer asks (a few calls to
// Atlassian): the attributes the rule reads, which changed since the grant, whether the rule still matches.
import { Button, Heading, SectionMessage, Stack, Text } from '@forge/react';
import type { ReviewItemRowView } from '../../shared/contract';
import { formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { useReviewer } from './call-reviewer';
import { ReviewerError } from './reviewer-error';

const yesNo = (v: boolean | null, unknown: string) => (v === null ? unknown : v ? 'yes' : 'no');

export function EvidencePanel({ item, onClose }: { item: ReviewItemRowView; onClose: () => void }) {
  const evidence = useReviewer('reviewer.evidence', { itemId: item.id });
  const body =
    evidence.state.value === undefined ? (
      evidence.state.status === 'error' ? (
        <ReviewerError
          error={evidence.state.error}
          action="Reading the identity provider"
          onRetry={evidence.reload}
        />
      ) : (
        <Loading what="identityProviderNow" />
      )
    ) : (
      <Stack space="space.050">
        {Object.entries(evidence.state.value.attributes).map(([name, value]) => (
          <Text
            key={name}
          >{`${name}: ${value === null ? 'none' : Array.isArray(value) ? value.join(', ') : value}`}</Text>
        ))}
        {evidence.state.value.changedSinceGrant.length ? (
          <SectionMessage appearance="warning" title="Changed since the grant">
            <Text>{evidence.state.value.changedSinceGrant.join(', ')}</Text>
          </SectionMessage>
        ) : null}
        <Text>{`Rule still matches: ${yesNo(evidence.state.value.ruleStillMatches, 'not applicable')}`}</Text>
        <Text>{`Still holds it: ${yesNo(evidence.state.value.stillHeld, 'unknown')}`}</Text>
        <Text>{`Read ${formatWhen(evidence.state.value.readAt)}`}</Text>
      </Stack>
    );
  return (
    <Stack space="space.100" testId="reviewer-evidence">
      <Heading size="small">What the identity provider says now</Heading>
      {body}
      <Button appearance="subtle" onClick={onClose}>
        Close
      </Button>
    </Stack>
  );
}
