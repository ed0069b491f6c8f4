// The reviewer page's resolver (@forge/resolver): any signed-in user may call it, and every key answers about the
// caller's own access review items only (services/reviews/reviewer-page.ts checks each item, on every call).
// Site admins are recognised per call, only when an item is not their own (one call to Jira as the caller).
import Resolver, { type Request } from '@forge/resolver';
import { fail, invalid } from '../../services/admin/reply';
import type { Caller } from '../../services/reviews/decide';
import { decide, itemEvidence, myCampaigns, myItems } from '../../services/reviews/reviewer-page';
import { classify } from '../../services/failures';
import { fieldPath } from '../../shared/validation';
import {
  REVIEWER_CONTRACT,
  REVIEWER_KEYS,
  type Reply,
  type ReplyFieldError,
  type ReviewerKey,
  type ReviewerPayloadOf,
  type ReviewerResponseOf,
} from '../../shared/contract';
import type { RuntimeDeps } from '../../services/runtime-deps';
import { runtimeDeps } from '../runtime';
import { adminProbe } from './admin-probe';

type Handlers = {
  [K in ReviewerKey]: (
    payload: ReviewerPayloadOf<K>,
    caller: Caller,
    deps: RuntimeDeps,
  ) => Promise<Reply<ReviewerResponseOf<K>>>;
};

const HANDLERS: Handlers = {
  'reviewer.campaigns': (_p, caller) => myCampaigns(caller.accountId),
  'reviewer.items': (p, caller) => myItems(caller.accountId, p),
  'reviewer.evidence': (p, caller, deps) => itemEvidence(deps, caller, p.itemId),
  'reviewer.decide': (p, caller, deps) => decide(deps.now, caller, p.campaignId, p.decisions),
};

function parse<K extends ReviewerKey>(
  key: K,
  input: unknown,
): { ok: true; value: ReviewerPayloadOf<K> } | { ok: false; errors: ReplyFieldError[] } {
  const result = REVIEWER_CONTRACT[key].payload.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data as ReviewerPayloadOf<K> };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: fieldPath(issue.path) || '(payload)',
      message: issue.message,
    })),
  };
}

/** A caller who may act as a site admin: Jira's SYSTEM_ADMIN, asked as the caller; any doubt is a no. */
function callerOf(deps: RuntimeDeps, accountId: string): Caller {
  let answer: Promise<boolean> | undefined;
  return {
    accountId,
    isSiteAdmin: () =>
      (answer ??= adminProbe(deps)
        .jiraPermissions()
        .then((held) => held.systemAdmin)
        .catch(() => false)),
  };
}

export async function handleReviewerCall<K extends ReviewerKey>(
  key: K,
  request: Request<unknown>,
): Promise<Reply<ReviewerResponseOf<K>>> {
  const context = request.context as { accountId?: string; installContext?: string };
  if (!context.accountId)
    return fail('forbidden', 'Sign in to review access: this call has no signed-in user.');
  const deps = runtimeDeps(context.installContext);
  const parsed = parse(key, request.payload);
  if (!parsed.ok) return invalid(parsed.errors);
  try {
    return await HANDLERS[key](parsed.value, callerOf(deps, context.accountId), deps);
  } catch (e) {
    const failure = classify(e);
    if (failure.transient)
      return fail('unavailable', 'The app is busy right now; nothing was changed. Try again in a minute.');
    console.error(`Reviewer resolver ${key} failed:`, e);
    return fail('internal', `Something went wrong in "${key}"; nothing more was done. The error was logged.`);
  }
}

function buildResolver() {
  const resolver = new Resolver();
  for (const key of REVIEWER_KEYS)
    resolver.define(key, (request: Request<unknown>) => handleReviewerCall(key, request));
  return resolver.getDefinitions();
}

/** manifest.yml function `reviewer-resolver` → index.reviewerResolver. */
export const reviewerResolver = buildResolver();
