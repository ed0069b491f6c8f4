// Builds checked syntax-tree nodes for both parsers, so Entra and Okta rules get the same trees and messages.

import {
  attributePath,
  CUSTOM_ATTRIBUTE_NAME_PATTERN,
  CUSTOM_ATTRIBUTE_PREFIX,
  findKnownAttribute,
  KNOWN_ATTRIBUTES,
  type AttributeInfo,
} from './attributes';
import { formatScalar } from './format';
import { parseIsoDate } from './iso-date';
import { ownValue } from './own-property';
import { systemAttribute } from './entra-parser';
import { compilePattern, type PatternProblem } from './linear-regex';
import { say, type Said } from './rule-problem';
import { quote, type SourceText } from './source-text';
import { closest } from './suggest';
import {
  operatorFamily,
  operatorToken,
  type CompareOperator,
  type Literal,
  type Quantifier,
  type RuleError,
  type RuleNode,
  type ScalarLiteral,
  type Subject,
} from './syntax-tree';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** What a subject holds: a built-in attribute, a pushed attribute, or one value of a multi-valued attribute. */
export type SubjectShape =
  | { readonly kind: 'known'; readonly info: AttributeInfo }
  | { readonly kind: 'custom' }
  | { readonly kind: 'item'; readonly of: string; readonly custom: boolean };

export interface SubjectRef {
  readonly subject: Subject;
  readonly shape: SubjectShape;
  /** How the admin's rule names it, for messages: `user.department` or `_`. */
  readonly display: string;
  readonly span: Span;
}

export interface LiteralRef {
  readonly literal: Literal;
  readonly span: Span;
  /** Positions of each list item, for messages about one of them. */
  readonly itemSpans?: readonly Span[];
}

/** Okta profile names that mean one of our attributes. */
const OKTA_ALIASES: Readonly<Record<string, string>> = { title: 'jobTitle', timezone: 'timeZone' };

const ATTRIBUTE_PATHS = KNOWN_ATTRIBUTES.map((a) => a.path);

/** Placeholder returned after a semantic error so parsing can go on and report later problems too. */
const INVALID: RuleNode = {
  kind: 'compare',
  subject: { kind: 'item' },
  operator: 'eq',
  value: { type: 'null' },
};

export class TreeBuilder {
  readonly errors: RuleError[] = [];

  constructor(private readonly source: SourceText) {}

  fail(said: Said, span: Span): void {
    this.errors.push(this.source.error(said, span.start, span.end));
  }

  /**
   * Where a problem inside a pattern sits in the rule's text: on the construct itself when the string holds the
   * pattern as written (no escapes; Okta's "/pattern/" too), otherwise on the whole string.
   */
  private patternSpan(ref: LiteralRef, pattern: string, problem: PatternProblem): Span {
    const inner = this.source.text.slice(ref.span.start + 1, ref.span.end - 1);
    const offset = inner === pattern ? 1 : inner === `/${pattern}/` ? 2 : undefined;
    if (offset === undefined) return ref.span;
    const start = ref.span.start + offset + problem.start;
    return { start, end: Math.max(start + 1, ref.span.start + offset + problem.end) };
  }

