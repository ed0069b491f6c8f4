// Recursive-descent parser for Entra dynamic-membership syntax (see grammar.md), producing checked trees.

import { ownValue } from './own-property';
import { quote } from './source-text';
import { say, type Said } from './rule-problem';
import { closest } from './suggest';
import {
  OPERATORS,
  type CompareOperator,
  type Quantifier,
  type RuleNode,
  type ScalarLiteral,
} from './syntax-tree';
import { type Token } from './lexer';
import { type LiteralRef, type Span, type SubjectRef, type TreeBuilder } from './tree-builder';

/** Deepest nesting of parentheses and -not accepted; real rules stay far below it. */
export const MAX_NESTING = 64;

const OPERATOR_BY_TOKEN = new Map<string, CompareOperator>(
  OPERATORS.map((o) => [o.token.toLowerCase(), o.operator]),
);
const ALL_OPERATOR_TOKENS = [...OPERATORS.map((o) => o.token), '-any', '-all', '-and', '-or', '-not'];
/** Operators people bring from other languages, and the Entra operator they mean. */
const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  '-equals': '-eq',
  '-equal': '-eq',
  '-is': '-eq',
  '-neq': '-ne',
  '-notequals': '-ne',
  '-isnot': '-ne',
  '-beginswith': '-startsWith',
  '-has': '-contains',
  '-includes': '-contains',
  '-regex': '-match',
  '-like': '-match',
  '-notlike': '-notMatch',
  '-lte': '-le',
  '-gte': '-ge',
};

const VALUE_WORDS: Readonly<Record<string, ScalarLiteral>> = {
  true: { type: 'boolean', value: true },
  false: { type: 'boolean', value: false },
  null: { type: 'null' },
  $true: { type: 'boolean', value: true },
  $false: { type: 'boolean', value: false },
  $null: { type: 'null' },
};

/** Thrown to stop at the first syntax error; semantic errors are collected without stopping. */
export class SyntaxStop extends Error {}

/** Shared between the Entra and Okta parsers: flattening keeps equivalent groupings as one tree. */
export function joinNodes(kind: 'and' | 'or', operands: RuleNode[]): RuleNode {
  if (operands.length === 1) return operands[0]!;
  const flat: RuleNode[] = [];
  for (const operand of operands) {
    if (operand.kind === kind) flat.push(...operand.operands);
    else flat.push(operand);
  }
  return { kind, operands: flat };
}

const UNKNOWN_SUBJECT: SubjectRef = {
  subject: { kind: 'attribute', name: 'custom.unknown' },
  shape: { kind: 'custom' },
  display: 'the attribute',
  span: { start: 0, end: 0 },
};

interface Scope {
  /** Inside `-any (...)`: the quantified attribute, whose values `_` stands for. */
  readonly quantified?: SubjectRef;
}

