// The Rules tab: list, read, save (validated against the whole set and the site), delete, enable, reorder.
import { AtlassianApiError } from '../../clients/api-error';
import {
  conditionOf,
  describeRuleErrors,
  formatRule,
  RULE_LIMITS,
  validateRuleSet,
  type Rule,
} from '../../domain/rules';
import { ruleOwnershipRefusal, saveRefusal, type ProductGroups } from '../../domain/privilege';
import type {
  Reply,
  ReplyFieldError,
  RuleView,
  RulesDeleteView,
  RulesListView,
  RulesSavePayload,
  RulesSaveView,
} from '../../shared/contract';
import {
  deleteRule,
  getExclusiveSets,
  getRule,
  listRules,
  ruleLastMatched,
  saveRule,
  type StoredRule,
} from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import { livePrivileges, productGroups, type LivePrivileges } from '../privilege/privileged-targets';
import { saveSnapshot } from '../../storage/privileged-repository';
import { recordAdminChange } from './admin-audit';
import { clearRefusalHealth } from './security-admin';
import type { AdminContext } from './admin-context';
import { apiFailure, fail, invalid, ok } from './reply';

/** Priorities the reorder hands out leave room to slot a rule in between without renumbering. */
const PRIORITY_STEP = 10;

function viewOf(rule: StoredRule | Rule, lastMatched: Record<string, number>): RuleView {
  const condition = conditionOf(rule);
  const stored = rule as Partial<StoredRule>;
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    enabled: rule.enabled,
    priority: rule.priority,
    condition: rule.condition,
    grants: rule.grants,
    onUnmatch: rule.onUnmatch,
    updatedAt: stored.updatedAt ?? null,
    updatedBy: stored.updatedBy ?? null,
    lastMatchedAt: lastMatched[rule.id] ?? null,
    canonicalText: condition.ok ? formatRule(condition.parsed) : null,
    conditionProblem: condition.ok ? null : describeRuleErrors(condition.errors),
  };
}

async function listView(): Promise<RulesListView> {
  const [rules, exclusiveSets] = await Promise.all([listRules(), getExclusiveSets()]);
  const lastMatched = await ruleLastMatched(rules.map((r) => r.id));
  const lowest = rules.reduce((max, r) => Math.max(max, r.priority), -PRIORITY_STEP);
  return {
    rules: rules.map((r) => viewOf(r, lastMatched)),
    exclusiveSets,
    nextPriority: Math.min(RULE_LIMITS.maxPriority, lowest + PRIORITY_STEP),
  };
}

export async function listRulesView(): Promise<Reply<RulesListView>> {
  return ok(await listView());
}

export async function getRuleView(id: string): Promise<Reply<RuleView>> {
  const rule = await getRule(id);
  if (!rule) return fail('not-found', `There is no rule "${id}"; it may have been deleted.`);
  return ok(viewOf(rule, await ruleLastMatched([id])));
}

function describeRuleChange(before: StoredRule | undefined, after: Rule): string {
  if (!before)
    return `Rule "${after.name}" created: ${after.enabled ? 'enabled' : 'disabled'}, priority ${after.priority}, when ${after.condition.text} grant ${after.grants.length} item(s).`;
  const changed = (['name', 'description', 'enabled', 'priority', 'onUnmatch'] as const).filter(
    (field) => before[field] !== after[field],
  ) as string[];
  if (before.condition.text !== after.condition.text || before.condition.dialect !== after.condition.dialect)
    changed.push('condition');
  if (JSON.stringify(before.grants) !== JSON.stringify(after.grants)) changed.push('grants');
  return `Rule "${after.name}" changed (${changed.length > 0 ? changed.join(', ') : 'nothing'})${
    changed.includes('condition') ? `: now when ${after.condition.text}` : ''
  }.`;
}

/** What decides which grants an admin may save: the privileged set read from the site now, and product groups. */
interface GrantJudge {
  privileges: LivePrivileges;
  products: ProductGroups;
}

