// A rule problem in the reader's words: its key filled with its values, phrases among the values worded first.
import type { RuleProblem, RuleProblemValue } from '../domain/rules/rule-problem';
import type { Text, TextValues } from './i18n/text';

export function ruleProblemText(text: Text, problem: RuleProblem): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem.values ?? {})) values[name] = wordValue(text, value);
  return text.t(problem.key, values satisfies TextValues);
}

function wordValue(text: Text, value: RuleProblemValue): string | number {
  return typeof value === 'object' ? ruleProblemText(text, value) : value;
}
