// A failed call as the admin should read it: what went wrong, what to do, and any field problems listed.
import { Button, List, ListItem, SectionMessage, Text } from '@forge/react';
import type { ReplyError, ReplyFieldError } from '../../shared/contract';
import { fieldErrorText } from '../../shared/field-error-text';
import type { TextKey } from '../../shared/i18n/text';
import { useText } from '../i18n/text-provider';

const TITLES: Record<ReplyError['kind'], TextKey> = {
  forbidden: 'common.errors.forbidden',
  invalid: 'common.errors.invalid',
  'not-found': 'common.errors.notFound',
  conflict: 'common.errors.conflict',
  unavailable: 'common.errors.unavailable',
  internal: 'common.errors.internal',
};

/** The title after what was attempted: "Saving the rule: please fix the highlighted fields". */
const TITLES_AFTER_ACTION: Record<ReplyError['kind'], TextKey> = {
  forbidden: 'common.errors.afterAction.forbidden',
  invalid: 'common.errors.afterAction.invalid',
  'not-found': 'common.errors.afterAction.notFound',
  conflict: 'common.errors.afterAction.conflict',
  unavailable: 'common.errors.afterAction.unavailable',
  internal: 'common.errors.afterAction.internal',
};

const PAGE_PROBLEMS: Record<NonNullable<ReplyError['pageProblem']>, TextKey> = {
  'no-answer': 'common.errors.noAnswer',
  'bad-shape': 'common.errors.badShape',
};

/** The sentence under the title: the backend's own words, or the page's problem in the viewer's language. */
export function useErrorSentence(): (error: ReplyError) => string {
  const { t } = useText();
  return (error) => {
    if (error.kind === 'forbidden') return t('common.adminsOnly.message');
    if (error.pageProblem) return t(PAGE_PROBLEMS[error.pageProblem], { detail: error.message });
    return error.message;
  };
}

export interface ReplyErrorMessageProps {
  error: ReplyError;
  /** What was attempted, translated ("Saving the rule"); the title reads "<action>: <problem>". */
  action?: string;
  /** Field errors the form already shows beside their fields are not repeated here. */
  shownFields?: readonly ReplyFieldError[];
  onRetry?: () => void;
}

export function ReplyErrorMessage({ error, action, shownFields = [], onRetry }: ReplyErrorMessageProps) {
  const text = useText();
  const { t } = text;
  const sentence = useErrorSentence();
  const rest = (error.fields ?? []).filter((f) => !shownFields.includes(f));

  return (
    <SectionMessage
      appearance={error.kind === 'invalid' || error.kind === 'conflict' ? 'warning' : 'error'}
      title={action ? t(TITLES_AFTER_ACTION[error.kind], { action }) : t(TITLES[error.kind])}
    >
      <Text>{sentence(error)}</Text>
      {rest.length > 0 ? (
        <List type="unordered">
          {rest.map((f) => (
            <ListItem key={`${f.field}:${f.message}`}>
              {t('common.errors.fieldProblem', { field: f.field, message: fieldErrorText(text, f) })}
            </ListItem>
          ))}
        </List>
      ) : null}
      {onRetry ? (
        <Button appearance="subtle" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      ) : null}
    </SectionMessage>
  );
}
