// A problem in a rule as facts the page words in the admin's language (a key and its values), kept beside the
// English sentence the engine has always written for logs, audit entries and API replies.
import type { TextKey } from '../../shared/i18n/text';

export type RuleProblemKey = Extract<TextKey, `rules.problems.${string}`>;

/** A value is the admin's own text (a token, a name), a number, or a phrase that is itself worded. */
export type RuleProblemValue = string | number | RuleProblem;

export interface RuleProblem {
  readonly key: RuleProblemKey;
  readonly values?: Readonly<Record<string, RuleProblemValue>>;
}

/** One problem both ways: the engine's English sentence and the key with values the page words. */
export interface Said {
  readonly message: string;
  readonly problem: RuleProblem;
}

/**
 * Pairs an English sentence with its key. Phrase values (`Said`) give their key to the problem; the sentence
 * embeds their English itself, so each kind's English stays written out where it is raised.
 */
export function say(
  message: string,
  key: RuleProblemKey,
  values?: Readonly<Record<string, string | number | Said>>,
): Said {
  if (!values) return { message, problem: { key } };
  const facts: Record<string, RuleProblemValue> = {};
  for (const [name, value] of Object.entries(values)) {
    facts[name] = typeof value === 'object' ? value.problem : value;
  }
  return { message, problem: { key, values: facts } };
}
