// A failed call as the admin should read it: what went wrong, what to do, and any field problems listed.
import { Button, List, ListItem, SectionMessage, Text } from '@forge/react';
import type { ReplyError, ReplyFieldError } from '../../shared/contract';
import { ADMINS_ONLY_MESSAGE } from '../../shared/contract';

const TITLES: Record<ReplyError['kind'], string> = {
  forbidden: 'Admins only',
  invalid: 'Please fix the highlighted fields',
  'not-found': 'Not found',
  conflict: 'Someone else changed this',
  unavailable: 'Could not reach the app',
  internal: 'Something went wrong',
};

export interface ReplyErrorMessageProps {
  error: ReplyError;
  /** A short description of what was attempted ("Saving the rule"). */
  action?: string;
  /** Field errors the form already shows beside their fields are not repeated here. */
  shownFields?: readonly ReplyFieldError[];
  onRetry?: () => void;
}

export function ReplyErrorMessage({ error, action, shownFields = [], onRetry }: ReplyErrorMessageProps) {
  const rest = (error.fields ?? []).filter((f) => !shownFields.includes(f));
  return (
    <SectionMessage
      appearance={error.kind === 'invalid' || error.kind === 'conflict' ? 'warning' : 'error'}
      title={action ? `${action}: ${TITLES[error.kind].toLowerCase()}` : TITLES[error.kind]}
    >
      <Text>{error.kind === 'forbidden' ? ADMINS_ONLY_MESSAGE : error.message}</Text>
      {rest.length > 0 ? (
        <List type="unordered">
          {rest.map((f) => (
            <ListItem key={`${f.field}:${f.message}`}>
              {f.field}: {f.message}
            </ListItem>
          ))}
        </List>
      ) : null}
      {onRetry ? (
        <Button appearance="subtle" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </SectionMessage>
  );
}
