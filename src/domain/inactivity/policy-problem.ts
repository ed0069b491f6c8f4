// Why a stored inactivity policy cannot be used: in English (logs, run stop reasons) and as words for the page.
import type { PolicyFieldError } from './field-errors';
import { type Words, words } from './words';

export function storedPolicyProblem(errors: readonly PolicyFieldError[]): {
  problem: string;
  problemWords: Words;
} {
  // The validator's messages name fields and limits; they stay as they are, a detail inside the sentence.
  const detail = errors.map((e) => e.message).join('; ');
  return {
    problem: `The stored inactivity policy is invalid (${detail}); save it again from the admin page.`,
    problemWords: words('inactivity.policy.storedInvalid', { errors: detail }),
  };
}