  /** Resolves `user.<name>` (any case) to a canonical attribute, or reports why it cannot. */
  attribute(path: string, span: Span, okta: boolean): SubjectRef | undefined {
    const dot = path.indexOf('.');
    const head = dot < 0 ? path : path.slice(0, dot);
    if (head.toLowerCase() !== 'user') {
      if (head.toLowerCase() === 'system') {
        this.fail(systemAttribute(path), span);
        return undefined;
      }
      const known =
        findKnownAttribute(path) ??
        (okta ? findKnownAttribute(ownValue(OKTA_ALIASES, path) ?? '') : undefined);
      this.fail(
        known
          ? say(`Attributes start with "user.": write ${known.path}`, 'rules.problems.missingUserPrefix', {
              attribute: known.path,
            })
          : say(
              `Expected an attribute such as user.department, found ${quote(path)}`,
              'rules.problems.expectedAttribute',
              { found: quote(path) },
            ),
        span,
      );
      return undefined;
    }
    const rest = path.slice(dot + 1);
    if (dot > 0 && rest.toLowerCase().startsWith(CUSTOM_ATTRIBUTE_PREFIX)) {
      const name = rest.slice(CUSTOM_ATTRIBUTE_PREFIX.length);
      if (!CUSTOM_ATTRIBUTE_NAME_PATTERN.test(name)) {
        this.fail(
          say(
            `Custom attribute names use letters, digits and _ only (no dots), as in user.custom.costCenter; found ${quote(path)}`,
            'rules.problems.customAttributeName',
            { name: quote(path) },
          ),
          span,
        );
        return undefined;
      }
      const canonical = CUSTOM_ATTRIBUTE_PREFIX + name;
      return {
        subject: { kind: 'attribute', name: canonical },
        shape: { kind: 'custom' },
        display: attributePath(canonical),
        span,
      };
    }
    const info =
      dot > 0
        ? (findKnownAttribute(rest) ??
          (okta ? findKnownAttribute(ownValue(OKTA_ALIASES, rest) ?? '') : undefined))
        : undefined;
    if (!info) {
      const suggestion = closest(path, ATTRIBUTE_PATHS);
      const attribute = quote(path);
      this.fail(
        suggestion !== undefined
          ? say(
              `Unknown attribute ${attribute} — did you mean "${suggestion}"?`,
              'rules.problems.unknownAttributeSuggestion',
              { attribute, suggestion },
            )
          : say(
              `Unknown attribute ${attribute}; pushed attributes are written user.custom.<name>`,
              'rules.problems.unknownAttribute',
              { attribute },
            ),
        span,
      );
      return undefined;
    }
    return {
      subject: { kind: 'attribute', name: info.name },
      shape: { kind: 'known', info },
      display: info.path,
      span,
    };
  }

  /** The `_` subject inside `-any`/`-all` over `attribute`. */
  item(quantified: SubjectRef, span: Span): SubjectRef {
    const custom = quantified.shape.kind === 'custom';
    return {
      subject: { kind: 'item' },
      shape: { kind: 'item', of: quantified.display, custom },
      display: '_',
      span,
    };
  }

  /** Checks that a multi-valued attribute can be quantified; reports and returns false if not. */
  checkQuantifiable(subject: SubjectRef, quantifier: Quantifier, span: Span): boolean {
    const shape = subject.shape;
    if (shape.kind === 'known' && shape.info.cardinality === 'single') {
      this.fail(
        say(
          `-${quantifier} needs a multi-valued attribute; ${subject.display} has one value`,
          'rules.problems.quantifierNeedsMultiValued',
          { quantifier, attribute: subject.display },
        ),
        span,
      );
      return false;
    }
    if (shape.kind === 'item') {
      this.fail(
        say(
          `-${quantifier} cannot be nested: _ is already a single value of ${shape.of}`,
          'rules.problems.nestedQuantifier',
          { quantifier, attribute: shape.of },
        ),
        span,
      );
      return false;
    }
    return true;
  }

  quantifier(subject: SubjectRef, quantifier: Quantifier, predicate: RuleNode): RuleNode {
    if (subject.subject.kind !== 'attribute') return INVALID;
    return { kind: 'quantifier', quantifier, attribute: subject.subject.name, predicate };
  }

  /** A checked comparison node, or a placeholder after reporting what is wrong. */
  comparison(
    subject: SubjectRef,
    operator: CompareOperator,
    operatorSpan: Span,
    value: LiteralRef,
  ): RuleNode {
    const errorsBefore = this.errors.length;
    const literal = this.checkComparison(subject, operator, operatorSpan, value);
    if (this.errors.length > errorsBefore || literal === undefined) return INVALID;
    return { kind: 'compare', subject: subject.subject, operator, value: literal };
  }