export class EntraParser {
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
            'The rule is empty; write a condition such as user.department -eq "Sales"',
            'rules.problems.emptyRule',
          ),
          {
            start: 0,
            end: 0,
          },
        );
      }
      const node = this.parseOr({});
      const next = this.peek();
      if (next.type === ')')
        this.stop(
          say('Unexpected ")": there is no "(" to close', 'rules.problems.unopenedParenthesis'),
          next,
        );
      if (next.type !== 'end') this.expectedConnector(next);
      return node;
    } catch (error) {
      if (error instanceof SyntaxStop) return undefined;
      throw error;
    }
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'end') this.index++;
    return token;
  }

  private isOperator(token: Token, word: string): boolean {
    return token.type === 'operator' && token.text.toLowerCase() === word;
  }

  private stop(said: Said, at: Span): never {
    this.builder.fail(said, at);
    throw new SyntaxStop(said.message);
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_NESTING)
      this.stop(
        say(
          `Nesting is deeper than ${MAX_NESTING} levels; simplify the rule`,
          'rules.problems.nestingTooDeep',
          {
            max: MAX_NESTING,
          },
        ),
        at,
      );
  }

  private expectedConnector(found: Token): never {
    if (found.type === 'name' && /^(and|or)$/i.test(found.text)) {
      this.stop(
        say(
          `${quote(found.text)} is Okta syntax; in Entra rules write -${found.text.toLowerCase()}`,
          'rules.problems.oktaSyntaxInEntra',
          { token: quote(found.text), replacement: `-${found.text.toLowerCase()}` },
        ),
        found,
      );
    }
    const what = describe(found);
    this.stop(
      say(
        `Expected -and, -or or the end of the rule, found ${what.message}`,
        'rules.problems.expectedConnector',
        {
          found: what,
        },
      ),
      found,
    );
  }

  private parseOr(scope: Scope): RuleNode {
    const operands = [this.parseAnd(scope)];
    while (this.isOperator(this.peek(), '-or')) {
      this.next();
      operands.push(this.parseAnd(scope));
    }
    return joinNodes('or', operands);
  }

  private parseAnd(scope: Scope): RuleNode {
    const operands = [this.parseNot(scope)];
    while (this.isOperator(this.peek(), '-and')) {
      this.next();
      operands.push(this.parseNot(scope));
    }
    return joinNodes('and', operands);
  }

  private parseNot(scope: Scope): RuleNode {
    const token = this.peek();
    if (!this.isOperator(token, '-not')) return this.parsePrimary(scope);
    this.next();
    this.enter(token);
    const operand = this.parseNot(scope);
    this.depth--;
    return { kind: 'not', operand };
  }

  private parsePrimary(scope: Scope): RuleNode {
    const token = this.peek();
    if (token.type === '(') {
      this.next();
      this.enter(token);
      const node = this.parseOr(scope);
      this.depth--;
      const close = this.peek();
      if (close.type !== ')') {
        if (close.type === 'end') this.stop(unclosed('(', ')'), token);
        this.expectedConnector(close);
      }
      this.next();
      return node;
    }
    if (token.type === 'name') return this.parseComparison(scope);
    if (token.type === 'end') {
      // An empty rule is reported before parsing starts, so the end always follows some token.
      const previous = this.tokens[this.index - 1]!;
      this.stop(
        say(
          `Expected a condition after ${previous.text}, such as user.department -eq "Sales"`,
          'rules.problems.expectedConditionAfter',
          { token: previous.text },
        ),
        token,
      );
    }
    if (token.type === 'string' || token.type === 'number') {
      const what = describe(token);
      this.stop(
        say(
          `Expected an attribute such as user.department, found ${what.message}; put the attribute first`,
          'rules.problems.valueBeforeAttribute',
          { found: what },
        ),
        token,
      );
    }
    const what = describe(token);
    this.stop(
      say(
        `Expected a condition such as user.department -eq "Sales", found ${what.message}`,
        'rules.problems.expectedCondition',
        { found: what },
      ),
      token,
    );
  }

  private parseSubject(scope: Scope): SubjectRef | undefined {
    const token = this.next();
    if (token.text === '_') {
      if (!scope.quantified) {
        this.builder.fail(
          say(
            '_ stands for each value of a multi-valued attribute and only works inside -any (...) or -all (...)',
            'rules.problems.itemOutsideQuantifier',
          ),
          token,
        );
        return undefined;
      }
      return this.builder.item(scope.quantified, token);
    }
    const subject = this.builder.attribute(token.text, token, false);
    if (subject && scope.quantified) {
      this.builder.fail(
        say(
          `Inside ${scope.quantified.display} -any (...) compare _ (each value of ${scope.quantified.display}), not ${subject.display}`,
          'rules.problems.attributeInsideQuantifier',
          { attribute: scope.quantified.display, subject: subject.display },
        ),
        token,
      );
      return undefined;
    }
    return subject;
  }

  private parseComparison(scope: Scope): RuleNode {
    const subjectToken = this.peek();
    const subject = this.parseSubject(scope);
    const operatorToken = this.next();
    if (operatorToken.type !== 'operator') {
      const found = describe(operatorToken);
      if (operatorToken.type === 'name' && OPERATOR_BY_TOKEN.has(`-${operatorToken.text.toLowerCase()}`)) {
        this.stop(
          say(`Missing "-": write -${operatorToken.text}`, 'rules.problems.missingDash', {
            operator: `-${operatorToken.text}`,
          }),
          operatorToken,
        );
      }
      this.stop(
        say(
          `Expected an operator such as -eq, -startsWith or -in after ${subjectToken.text}, found ${found.message}`,
          'rules.problems.expectedOperator',
          { subject: subjectToken.text, found },
        ),
        operatorToken,
      );
    }
    const word = operatorToken.text.toLowerCase();
    if (word === '-any' || word === '-all')
      return this.parseQuantifier(subject, word === '-any' ? 'any' : 'all', operatorToken);
    const operator = OPERATOR_BY_TOKEN.get(word);
    if (operator === undefined) {
      if (word === '-and' || word === '-or' || word === '-not') {
        this.stop(
          say(
            `Expected an operator such as -eq after ${subjectToken.text}, found ${operatorToken.text}`,
            'rules.problems.connectorAsOperator',
            { subject: subjectToken.text, token: operatorToken.text },
          ),
          operatorToken,
        );
      }
      if (operatorToken.start === subjectToken.end) {
        this.stop(
          say(
            `Names cannot contain "-": ${quote(subjectToken.text + operatorToken.text)}; custom attribute names use letters, digits and _`,
            'rules.problems.dashInName',
            { name: quote(subjectToken.text + operatorToken.text) },
          ),
          { start: subjectToken.start, end: operatorToken.end },
        );
      }
      const suggestion = ownValue(OPERATOR_ALIASES, word) ?? closest(operatorToken.text, ALL_OPERATOR_TOKENS);
      const operator = quote(operatorToken.text);
      this.stop(
        suggestion === undefined
          ? say(`Unknown operator ${operator}`, 'rules.problems.unknownOperator', { operator })
          : say(
              `Unknown operator ${operator} — did you mean "${suggestion}"?`,
              'rules.problems.unknownOperatorSuggestion',
              { operator, suggestion },
            ),
        operatorToken,
      );
    }
    const value = this.parseValue(operatorToken);
    if (!subject) return { kind: 'and', operands: [] };
    return this.builder.comparison(subject, operator, operatorToken, value);
  }

  private parseQuantifier(subject: SubjectRef | undefined, quantifier: Quantifier, at: Token): RuleNode {
    const usable = subject !== undefined && this.builder.checkQuantifiable(subject, quantifier, at);
    const open = this.peek();
    if (open.type !== '(') {
      this.stop(
        say(
          `-${quantifier} needs a condition in parentheses, e.g. user.groups -${quantifier} (_ -eq "admins")`,
          'rules.problems.quantifierNeedsParentheses',
          { quantifier },
        ),
        open,
      );
    }
    this.next();
    this.enter(open);
    // After a reported problem with the attribute, keep _ legal inside so one mistake gives one message.
    const predicate = this.parseOr({ quantified: subject ?? UNKNOWN_SUBJECT });
    this.depth--;
    const close = this.peek();
    if (close.type !== ')') {
      if (close.type === 'end') this.stop(unclosed('(', ')'), open);
      this.expectedConnector(close);
    }
    this.next();
    return usable ? this.builder.quantifier(subject, quantifier, predicate) : { kind: 'and', operands: [] };
  }

  private parseValue(operator: Token): LiteralRef {
    const token = this.peek();
    if (token.type === '[') return this.parseList();
    const scalar = this.scalar(token);
    if (scalar) {
      this.next();
      return { literal: scalar, span: token };
    }
    if (token.type === 'name' && /^(user|system)\./i.test(token.text)) {
      if (/^system\./i.test(token.text)) this.stop(systemAttribute(token.text), token);
      this.stop(attributeAsValue(token.text), token);
    }
    const found = describe(token);
    this.stop(
      say(
        `Expected a value after ${operator.text}: a "string", a number, true, false, null or a [list]; found ${found.message}`,
        'rules.problems.expectedValue',
        { operator: operator.text, found },
      ),
      token,
    );
  }

  private scalar(token: Token): ScalarLiteral | undefined {
    if (token.type === 'string') return { type: 'string', value: token.value as string };
    if (token.type === 'number') return { type: 'number', value: token.value as number };
    if (token.type === 'name') return ownValue(VALUE_WORDS, token.text.toLowerCase());
    return undefined;
  }

  private parseList(): LiteralRef {
    const open = this.next();
    const items: ScalarLiteral[] = [];
    const itemSpans: Span[] = [];
    if (this.peek().type === ']') {
      const close = this.next();
      return { literal: { type: 'list', items }, span: { start: open.start, end: close.end }, itemSpans };
    }
    for (;;) {
      const token = this.peek();
      const scalar = this.scalar(token);
      if (!scalar) {
        if (token.type === 'end') this.stop(unclosed('[', ']'), open);
        if (token.type === '[')
          this.stop(say('Lists cannot contain lists', 'rules.problems.nestedList'), token);
        this.stop(expectedListValue(token), token);
      }
      this.next();
      items.push(scalar);
      itemSpans.push(token);
      const separator = this.next();
      if (separator.type === ']')
        return {
          literal: { type: 'list', items },
          span: { start: open.start, end: separator.end },
          itemSpans,
        };
      if (separator.type === 'end') this.stop(unclosed('[', ']'), open);
      if (separator.type !== ',') this.stop(expectedListSeparator(']', separator), separator);
      if (this.peek().type === ']')
        this.stop(say('Expected a value after ","', 'rules.problems.valueAfterComma'), this.peek());
    }
  }
}

