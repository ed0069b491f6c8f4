// Renders rule errors as plain text for logs, audit entries and API responses: position, message, excerpt.

import { type RuleError } from './syntax-tree';

/**
 * `Line 1, column 6: message`, one per error; with the rule's text, each is followed by the offending line and
 * a caret mark under the problem.
 */
export function describeRuleErrors(errors: readonly RuleError[], text?: string): string {
  const lines = text?.split(/\r\n|\r|\n/);
  return errors
    .map((error) => {
      const head = `Line ${error.line}, column ${error.column}: ${error.message}`;
      const line = lines?.[error.line - 1];
      if (line === undefined) return head;
      const width = Math.max(1, Math.min(error.length ?? 1, line.length - error.column + 1));
      return `${head}\n  ${line}\n  ${' '.repeat(error.column - 1)}${'^'.repeat(width)}`;
    })
    .join('\n');
}
