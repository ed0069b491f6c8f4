// parseRule: text in either dialect → a checked tree compiled once, or every error found with its position.

import { type UserAttributes } from './attributes';
import { compileNode, UserView, type Predicate, type RegexCache } from './compile';
import { EntraParser } from './entra-parser';
import { tokenize } from './lexer';
import { type LinearRegex } from './linear-regex';
import { OktaParser } from './okta-parser';
import { say } from './rule-problem';
import { SourceText } from './source-text';
import { MAX_RULE_LENGTH, type Dialect, type RuleError, type RuleNode } from './syntax-tree';
import { compileRuleSet } from './rule-index';
import { TreeBuilder } from './tree-builder';

/** A rule that parsed. Plain data: compare `tree`s to compare rules; formatRule gives canonical text. */
export interface ParsedRule {
  readonly dialect: Dialect;
  /** The text as the admin wrote it. */
  readonly source: string;
  readonly tree: RuleNode;
  /** Canonical names of the attributes the rule reads (`department`, `custom.costCenter`), sorted. */
  readonly attributes: readonly string[];
}

export type ParseResult = { ok: true; rule: ParsedRule } | { ok: false; errors: RuleError[] };

const compiled = new WeakMap<ParsedRule, Predicate>();

export function parseRule(text: string, dialect: Dialect = 'entra'): ParseResult {
  const source = new SourceText(text);
  if (text.length > MAX_RULE_LENGTH) {
    const length = text.length.toLocaleString('en-US');
    return {
      ok: false,
      errors: [
        source.error(
          say(
            `The rule is ${length} characters long; the limit is ${MAX_RULE_LENGTH.toLocaleString('en-US')}`,
            'rules.problems.ruleTooLong',
            { length: text.length, limit: MAX_RULE_LENGTH },
          ),
          MAX_RULE_LENGTH,
          text.length,
        ),
      ],
    };
  }
  const { tokens, errors } = tokenize(source, dialect);
  if (errors.length > 0) return { ok: false, errors };
  const builder = new TreeBuilder(source);
  const tree =
    dialect === 'okta' ? new OktaParser(tokens, builder).parse() : new EntraParser(tokens, builder).parse();
  if (tree === undefined || builder.errors.length > 0) {
    return { ok: false, errors: [...builder.errors].sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  const rule: ParsedRule = { dialect, source: text, tree, attributes: attributesOf(tree) };
  compiled.set(rule, compileNode(tree, new Map<string, LinearRegex>()));
  return { ok: true, rule };
}

function attributesOf(tree: RuleNode): string[] {
  const names = new Set<string>();
  const visit = (node: RuleNode): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        node.operands.forEach(visit);
        break;
      case 'not':
        visit(node.operand);
        break;
      case 'compare':
        if (node.subject.kind === 'attribute') names.add(node.subject.name);
        break;
      case 'quantifier':
        names.add(node.attribute);
        break;
    }
  };
  visit(tree);
  return [...names].sort();
}

/** The compiled predicate of a parsed rule; trees built elsewhere (e.g. by hand in tests) compile on first use. */
export function predicateOf(rule: ParsedRule, regexes?: RegexCache): Predicate {
  let predicate = compiled.get(rule);
  if (!predicate) {
    predicate = compileNode(rule.tree, regexes ?? new Map<string, LinearRegex>());
    compiled.set(rule, predicate);
  }
  return predicate;
}

/** A user prepared for evaluating many rules: values are read and case-folded once. */
export type PreparedUser = UserView;

export function prepareUser(user: UserAttributes): PreparedUser {
  return new UserView(user);
}

/** Whether a rule matches, without building a trace: the fast path for planning and bulk evaluation. */
export function matchesRule(rule: ParsedRule, user: UserAttributes | PreparedUser): boolean {
  return predicateOf(rule)(user instanceof UserView ? user : new UserView(user));
}

/**
 * Compiles many rules together (sharing compiled regexes) into one function returning the indexes of the rules
 * a user matches, in the order given. Use it to evaluate a whole rule set for many users.
 */
export function createRuleMatcher(
  rules: readonly ParsedRule[],
): (user: UserAttributes | PreparedUser) => number[] {
  const match = compileRuleSet(rules.map((rule) => rule.tree));
  return (user) => match(user instanceof UserView ? user.user : user);
}