/** What was found where something else was expected: the end, a value as written, or a quoted token. */
export function describe(token: Token): Said {
  if (token.type === 'end') return say('the end of the rule', 'rules.problems.found.end');
  if (token.type === 'string' || token.type === 'number') {
    const value = quote(token.text, 40).slice(1, -1);
    return say(`the value ${value}`, 'rules.problems.found.value', { value });
  }
  return say(quote(token.text), 'rules.problems.found.token', { token: quote(token.text) });
}

/** An opening bracket the rule never closes (the brackets are given as written, without quotes). */
export function unclosed(open: string, close: string): Said {
  return say(`Unclosed ${quote(open)}: add a matching ${quote(close)}`, 'rules.problems.unclosedBracket', {
    open: quote(open),
    close: quote(close),
  });
}

export function expectedListValue(token: Token): Said {
  const found = describe(token);
  return say(`Expected a value in the list, found ${found.message}`, 'rules.problems.expectedListValue', {
    found,
  });
}

export function expectedListSeparator(close: string, token: Token): Said {
  const found = describe(token);
  return say(
    `Expected "," or ${quote(close)} in the list, found ${found.message}`,
    'rules.problems.expectedListSeparator',
    { close: quote(close), found },
  );
}

export function systemAttribute(path: string): Said {
  return say(
    `${path} is not supported; compare with an ISO date such as "2025-01-31"`,
    'rules.problems.systemAttribute',
    { attribute: path },
  );
}

export function attributeAsValue(path: string): Said {
  return say(`Compare against a value, not another attribute (${path})`, 'rules.problems.attributeAsValue', {
    attribute: path,
  });
}