async function adminClients(ctx: AdminContext): Promise<ApiClients> {
  const { settings } = await loadSettings();
  return buildApiClients(ctx.deps, settings);
}

/** Reads the site now (and stores the snapshot); product groups only matter for product admins. */
async function judge(ctx: AdminContext, clients: ApiClients, rules: readonly Rule[]): Promise<GrantJudge> {
  const [privileges, products] = await Promise.all([
    livePrivileges(clients, ctx.deps.now(), rules, { store: false }),
    ctx.role.kind === 'product-admin' ? productGroups(clients) : { jira: [], confluence: [] },
  ]);
  return { privileges, products };
}

/** Each grant this admin may not save, positioned on the grant. */
function grantRefusals(ctx: AdminContext, rule: Rule, j: GrantJudge): ReplyFieldError[] {
  return rule.grants.flatMap((grant, index) => {
    const message = saveRefusal(grant, ctx.role, j.privileges.set, j.privileges.allowances, j.products);
    return message ? [{ field: `rule.grants[${index}]`, message }] : [];
  });
}

/** A product admin may change or delete a saved rule only when everything it grants is theirs to manage. */
function ownershipRefusal<T>(ctx: AdminContext, rule: Rule, j: GrantJudge): Reply<T> | undefined {
  const why = ruleOwnershipRefusal(rule.grants, ctx.role, j.privileges.set, j.products);
  if (!why) return undefined;
  return fail('forbidden', `You cannot change rule "${rule.name}": ${why} Nothing was changed.`);
}

/** An outage while judging is 'unavailable' (the change is not made), never 'internal'. */
async function judged<T>(what: string, run: () => Promise<Reply<T>>): Promise<Reply<T>> {
  try {
    return await run();
  } catch (e) {
    const failure = apiFailure<T>(e, what);
    if (failure) return failure;
    throw e;
  }
}

/** Checks that the groups and roles the rule grants exist on the site, and the rule fits the set. */
async function setProblems(
  clients: ApiClients,
  rule: Rule,
  others: StoredRule[],
): Promise<ReplyFieldError[]> {
  const groupIds = rule.grants.flatMap((g) => (g.kind === 'group' ? [g.groupId] : []));
  const found = new Set(
    (await clients.jira.groupsById(groupIds)).flatMap((g) => (g.groupId ? [g.groupId] : [])),
  );
  const ownGroups = new Set(groupIds);
  const ownRoles = new Set(
    rule.grants.flatMap((g) => (g.kind === 'projectRole' ? [`${g.projectId}:${g.roleId}`] : [])),
  );
  const errors = await validateRuleSet([...others, rule], {
    // Only this rule's grants are looked up: the others were checked when they were saved.
    groupExists: (id) => !ownGroups.has(id) || found.has(id),
    roleExists: async (projectId, roleId) => {
      if (!ownRoles.has(`${projectId}:${roleId}`)) return true;
      try {
        await clients.jira.projectRole(projectId, roleId);
        return true;
      } catch (e) {
        if (e instanceof AtlassianApiError && e.kind === 'not-found') return false;
        throw e;
      }
    },
    exclusiveSets: await getExclusiveSets(),
  });
  return errors
    .filter((e) => e.ruleId === rule.id || e.field === 'rules')
    .map((e) => ({
      field: e.field === 'rules' ? 'rule' : `rule.${e.field}`,
      message: e.message,
      // The key and values let the page say the problem in the admin's language.
      ...(e.key !== undefined ? { key: e.key } : {}),
      ...(e.values !== undefined ? { values: e.values } : {}),
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column } : {}),
      ...(e.length !== undefined ? { length: e.length } : {}),
    }));
}

