// Parser for Okta group-rule expressions, mapping them onto the same syntax tree the Entra parser builds.

import {
  attributeAsValue,
  describe,
  expectedListSeparator,
  expectedListValue,
  joinNodes,
  MAX_NESTING,
  SyntaxStop,
  unclosed,
} from './entra-parser';
import { type Token } from './lexer';
import { ownValue } from './own-property';
import { quote } from './source-text';
import { say, type Said } from './rule-problem';
import { closest } from './suggest';
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
        this.stop(
          say(
            'The expression is empty; write one such as user.department == "Sales"',
            'rules.problems.emptyExpression',
          ),
          {
            start: 0,
            end: 0,
          },
        );
      }
      const node = this.parseOr();
      const next = this.peek();
      if (next.type === ')')
        this.stop(
          say('Unexpected ")": there is no "(" to close', 'rules.problems.unopenedParenthesis'),
          next,
        );
      if (next.type !== 'end') {
        const found = describe(next);
        this.stop(
          say(
            `Expected AND, OR or the end of the expression, found ${found.message}`,
            'rules.problems.expectedOktaConnector',
            {
              found,
            },
          ),
          next,
        );
      }
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

  private stop(said: Said, at: Span): never {
    this.builder.fail(said, at);
    throw new SyntaxStop(said.message);
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_NESTING)
      this.stop(
        say(
          `Nesting is deeper than ${MAX_NESTING} levels; simplify the expression`,
          'rules.problems.nestingTooDeepExpression',
          {
            max: MAX_NESTING,
          },
        ),
        at,
      );
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
      if (close.type === 'end') this.stop(unclosed('(', ')'), token);
      if (close.type !== ')') {
        const found = describe(close);
        this.stop(
          say(
            `Expected AND, OR or ")", found ${found.message}`,
            'rules.problems.expectedOktaConnectorOrClose',
            {
              found,
            },
          ),
          close,
        );
      }
      return node;
    }
    if (token.type === 'name' && this.peek(1).type === '(') return this.parseCall();
    if (token.type === 'end')
      this.stop(
        say(
          'Expected a condition such as user.department == "Sales"',
          'rules.problems.expectedOktaCondition',
        ),
        token,
      );
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
        say(
          `Expected a comparison such as ==, != or >= after ${left.token.text}, found ${found.message}`,
          'rules.problems.expectedComparison',
          { subject: left.token.text, found },
        ),
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
    if (left.kind === 'attribute') this.stop(attributeAsValue(right.token.text), right.token);
    this.stop(
      say(
        `Expected an attribute such as user.department on one side of ${operatorToken.text}`,
        'rules.problems.attributeOnOneSide',
        { operator: operatorToken.text },
      ),
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
    const found = describe(token);
    this.stop(
      say(`Expected an attribute or a value, found ${found.message}`, 'rules.problems.expectedOperand', {
        found,
      }),
      token,
    );
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
        if (token.type === 'end') this.stop(unclosed(open.text, closer), open);
        this.stop(expectedListValue(token), token);
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
      if (separator.type === 'end') this.stop(unclosed(open.text, closer), open);
      if (separator.type !== ',') this.stop(expectedListSeparator(closer, separator), separator);
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
      if (this.peek().type === 'end') this.stop(unclosedCall(name), open);
      args.push(this.parseOperand());
      const separator = this.next();
      if (separator.type === ')') return args;
      if (separator.type === 'end') this.stop(unclosedCall(name), open);
      if (separator.type !== ',') {
        const found = describe(separator);
        this.stop(
          say(
            `Expected "," or ")" after an argument, found ${found.message}`,
            'rules.problems.expectedArgumentSeparator',
            {
              found,
            },
          ),
          separator,
        );
      }
    }
  }

  /** `user.isMemberOf({'group.profile.name': 'Admins', 'operator': 'STARTS_WITH'})` → user.groups -any (...). */
  private parseIsMemberOf(name: Token): RuleNode {
    const open = this.next();
    const brace = this.next();
    if (brace.type !== '{') {
      this.stop(
        say(
          `user.isMemberOf takes an object, e.g. user.isMemberOf({'group.profile.name': 'Admins'})`,
          'rules.problems.isMemberOfNeedsObject',
        ),
        brace,
      );
    }
    const fields = new Map<string, { value: string; token: Token }>();
    for (;;) {
      const key = this.next();
      if (key.type === '}' && fields.size === 0) break;
      if (key.type !== 'string') {
        const found = describe(key);
        this.stop(
          say(
            `Expected a quoted field name such as 'group.profile.name', found ${found.message}`,
            'rules.problems.expectedFieldName',
            { found },
          ),
          key,
        );
      }
      const colon = this.next();
      if (colon.type !== ':') {
        const found = describe(colon);
        this.stop(
          say(`Expected ":" after ${key.text}, found ${found.message}`, 'rules.problems.expectedColon', {
            field: key.text,
            found,
          }),
          colon,
        );
      }
      const value = this.next();
      if (value.type !== 'string') {
        const found = describe(value);
        this.stop(
          say(
            `Expected a quoted value for ${key.text}, found ${found.message}`,
            'rules.problems.expectedFieldValue',
            {
              field: key.text,
              found,
            },
          ),
          value,
        );
      }
      fields.set(key.value as string, { value: value.value as string, token: value });
      const separator = this.next();
      if (separator.type === '}') break;
      if (separator.type === 'end') this.stop(unclosed('{', '}'), brace);
      if (separator.type !== ',') {
        const found = describe(separator);
        this.stop(
          say(
            `Expected "," or "}" in the object, found ${found.message}`,
            'rules.problems.expectedObjectSeparator',
            {
              found,
            },
          ),
          separator,
        );
      }
    }
    const close = this.next();
    if (close.type !== ')')
      this.stop(
        say(
          `Expected ")" to close user.isMemberOf(, found ${describe(close).message}`,
          'rules.problems.expectedIsMemberOfClose',
          {
            found: describe(close),
          },
        ),
        close.type === 'end' ? open : close,
      );
    const span: Span = { start: name.start, end: close.end };
    if (fields.has('group.id')) {
      this.stop(
        say(
          `user.isMemberOf with 'group.id' matches Okta group ids, which mean nothing here; use 'group.profile.name'`,
          'rules.problems.isMemberOfGroupId',
        ),
        span,
      );
    }
    const groupName = fields.get('group.profile.name');
    if (!groupName)
      this.stop(
        say(
          `user.isMemberOf needs 'group.profile.name', e.g. user.isMemberOf({'group.profile.name': 'Admins'})`,
          'rules.problems.isMemberOfNeedsName',
        ),
        span,
      );
    const operatorField = fields.get('operator');
    const operator = ownValue(IS_MEMBER_OF_OPERATORS, (operatorField?.value ?? 'EXACT').toUpperCase());
    if (operator === undefined) {
      this.stop(
        say(
          `user.isMemberOf supports 'operator': 'EXACT' or 'STARTS_WITH'`,
          'rules.problems.isMemberOfOperator',
        ),
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
        say(
          `${fn} matches Okta group ids, which mean nothing here; use isMemberOfGroupName("name")`,
          'rules.problems.groupIdFunction',
          { function: fn },
        ),
        name,
      );
    }
    if (fn === 'user.isMemberOf') return this.parseIsMemberOf(name);
    const textOperator = ownValue(STRING_FUNCTIONS, fn);
    const groupOperator = ownValue(GROUP_NAME_FUNCTIONS, fn);
    if (textOperator === undefined && groupOperator === undefined && fn !== 'Arrays.contains') {
      const suggestion = closest(fn, SUPPORTED_FUNCTIONS);
      const shown = quote(fn);
      this.stop(
        suggestion !== undefined
          ? say(
              `Unknown function ${shown} — did you mean "${suggestion}"?`,
              'rules.problems.unknownFunctionSuggestion',
              { function: shown, suggestion },
            )
          : say(
              `Unknown function ${shown}; supported: ${SUPPORTED_FUNCTIONS.join(', ')}`,
              'rules.problems.unknownFunction',
              { function: shown, supported: SUPPORTED_FUNCTIONS.join(', ') },
            ),
        name,
      );
    }
    const args = this.parseArguments(name);
    const callSpan: Span = { start: name.start, end: this.tokens[this.index - 1]!.end };

    if (textOperator !== undefined) {
      const [subject, value] = args;
      if (args.length !== 2 || subject?.kind !== 'attribute' || value?.kind !== 'value') {
        this.stop(
          say(
            `${fn} takes an attribute and a "string", e.g. ${fn}(user.jobTitle, "Eng")`,
            'rules.problems.textFunctionArguments',
            { function: fn },
          ),
          callSpan,
        );
      }
      return subject.ref
        ? this.builder.comparison(subject.ref, textOperator, name, value.ref)
        : INVALID_GROUP;
    }

    if (groupOperator !== undefined) {
      const [value] = args;
      if (args.length !== 1 || value?.kind !== 'value')
        this.stop(
          say(`${fn} takes one "string", e.g. ${fn}("admins")`, 'rules.problems.groupFunctionArguments', {
            function: fn,
          }),
          callSpan,
        );
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
          say(
            `Arrays.contains needs a multi-valued attribute or a {list}; ${first.ref.display} has one value`,
            'rules.problems.arraysContainsSingleValued',
            { attribute: first.ref.display },
          ),
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
      say(
        'Arrays.contains takes a multi-valued attribute and a value, e.g. Arrays.contains(user.idpGroups, "admins"), or a {list} and an attribute',
        'rules.problems.arraysContainsArguments',
      ),
      callSpan,
    );
  }
}

function unclosedCall(name: Token): Said {
  return say(`Unclosed "(" after ${name.text}: add a matching ")"`, 'rules.problems.unclosedCall', {
    function: name.text,
  });
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