  private checkComparison(
    subject: SubjectRef,
    operator: CompareOperator,
    operatorSpan: Span,
    ref: LiteralRef,
  ): Literal | undefined {
    const token = operatorToken(operator);
    const family = operatorFamily(operator);
    const shape = subject.shape;
    const literal = ref.literal;

    if (shape.kind === 'known' && shape.info.cardinality === 'multi') {
      const nullCheck = family === 'equality' && literal.type === 'null';
      if (!nullCheck) {
        this.fail(
          say(
            `${subject.display} has many values; use ${subject.display} -any (_ ${token} ${sampleValue(literal)})`,
            'rules.problems.multiValuedNeedsQuantifier',
            { attribute: subject.display, operator: token, value: sampleValue(literal) },
          ),
          operatorSpan,
        );
        return undefined;
      }
      return literal;
    }

    if (family === 'list') {
      if (literal.type !== 'list') {
        this.fail(
          say(`${token} needs a list such as ["a", "b"]`, 'rules.problems.listOperatorNeedsList', {
            operator: token,
          }),
          ref.span,
        );
        return undefined;
      }
      if (literal.items.length === 0) {
        this.fail(say('The list is empty; add at least one value', 'rules.problems.emptyList'), ref.span);
        return undefined;
      }
    } else if (literal.type === 'list') {
      this.fail(
        say(`A list only works with -in or -notIn, not ${token}`, 'rules.problems.listWithScalarOperator', {
          operator: token,
        }),
        ref.span,
      );
      return undefined;
    }

    if (family === 'text' || family === 'regex') {
      if (literal.type !== 'string' || (family === 'text' && literal.value === '')) {
        const what =
          literal.type === 'string'
            ? say('an empty string', 'rules.problems.literal.emptyString')
            : describeLiteral(literal);
        this.fail(
          literal.type === 'null'
            ? say(
                `${token} needs a non-empty "string" value, not null; use -eq null or -ne null`,
                'rules.problems.textOperatorNeedsStringNotNull',
                { operator: token },
              )
            : say(
                `${token} needs a non-empty "string" value, not ${what.message}`,
                'rules.problems.textOperatorNeedsString',
                { operator: token, what },
              ),
          ref.span,
        );
        return undefined;
      }
      if (shape.kind === 'known' && shape.info.type !== 'string') {
        this.fail(supportedOperators(subject.display, shape.info), operatorSpan);
        return undefined;
      }
      if (family === 'regex') {
        const compiled = compilePattern(literal.value);
        if (!compiled.ok) {
          this.fail(compiled.problem, this.patternSpan(ref, literal.value, compiled.problem));
          return undefined;
        }
      }
      return literal;
    }

    if (family === 'order') {
      if (shape.kind === 'known' || (shape.kind === 'item' && !shape.custom)) {
        const held = holding(subject);
        this.fail(
          say(
            `${token} compares numbers or ISO dates, which only custom attributes (user.custom.<name>) hold; ${held.message}`,
            'rules.problems.orderNeedsCustomAttribute',
            { operator: token, holding: held },
          ),
          operatorSpan,
        );
        return undefined;
      }
      const ok =
        literal.type === 'number' || (literal.type === 'string' && parseIsoDate(literal.value) !== null);
      if (!ok) {
        const shown = describeLiteral(literal);
        this.fail(
          say(
            `${token} compares numbers or ISO dates such as "2025-01-31"; ${shown.message} is neither`,
            'rules.problems.orderNeedsNumberOrDate',
            { operator: token, value: shown },
          ),
          ref.span,
        );
        return undefined;
      }
      return literal;
    }

    // Equality and list operators: normalise "" to null and check values against the attribute's type.
    const items = literal.type === 'list' ? literal.items : [literal];
    const spans = literal.type === 'list' ? (ref.itemSpans ?? []) : [ref.span];
    const normalised: ScalarLiteral[] = [];
    for (let k = 0; k < items.length; k++) {
      const item = items[k]!;
      const span = spans[k] ?? ref.span;
      const value: ScalarLiteral = item.type === 'string' && item.value === '' ? { type: 'null' } : item;
      if (!this.checkEqualityValue(subject, value, span)) return undefined;
      normalised.push(value);
    }
    if (shape.kind === 'known' && shape.info.type === 'boolean' && family === 'list') {
      this.fail(supportedOperators(subject.display, shape.info), operatorSpan);
      return undefined;
    }
    return literal.type === 'list' ? { type: 'list', items: normalised } : normalised[0]!;
  }