export async function saveRuleView(
  ctx: AdminContext,
  payload: RulesSavePayload,
): Promise<Reply<RulesSaveView>> {
  const rule = payload.rule;
  const all = await listRules();
  const before = all.find((r) => r.id === rule.id);
  if (payload.expectedUpdatedAt === null && before)
    return fail('conflict', `A rule with the id "${rule.id}" already exists; choose another id.`);
  const expected = payload.expectedUpdatedAt;
  if (expected !== undefined && expected !== null && before?.updatedAt !== expected)
    return fail(
      'conflict',
      before
        ? `Rule "${before.name}" was changed by ${before.updatedBy} since you opened it; reload it and apply your change again.`
        : `Rule "${rule.id}" was deleted since you opened it; save it as a new rule if you still want it.`,
    );
  return judged('Checking the rule against the site', async () => {
    const clients = await adminClients(ctx);
    const grants = await judge(ctx, clients, [...all.filter((r) => r.id !== rule.id), rule]);
    if (before) {
      const refused = ownershipRefusal<RulesSaveView>(ctx, before, grants);
      if (refused) return refused;
    }
    const problems = [
      ...grantRefusals(ctx, rule, grants),
      ...(await setProblems(
        clients,
        rule,
        all.filter((r) => r.id !== rule.id),
      )),
    ];
    if (problems.length > 0) return invalid(problems);
    const saved = await storeRule(ctx, rule, before);
    // What was just read of the site (including this rule's projects) is provisioning's freshest snapshot.
    await saveSnapshot(grants.privileges.snapshot);
    return saved;
  });
}

async function storeRule(
  ctx: AdminContext,
  rule: Rule,
  before: StoredRule | undefined,
): Promise<Reply<RulesSaveView>> {
  const now = ctx.deps.now();
  const stored: StoredRule = { ...rule, updatedAt: now, updatedBy: ctx.accountId };
  await saveRule(stored);
  await recordAdminChange({
    action: 'rule-changed',
    target: `rule:${rule.id}`,
    targetName: rule.name,
    ruleId: rule.id,
    reason: describeRuleChange(before, rule),
    by: ctx.accountId,
    at: now,
  });
  await clearRefusalHealth(ctx, 'the rules');
  return ok({ rule: viewOf(stored, await ruleLastMatched([rule.id])), created: !before });
}

/** Runs a check that reads the site: its refusal, or undefined to go on; an outage is 'unavailable'. */
async function refusalFrom<T>(
  what: string,
  check: () => Promise<Reply<T> | undefined>,
): Promise<Reply<T> | undefined> {
  try {
    return await check();
  } catch (e) {
    const failure = apiFailure<T>(e, what);
    if (failure) return failure;
    throw e;
  }
}

/** Product admins only: why they may not change these saved rules. Site admins may change any rule. */
function productAdminRefusal<T>(
  ctx: AdminContext,
  rules: readonly StoredRule[],
): Promise<Reply<T> | undefined> {
  if (ctx.role.kind === 'site-admin' || rules.length === 0) return Promise.resolve(undefined);
  return refusalFrom<T>('Checking what the rule grants', async () => {
    const grants = await judge(ctx, await adminClients(ctx), await listRules());
    for (const rule of rules) {
      const refused = ownershipRefusal<T>(ctx, rule, grants);
      if (refused) return refused;
    }
    return undefined;
  });
}

/** Enabling a rule grants again: the checks of saving it (a target may have become privileged since). */
function enableRefusal(ctx: AdminContext, rule: StoredRule): Promise<Reply<RuleView> | undefined> {
  return refusalFrom<RuleView>('Checking the rule against the site', async () => {
    const grants = await judge(ctx, await adminClients(ctx), await listRules());
    const refused = ownershipRefusal<RuleView>(ctx, rule, grants);
    if (refused) return refused;
    const problems = grantRefusals(ctx, rule, grants);
    if (problems.length === 0) return undefined;
    return invalid(
      problems.map((p) => ({ ...p, field: p.field.replace(/^rule\./, '') })),
      `Rule "${rule.name}" cannot be enabled: ${problems.map((p) => p.message).join(' ')}`,
    );
  });
}

