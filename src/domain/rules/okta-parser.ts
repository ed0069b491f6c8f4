// Parser for Okta group-rule expressions, mapping them onto the same syntax tree the Entra parser builds.

import { describe, joinNodes, MAX_NESTING, SyntaxStop } from './entra-parser';
import { type Token } from './lexer';
import { ownValue } from './own-property';
import { quote } from './source-text';
import { didYouMean } from './suggest';
import {
  type CompareOperator,
  type RuleNode,
  type ScalarLiteral,
  type TextOperator,
  type RegexOperator,
} from './syntax-tree';
import { type LiteralRef, type Span, type SubjectRef, type TreeBuilder } from './tree-builder';

const COMPARISONS: Readonly<Record<string, CompareOperator>> = {
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};

/** The operator to use when the value is written first: `3 < user.custom.level` is `user.custom.level > 3`. */
const MIRRORED: Readonly<Partial<Record<CompareOperator, CompareOperator>>> = {
  lt: 'gt',
  le: 'ge',
  gt: 'lt',
  ge: 'le',
};

const STRING_FUNCTIONS: Readonly<Record<string, TextOperator>> = {
  'String.startsWith': 'startsWith',
  'String.endsWith': 'endsWith',
  'String.stringContains': 'contains',
};

const GROUP_NAME_FUNCTIONS: Readonly<Record<string, CompareOperator>> = {
  isMemberOfGroupName: 'eq',
  isMemberOfGroupNameStartsWith: 'startsWith',
  isMemberOfGroupNameContains: 'contains',
  isMemberOfGroupNameRegex: 'match' satisfies RegexOperator,
};

const GROUP_ID_FUNCTIONS = new Set(['isMemberOfGroup', 'isMemberOfAnyGroup']);

/** user.isMemberOf({'group.profile.name': …, 'operator': …}) operators and what they become. */
const IS_MEMBER_OF_OPERATORS: Readonly<Record<string, CompareOperator>> = {
  EXACT: 'eq',
  STARTS_WITH: 'startsWith',
};

const SUPPORTED_FUNCTIONS = [
  ...Object.keys(STRING_FUNCTIONS),
  'Arrays.contains',
  ...Object.keys(GROUP_NAME_FUNCTIONS),
  'user.isMemberOf',
];

const VALUE_WORDS: Readonly<Record<string, ScalarLiteral>> = {
  true: { type: 'boolean', value: true },
  false: { type: 'boolean', value: false },
  null: { type: 'null' },
};

type Operand =
  | { readonly kind: 'attribute'; readonly ref: SubjectRef | undefined; readonly token: Token }
  | { readonly kind: 'value'; readonly ref: LiteralRef; readonly token: Token };

