// "Test on a user": gathers one user's attributes, traces a saved or draft rule, and plans their access with the
// draft in the rule set. Reads only: nothing is written to the site, the ledger or the audit log.
import { conditionOf, describeRuleErrors, evaluateRule, type Rule } from '../../domain/rules';
import type { Reply, RulesTestOnUserPayload, TestOnUserView } from '../../shared/contract';
import { getExclusiveSets, listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import { SourceFailedError } from '../provisioning/gather-attributes';
import { planUser } from '../provisioning/provision-user';
import type { AdminContext } from './admin-context';
import { apiFailure, fail, ok } from './reply';

export async function testRuleOnUser(
  ctx: AdminContext,
  payload: RulesTestOnUserPayload,
): Promise<Reply<TestOnUserView>> {
  const { settings } = await loadSettings();
  const [saved, exclusiveSets, clients] = await Promise.all([
    listRules(),
    getExclusiveSets(),
    buildApiClients(ctx.deps, settings),
  ]);
  let traced: { rule: Rule; from: 'saved' | 'draft' } | undefined;
  if (payload.ruleId !== undefined) {
    const rule = saved.find((r) => r.id === payload.ruleId);
    if (!rule) return fail('not-found', `There is no rule "${payload.ruleId}"; it may have been deleted.`);
    traced = { rule, from: 'saved' };
  } else if (payload.draft) {
    traced = { rule: payload.draft, from: 'draft' };
  }
  const draft = payload.draft;
  const rules = draft ? [...saved.filter((r) => r.id !== draft.id), draft] : saved;

  let planned: Awaited<ReturnType<typeof planUser>>;
  try {
    planned = await planUser(payload.accountId, { clients, settings, rules, exclusiveSets });
  } catch (e) {
    if (e instanceof SourceFailedError)
      return e.source === 'jira'
        ? fail('not-found', `No user ${payload.accountId} could be read from Jira: ${e.message}`)
        : fail('unavailable', `The user's attributes could not be gathered: ${e.message}`);
    const failure = apiFailure<TestOnUserView>(e, `Reading user ${payload.accountId}`);
    if (failure) return failure;
    throw e;
  }

  let evaluated: TestOnUserView['evaluated'] = null;
  if (traced) {
    const condition = conditionOf(traced.rule);
    if (!condition.ok)
      return fail(
        'invalid',
        `Rule "${traced.rule.name}" cannot be traced: its condition does not parse.`,
        condition.errors.map((e) => ({
          field: 'condition',
          message: describeRuleErrors([e]),
          line: e.line,
          column: e.column,
        })),
      );
    const evaluation = evaluateRule(condition.parsed, planned.gathered.attributes);
    evaluated = {
      ruleId: traced.rule.id,
      ruleName: traced.rule.name,
      from: traced.from,
      enabled: traced.rule.enabled,
      matched: evaluation.matched,
      trace: evaluation.trace,
    };
  }
  return ok({
    accountId: payload.accountId,
    attributes: planned.gathered.attributes,
    sources: planned.gathered.sources,
    evaluated,
    plan: planned.plan,
  });
}