export async function deleteRuleView(ctx: AdminContext, id: string): Promise<Reply<RulesDeleteView>> {
  const before = await getRule(id);
  if (!before) return fail('not-found', `There is no rule "${id}"; it may have been deleted already.`);
  const refused = await productAdminRefusal<RulesDeleteView>(ctx, [before]);
  if (refused) return refused;
  await deleteRule(id);
  const now = ctx.deps.now();
  await recordAdminChange({
    action: 'rule-changed',
    target: `rule:${id}`,
    targetName: before.name,
    ruleId: id,
    reason: `Rule "${before.name}" deleted. What it granted is kept (a deleted rule revokes nothing).`,
    by: ctx.accountId,
    at: now,
  });
  await clearRefusalHealth(ctx, 'the rules');
  return ok({ id, deleted: true });
}

export async function setRuleEnabled(
  ctx: AdminContext,
  id: string,
  enabled: boolean,
): Promise<Reply<RuleView>> {
  const before = await getRule(id);
  if (!before) return fail('not-found', `There is no rule "${id}"; it may have been deleted.`);
  if (before.enabled === enabled) return ok(viewOf(before, await ruleLastMatched([id])));
  const refused = enabled
    ? await enableRefusal(ctx, before)
    : await productAdminRefusal<RuleView>(ctx, [before]);
  if (refused) return refused;
  const now = ctx.deps.now();
  const stored: StoredRule = { ...before, enabled, updatedAt: now, updatedBy: ctx.accountId };
  await saveRule(stored);
  await recordAdminChange({
    action: 'rule-changed',
    target: `rule:${id}`,
    targetName: before.name,
    ruleId: id,
    reason: enabled
      ? `Rule "${before.name}" enabled.`
      : `Rule "${before.name}" disabled (it grants nothing new; what it granted is kept).`,
    by: ctx.accountId,
    at: now,
  });
  await clearRefusalHealth(ctx, 'the rules');
  return ok(viewOf(stored, await ruleLastMatched([id])));
}

export async function reorderRules(ctx: AdminContext, ids: string[]): Promise<Reply<RulesListView>> {
  const rules = await listRules();
  const known = new Set(rules.map((r) => r.id));
  const given = new Set(ids);
  const fields: ReplyFieldError[] = [];
  ids.forEach((id, index) => {
    if (!known.has(id)) fields.push({ field: `ids[${index}]`, message: `There is no rule "${id}"` });
    else if (ids.indexOf(id) !== index)
      fields.push({ field: `ids[${index}]`, message: `"${id}" is listed twice` });
  });
  if (fields.length > 0) return invalid(fields);
  const missing = rules.filter((r) => !given.has(r.id));
  if (missing.length > 0)
    return fail(
      'conflict',
      `The rules changed since the page loaded (${missing.map((r) => `"${r.name}"`).join(', ')} not in your order); reload and reorder again.`,
    );
  const byId = new Map(rules.map((r) => [r.id, r]));
  const moving = ids.flatMap((id, index) => {
    const rule = byId.get(id)!;
    return rule.priority === index * PRIORITY_STEP ? [] : [rule];
  });
  // Priorities decide which group of an exclusive set wins: a product admin moves only rules that are theirs.
  const refused = await productAdminRefusal<RulesListView>(ctx, moving);
  if (refused) return refused;
  const now = ctx.deps.now();
  const moved: string[] = [];
  for (const [index, id] of ids.entries()) {
    const rule = byId.get(id)!;
    const priority = index * PRIORITY_STEP;
    if (rule.priority === priority) continue;
    await saveRule({ ...rule, priority, updatedAt: now, updatedBy: ctx.accountId });
    moved.push(`"${rule.name}" ${rule.priority}→${priority}`);
  }
  if (moved.length > 0)
    await recordAdminChange({
      action: 'rule-changed',
      target: 'rules:order',
      targetName: 'Rule priorities',
      reason: `Rules reordered: ${moved.join(', ')}.`,
      by: ctx.accountId,
      at: now,
    });
  return ok(await listView());
}
