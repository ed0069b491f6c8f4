// The Rules tab: list, read, save, delete, enable, reorder, check an expression, and test a rule on a user.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import type { AccessPlan } from '../../domain/access-plan';
import {
  DIALECTS,
  MAX_RULE_LENGTH,
  validateRuleInput,
  type ExclusiveSet,
  type Rule,
  type TraceNode,
  type UserAttributes,
} from '../../domain/rules';
import { returns, type ContractSection } from './endpoint';
import { accountId, empty, epochMs, pathOf, ruleId } from './fields';
import type { ReplyFieldError } from './reply';

/** A rule as the page edits it, checked by the domain's validator (errors keep their line and column). */
const ruleSchema = z.unknown().transform((value, ctx): Rule => {
  const result = validateRuleInput(value);
  if (result.ok) return result.rule;
  for (const error of result.errors) {
    const params: Record<string, number> = {};
    if (error.line !== undefined) params.line = error.line;
    if (error.column !== undefined) params.column = error.column;
    if (error.length !== undefined) params.length = error.length;
    ctx.addIssue({ code: 'custom', message: error.message, path: pathOf(error.field), params });
  }
  return z.NEVER;
});

export interface RuleView extends Rule {
  updatedAt: number | null;
  updatedBy: string | null;
  lastMatchedAt: number | null;
  /** The condition in canonical Entra form; null if the stored text no longer parses. */
  canonicalText: string | null;
  /** Why the stored condition no longer parses, with its position; null when fine. */
  conditionProblem: string | null;
}

export const rulesListSchema = empty;
export type RulesListPayload = z.infer<typeof rulesListSchema>;
export interface RulesListView {
  rules: RuleView[];
  exclusiveSets: ExclusiveSet[];
  /** The next free priority (after the lowest-priority rule), for "new rule". */
  nextPriority: number;
}

export const rulesGetSchema = z.strictObject({ id: ruleId });
export type RulesGetPayload = z.infer<typeof rulesGetSchema>;

export interface RulesSavePayload {
  rule: Rule;
  expectedUpdatedAt?: number | null;
}
export const rulesSaveSchema: z.ZodType<RulesSavePayload, unknown> = z.strictObject({
  rule: ruleSchema,
  /**
   * Optimistic concurrency: the updatedAt the page loaded (null = creating a new rule). When given and the stored
   * rule differs, the save is refused with 'conflict'. Omit to overwrite.
   */
  expectedUpdatedAt: epochMs.nullable().optional(),
});
export interface RulesSaveView {
  rule: RuleView;
  created: boolean;
}

export const rulesDeleteSchema = z.strictObject({ id: ruleId });
export type RulesDeletePayload = z.infer<typeof rulesDeleteSchema>;
export interface RulesDeleteView {
  id: string;
  deleted: true;
}

export const rulesSetEnabledSchema = z.strictObject({ id: ruleId, enabled: z.boolean() });
export type RulesSetEnabledPayload = z.infer<typeof rulesSetEnabledSchema>;

export const rulesReorderSchema = z.strictObject({
  /** Every rule id, highest priority first; priorities become 0, 10, 20, … */
  ids: z.array(ruleId).max(500),
});
export type RulesReorderPayload = z.infer<typeof rulesReorderSchema>;

export const rulesCheckExpressionSchema = z.strictObject({
  text: z
    .string()
    .max(MAX_RULE_LENGTH, fieldMessage('fields.atMostCharacters', { max: String(MAX_RULE_LENGTH) })),
  dialect: z.enum(DIALECTS),
});
export type RulesCheckExpressionPayload = z.infer<typeof rulesCheckExpressionSchema>;
export interface ExpressionCheckView {
  ok: boolean;
  /** field is always 'text'; each error has its line and column. */
  errors: ReplyFieldError[];
  /** Canonical Entra text when it parses. */
  canonical: string | null;
}

export interface RulesTestOnUserPayload {
  accountId: string;
  ruleId?: string;
  draft?: Rule;
}
export const rulesTestOnUserSchema: z.ZodType<RulesTestOnUserPayload, unknown> = z
  .strictObject({
    accountId,
    /** A saved rule to trace. */
    ruleId: ruleId.optional(),
    /** An unsaved draft to trace; it replaces the saved rule with its id (or joins the set) for the plan. */
    draft: ruleSchema.optional(),
  })
  .refine((p) => !(p.ruleId !== undefined && p.draft !== undefined), {
    message: fieldMessage('fields.ruleOrDraft'),
    path: ['ruleId'],
  });

export interface SourceReportView {
  source: 'jira' | 'email' | 'scim' | 'org-directory' | 'pushed';
  status: 'ok' | 'not-found' | 'disabled' | 'unavailable' | 'failed';
  message: string;
}

export interface TestOnUserView {
  accountId: string;
  attributes: UserAttributes;
  /** Where each attribute source stood for this user. */
  sources: SourceReportView[];
  /** The traced rule (saved or draft); null when neither was given. */
  evaluated: {
    ruleId: string;
    ruleName: string;
    from: 'saved' | 'draft';
    enabled: boolean;
    matched: boolean;
    trace: TraceNode[];
  } | null;
  /** The user's access plan with the draft in the rule set: what provisioning would do now. */
  plan: AccessPlan;
}

export const RULES_CONTRACT = {
  'rules.list': { payload: rulesListSchema, response: returns<RulesListView>() },
  'rules.get': { payload: rulesGetSchema, response: returns<RuleView>() },
  'rules.save': { payload: rulesSaveSchema, response: returns<RulesSaveView>() },
  'rules.delete': { payload: rulesDeleteSchema, response: returns<RulesDeleteView>() },
  'rules.setEnabled': { payload: rulesSetEnabledSchema, response: returns<RuleView>() },
  'rules.reorder': { payload: rulesReorderSchema, response: returns<RulesListView>() },
  /** Parses an expression as the admin types: positioned errors and the canonical text. Writes nothing. */
  'rules.checkExpression': {
    payload: rulesCheckExpressionSchema,
    response: returns<ExpressionCheckView>(),
  },
  /** Gathers one user's attributes, traces a rule and plans their access. Writes nothing. */
  'rules.testOnUser': { payload: rulesTestOnUserSchema, response: returns<TestOnUserView>() },
} satisfies ContractSection;