  private checkEqualityValue(subject: SubjectRef, value: ScalarLiteral, span: Span): boolean {
    const shape = subject.shape;
    if (value.type === 'null') return true;
    const textual =
      (shape.kind === 'known' && shape.info.type === 'string') || (shape.kind === 'item' && !shape.custom);
    if (textual && value.type !== 'string') {
      const shown = String(value.value);
      this.fail(
        shape.kind === 'item'
          ? say(
              `Values of ${shape.of} are text; put the value in quotes: "${shown}"`,
              'rules.problems.quoteItemValue',
              { attribute: shape.of, value: shown },
            )
          : say(
              `${subject.display} holds text; put the value in quotes: "${shown}"`,
              'rules.problems.quoteTextValue',
              { attribute: subject.display, value: shown },
            ),
        span,
      );
      return false;
    }
    if (shape.kind === 'known' && shape.info.type === 'boolean' && value.type !== 'boolean') {
      this.fail(
        say(
          `${subject.display} is true or false; write true or false without quotes`,
          'rules.problems.booleanWithoutQuotes',
          { attribute: subject.display },
        ),
        span,
      );
      return false;
    }
    if (shape.kind === 'known' && shape.info.type === 'enum') {
      const allowed = shape.info.values ?? [];
      if (value.type !== 'string' || !allowed.some((v) => v.toLowerCase() === value.value.toLowerCase())) {
        const shown = value.type === 'string' ? quote(value.value) : String(value.value);
        const list = allowed.map((v) => `"${v}"`);
        const choices = list.slice(0, -1).join(', ');
        const last = list[list.length - 1]!;
        const suggestion = value.type === 'string' ? closest(value.value, allowed) : undefined;
        const values = { attribute: subject.display, choices, last, value: shown };
        this.fail(
          suggestion === undefined
            ? say(
                `${subject.display} is ${choices} or ${last}; ${shown} is none of them`,
                'rules.problems.enumValue',
                values,
              )
            : say(
                `${subject.display} is ${choices} or ${last}; ${shown} is none of them — did you mean "${suggestion}"?`,
                'rules.problems.enumValueSuggestion',
                { ...values, suggestion },
              ),
          span,
        );
        return false;
      }
    }
    return true;
  }
}

function supportedOperators(attribute: string, info: AttributeInfo): Said {
  return info.type === 'boolean'
    ? say(`${attribute} supports -eq and -ne only`, 'rules.problems.booleanOperatorsOnly', { attribute })
    : say(`${attribute} supports -eq, -ne, -in and -notIn only`, 'rules.problems.equalityOperatorsOnly', {
        attribute,
      });
}

/** "user.department holds text", "values of user.groups are text", "user.active is true or false". */
function holding(subject: SubjectRef): Said {
  const shape = subject.shape;
  // Only values of known attributes are held as text; pushed values are ordered, so they never come here.
  if (shape.kind === 'item')
    return say(`values of ${shape.of} are text`, 'rules.problems.holding.textItems', { attribute: shape.of });
  const attribute = subject.display;
  if (shape.kind === 'known' && shape.info.type === 'boolean')
    return say(`${attribute} is true or false`, 'rules.problems.holding.boolean', { attribute });
  return say(`${attribute} holds text`, 'rules.problems.holding.text', { attribute });
}

/** A value in a message, as written (`null`, `5`, `"x"`); lists are refused before any check that says this. */
function describeLiteral(literal: Literal): Said {
  const shown =
    literal.type === 'list'
      ? '[…]'
      : literal.type === 'null'
        ? 'null'
        : literal.type === 'string'
          ? quote(literal.value)
          : String(literal.value);
  return say(shown, 'rules.problems.literal.value', { value: shown });
}

function sampleValue(literal: Literal): string {
  return literal.type === 'list' ? '[…]' : formatScalar(literal);
}
