// A failed call as a reviewer should read it (the admin page's wording speaks of admins).
import { Button, SectionMessage, Text } from '@forge/react';
import type { ReplyError } from '../../shared/contract';
import { useText } from '../i18n/text-provider';

export function ReviewerError({
  error,
  title,
  onRetry,
}: {
  error: ReplyError;
  /** What failed, as a whole sentence in the viewer's words ("Your items could not be loaded"). */
  title: string;
  onRetry?: () => void;
}) {
  const text = useText();
  return (
    <SectionMessage appearance={error.kind === 'invalid' ? 'warning' : 'error'} title={title}>
      {/* The backend's own words: data, shown as they came. */}
      <Text>{error.message}</Text>
      {(error.fields ?? []).map((f) => (
        <Text key={f.field}>{text.t('reviewer.error.field', { field: f.field, message: f.message })}</Text>
      ))}
      {onRetry ? (
        <Button appearance="subtle" onClick={onRetry}>
          {text.t('reviewer.error.tryAgain')}
        </Button>
      ) : null}
    </SectionMessage>
  );
}