export class OktaParser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly builder: TreeBuilder,
  ) {}

  parse(): RuleNode | undefined {
    try {
      if (this.peek().type === 'end') {
        this.stop('The expression is empty; write one such as user.department == "Sales"', {
          start: 0,
          end: 0,
        });
      }
      const node = this.parseOr();
      const next = this.peek();
      if (next.type === ')') this.stop('Unexpected ")": there is no "(" to close', next);
      if (next.type !== 'end')
        this.stop(`Expected AND, OR or the end of the expression, found ${describe(next)}`, next);
      return node;
    } catch (error) {
      if (error instanceof SyntaxStop) return undefined;
      throw error;
    }
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'end') this.index++;
    return token;
  }

  private stop(message: string, at: Span): never {
    this.builder.fail(message, at);
    throw new SyntaxStop(message);
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_NESTING)
      this.stop(`Nesting is deeper than ${MAX_NESTING} levels; simplify the expression`, at);
  }

  private isConnector(token: Token, word: 'and' | 'or'): boolean {
    if (token.type === 'symbol') return token.text === (word === 'and' ? '&&' : '||');
    return token.type === 'name' && token.text.toLowerCase() === word;
  }

  private isNot(token: Token): boolean {
    return (
      (token.type === 'symbol' && token.text === '!') ||
      (token.type === 'name' && token.text.toLowerCase() === 'not')
    );
  }

  private parseOr(): RuleNode {
    const operands = [this.parseAnd()];
    while (this.isConnector(this.peek(), 'or')) {
      this.next();
      operands.push(this.parseAnd());
    }
    return joinNodes('or', operands);
  }

  private parseAnd(): RuleNode {
    const operands = [this.parseUnary()];
    while (this.isConnector(this.peek(), 'and')) {
      this.next();
      operands.push(this.parseUnary());
    }
    return joinNodes('and', operands);
  }

  private parseUnary(): RuleNode {
    const token = this.peek();
    if (!this.isNot(token)) return this.parsePrimary();
    this.next();
    this.enter(token);
    const operand = this.parseUnary();
    this.depth--;
    return { kind: 'not', operand };
  }

  private parsePrimary(): RuleNode {
    const token = this.peek();
    if (token.type === '(') {
      this.next();
      this.enter(token);
      const node = this.parseOr();
      this.depth--;
      const close = this.next();
      if (close.type === 'end') this.stop('Unclosed "(": add a matching ")"', token);
      if (close.type !== ')') this.stop(`Expected AND, OR or ")", found ${describe(close)}`, close);
      return node;
    }
    if (token.type === 'name' && this.peek(1).type === '(') return this.parseCall();
    if (token.type === 'end') this.stop('Expected a condition such as user.department == "Sales"', token);
    return this.parseComparison();
  }

  private parseComparison(): RuleNode {
    const left = this.parseOperand();
    const operatorToken = this.next();
    const comparison =
      operatorToken.type === 'symbol' ? ownValue(COMPARISONS, operatorToken.text) : undefined;
    if (comparison === undefined) {
      const found = describe(operatorToken);
      this.stop(
        `Expected a comparison such as ==, != or >= after ${left.token.text}, found ${found}`,
        operatorToken,
      );
    }
    const right = this.parseOperand();
    if (left.kind === 'attribute' && right.kind === 'value') {
      return left.ref
        ? this.builder.comparison(left.ref, comparison, operatorToken, right.ref)
        : INVALID_GROUP;
    }
    if (left.kind === 'value' && right.kind === 'attribute') {
      const operator = MIRRORED[comparison] ?? comparison;
      return right.ref
        ? this.builder.comparison(right.ref, operator, operatorToken, left.ref)
        : INVALID_GROUP;
    }
    if (left.kind === 'attribute')
      this.stop(`Compare against a value, not another attribute (${right.token.text})`, right.token);
    this.stop(
      `Expected an attribute such as user.department on one side of ${operatorToken.text}`,
      left.token,
    );
  }

  private parseOperand(): Operand {
    const token = this.peek();
    if (token.type === '{' || token.type === '[') return { kind: 'value', ref: this.parseList(), token };
    if (token.type === 'string') {
      this.next();
      return {
        kind: 'value',
        ref: { literal: { type: 'string', value: token.value as string }, span: token },
        token,
      };
    }
    if (token.type === 'number') {
      this.next();
      return {
        kind: 'value',
        ref: { literal: { type: 'number', value: token.value as number }, span: token },
        token,
      };
    }
    if (token.type === 'name') {
      this.next();
      const word = ownValue(VALUE_WORDS, token.text.toLowerCase());
      if (word) return { kind: 'value', ref: { literal: word, span: token }, token };
      return { kind: 'attribute', ref: this.builder.attribute(token.text, token, true), token };
    }
    this.stop(`Expected an attribute or a value, found ${describe(token)}`, token);
  }

  private parseList(): LiteralRef {
    const open = this.next();
    const closer = open.type === '{' ? '}' : ']';
    const items: ScalarLiteral[] = [];
    const itemSpans: Span[] = [];
    if (this.peek().type === closer) {
      const close = this.next();
      return { literal: { type: 'list', items }, span: { start: open.start, end: close.end }, itemSpans };
    }
    for (;;) {
      const token = this.next();
      const scalar: ScalarLiteral | undefined =
        token.type === 'string'
          ? { type: 'string', value: token.value as string }
          : token.type === 'number'
            ? { type: 'number', value: token.value as number }
            : token.type === 'name'
              ? ownValue(VALUE_WORDS, token.text.toLowerCase())
              : undefined;
      if (!scalar) {
        if (token.type === 'end')
          this.stop(`Unclosed ${quote(open.text)}: add a matching ${quote(closer)}`, open);
        this.stop(`Expected a value in the list, found ${describe(token)}`, token);
      }
      items.push(scalar);
      itemSpans.push(token);
      const separator = this.next();
      if (separator.type === closer) {
        return {
          literal: { type: 'list', items },
          span: { start: open.start, end: separator.end },
          itemSpans,
        };
      }
      if (separator.type === 'end')
        this.stop(`Unclosed ${quote(open.text)}: add a matching ${quote(closer)}`, open);
      if (separator.type !== ',')
        this.stop(`Expected "," or ${quote(closer)} in the list, found ${describe(separator)}`, separator);
    }
  }

  private parseArguments(name: Token): Operand[] {
    const open = this.next();
    const args: Operand[] = [];
    if (this.peek().type === ')') {
      this.next();
      return args;
    }
    for (;;) {
      if (this.peek().type === 'end') this.stop(`Unclosed "(" after ${name.text}: add a matching ")"`, open);
      args.push(this.parseOperand());
      const separator = this.next();
      if (separator.type === ')') return args;
      if (separator.type === 'end') this.stop(`Unclosed "(" after ${name.text}: add a matching ")"`, open);
      if (separator.type !== ',')
        this.stop(`Expected "," or ")" after an argument, found ${describe(separator)}`, separator);
    }
  }

  /** `user.isMemberOf({'group.profile.name': 'Admins', 'operator': 'STARTS_WITH'})` → user.groups -any (...). */
  private parseIsMemberOf(name: Token): RuleNode {
    const open = this.next();
    const brace = this.next();
    if (brace.type !== '{') {
      this.stop(
        `user.isMemberOf takes an object, e.g. user.isMemberOf({'group.profile.name': 'Admins'})`,
        brace,
      );
    }
    const fields = new Map<string, { value: string; token: Token }>();
    for (;;) {
      const key = this.next();
      if (key.type === '}' && fields.size === 0) break;
      if (key.type !== 'string')
        this.stop(`Expected a quoted field name such as 'group.profile.name', found ${describe(key)}`, key);
      const colon = this.next();
      if (colon.type !== ':') this.stop(`Expected ":" after ${key.text}, found ${describe(colon)}`, colon);
      const value = this.next();
      if (value.type !== 'string')
        this.stop(`Expected a quoted value for ${key.text}, found ${describe(value)}`, value);
      fields.set(key.value as string, { value: value.value as string, token: value });
      const separator = this.next();
      if (separator.type === '}') break;
      if (separator.type === 'end') this.stop('Unclosed "{": add a matching "}"', brace);
      if (separator.type !== ',')
        this.stop(`Expected "," or "}" in the object, found ${describe(separator)}`, separator);
    }
    const close = this.next();
    if (close.type !== ')')
      this.stop(
        `Expected ")" to close user.isMemberOf(, found ${describe(close)}`,
        close.type === 'end' ? open : close,
      );
    const span: Span = { start: name.start, end: close.end };
    if (fields.has('group.id')) {
      this.stop(
        `user.isMemberOf with 'group.id' matches Okta group ids, which mean nothing here; use 'group.profile.name'`,
        span,
      );
    }
    const groupName = fields.get('group.profile.name');
    if (!groupName)
      this.stop(
        `user.isMemberOf needs 'group.profile.name', e.g. user.isMemberOf({'group.profile.name': 'Admins'})`,
        span,
      );
    const operatorField = fields.get('operator');
    const operator = ownValue(IS_MEMBER_OF_OPERATORS, (operatorField?.value ?? 'EXACT').toUpperCase());
    if (operator === undefined) {
      this.stop(
        `user.isMemberOf supports 'operator': 'EXACT' or 'STARTS_WITH'`,
        operatorField?.token ?? span,
      );
    }
    const groups = this.builder.attribute('user.groups', name, true)!;
    const literal: LiteralRef = {
      literal: { type: 'string', value: groupName.value },
      span: groupName.token,
    };
    const predicate = this.builder.comparison(this.builder.item(groups, name), operator, name, literal);
    return this.builder.quantifier(groups, 'any', predicate);
  }

  private parseCall(): RuleNode {
    const name = this.next();
    const fn = name.text;
    if (GROUP_ID_FUNCTIONS.has(fn)) {
      this.stop(
        `${fn} matches Okta group ids, which mean nothing here; use isMemberOfGroupName("name")`,
        name,
      );
    }
    if (fn === 'user.isMemberOf') return this.parseIsMemberOf(name);
    const textOperator = ownValue(STRING_FUNCTIONS, fn);
    const groupOperator = ownValue(GROUP_NAME_FUNCTIONS, fn);
    if (textOperator === undefined && groupOperator === undefined && fn !== 'Arrays.contains') {
      const hint = didYouMean(fn, SUPPORTED_FUNCTIONS);
      this.stop(
        hint
          ? `Unknown function ${quote(fn)}${hint}`
          : `Unknown function ${quote(fn)}; supported: ${SUPPORTED_FUNCTIONS.join(', ')}`,
        name,
      );
    }
    const args = this.parseArguments(name);
    const callSpan: Span = { start: name.start, end: this.tokens[this.index - 1]!.end };

    if (textOperator !== undefined) {
      const [subject, value] = args;
      if (args.length !== 2 || subject?.kind !== 'attribute' || value?.kind !== 'value') {
        this.stop(`${fn} takes an attribute and a "string", e.g. ${fn}(user.jobTitle, "Eng")`, callSpan);
      }
      return subject.ref
        ? this.builder.comparison(subject.ref, textOperator, name, value.ref)
        : INVALID_GROUP;
    }

    if (groupOperator !== undefined) {
      const [value] = args;
      if (args.length !== 1 || value?.kind !== 'value')
        this.stop(`${fn} takes one "string", e.g. ${fn}("admins")`, callSpan);
      const groups = this.builder.attribute('user.groups', name, true)!;
      const literal = groupOperator === 'match' ? stripSlashes(value.ref) : value.ref;
      const predicate = this.builder.comparison(
        this.builder.item(groups, name),
        groupOperator,
        name,
        literal,
      );
      return this.builder.quantifier(groups, 'any', predicate);
    }

    // Arrays.contains(list attribute, value) is -any (_ -eq value); Arrays.contains({list}, attribute) is -in.
    const [first, second] = args;
    if (args.length === 2 && first?.kind === 'attribute' && second?.kind === 'value') {
      if (!first.ref) return INVALID_GROUP;
      const shape = first.ref.shape;
      if (shape.kind !== 'custom' && !(shape.kind === 'known' && shape.info.cardinality === 'multi')) {
        this.stop(
          `Arrays.contains needs a multi-valued attribute or a {list}; ${first.ref.display} has one value`,
          first.token,
        );
      }
      const predicate = this.builder.comparison(
        this.builder.item(first.ref, first.token),
        'eq',
        name,
        second.ref,
      );
      return this.builder.quantifier(first.ref, 'any', predicate);
    }
    if (
      args.length === 2 &&
      first?.kind === 'value' &&
      first.ref.literal.type === 'list' &&
      second?.kind === 'attribute'
    ) {
      return second.ref ? this.builder.comparison(second.ref, 'in', name, first.ref) : INVALID_GROUP;
    }
    this.stop(
      'Arrays.contains takes a multi-valued attribute and a value, e.g. Arrays.contains(user.idpGroups, "admins"), or a {list} and an attribute',
      callSpan,
    );
  }
}

/** Placeholder after an already-reported problem; the parse fails, so it never reaches evaluation. */
const INVALID_GROUP: RuleNode = { kind: 'and', operands: [] };

/** Okta writes group-name regexes as "/pattern/". */
function stripSlashes(ref: LiteralRef): LiteralRef {
  const literal = ref.literal;
  if (literal.type !== 'string' || literal.value.length < 2) return ref;
  const match = /^\/(.*)\/$/s.exec(literal.value);
  return match ? { ...ref, literal: { type: 'string', value: match[1]! } } : ref;
}
