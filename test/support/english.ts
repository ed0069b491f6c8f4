// What the page or a notice says in English, straight from src/locales/en-US.json: tests read words, not keys.
import english from '../../src/locales/en-US.json';
import type { HealthMessage } from '../../src/shared/contract';
import { healthMessageText } from '../../src/shared/health-text';
import { lookupIn } from '../../src/shared/i18n/catalog-text';
import { createText } from '../../src/shared/i18n/text';

export const inEnglish = createText(lookupIn(english), 'en-US', 'UTC');

export function healthWords(message: HealthMessage | undefined): string {
  return message ? healthMessageText(inEnglish, message) : '';
}
