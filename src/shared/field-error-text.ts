// A field problem in the reader's words: worded from its key when the backend gave one, else its English as sent.
import type { Text } from './i18n/text';
import type { FieldError } from './validation';

export function fieldErrorText(text: Text, error: FieldError): string {
  return error.key ? text.t(error.key, error.values) : error.message;
}
