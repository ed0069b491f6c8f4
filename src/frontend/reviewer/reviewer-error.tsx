// A failed call as a reviewer should read it (the admin page's wording speaks of admins).
import { Button, SectionMessage, Text } from '@forge/react';
import type { ReplyError } from '../../shared/contract';
import { fieldErrorText } from '../../shared/field-error-text';
import type { TextKey } from '../../shared/i18n/text';
import { useText } from '../i18n/text-provider';

const PAGE_PROBLEMS: Record<NonNullable<ReplyError['pageProblem']>, TextKey> = {
  'no-answer': 'common.errors.noAnswer',
  'bad-shape': 'common.errors.badShape',
};

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
      {/* The backend's own words are data, shown as they came; the page's own problems are worded here. */}
      <Text>
        {error.pageProblem
          ? text.t(PAGE_PROBLEMS[error.pageProblem], { detail: error.message })
          : error.message}
      </Text>
      {(error.fields ?? []).map((f) => (
        <Text key={f.field}>
          {text.t('common.errors.fieldProblem', { field: f.field, message: fieldErrorText(text, f) })}
        </Text>
      ))}
      {onRetry ? (
        <Button appearance="subtle" onClick={onRetry}>
          {text.t('common.tryAgain')}
        </Button>
      ) : null}
    </SectionMessage>
  );
}
