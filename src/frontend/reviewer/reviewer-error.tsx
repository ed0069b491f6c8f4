// A failed call as a reviewer should read it (the admin page's wording speaks of admins).
import { Button, SectionMessage, Text } from '@forge/react';
import type { ReplyError } from '../../shared/contract';

export function ReviewerError({
  error,
  action,
  onRetry,
}: {
  error: ReplyError;
  action: string;
  onRetry?: () => void;
}) {
  return (
    <SectionMessage appearance={error.kind === 'invalid' ? 'warning' : 'error'} title={`${action} failed`}>
      <Text>{error.message}</Text>
      {(error.fields ?? []).map((f) => (
        <Text key={f.field}>{`${f.field}: ${f.message}`}</Text>
      ))}
      {onRetry ? (
        <Button appearance="subtle" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </SectionMessage>
  );
}
