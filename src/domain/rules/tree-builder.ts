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
import { compilePattern, type PatternProblem } from './linear-regex';
import { quote, type SourceText } from './source-text';
import { didYouMean } from './suggest';
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

  fail(message: string, span: Span): void {
    this.errors.push(this.source.error(message, span.start, span.end));
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
        this.fail(`${path} is not supported; compare with an ISO date such as "2025-01-31"`, span);
        return undefined;
      }
      const known =
        findKnownAttribute(path) ??
        (okta ? findKnownAttribute(ownValue(OKTA_ALIASES, path) ?? '') : undefined);
      this.fail(
        known
          ? `Attributes start with "user.": write ${known.path}`
          : `Expected an attribute such as user.department, found ${quote(path)}`,
        span,
      );
      return undefined;
    }
    const rest = path.slice(dot + 1);
    if (dot > 0 && rest.toLowerCase().startsWith(CUSTOM_ATTRIBUTE_PREFIX)) {
      const name = rest.slice(CUSTOM_ATTRIBUTE_PREFIX.length);
      if (!CUSTOM_ATTRIBUTE_NAME_PATTERN.test(name)) {
        this.fail(
          `Custom attribute names use letters, digits and _ only (no dots), as in user.custom.costCenter; found ${quote(path)}`,
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
      const hint = didYouMean(path, ATTRIBUTE_PATHS);
      this.fail(
        hint
          ? `Unknown attribute ${quote(path)}${hint}`
          : `Unknown attribute ${quote(path)}; pushed attributes are written user.custom.<name>`,
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
      this.fail(`-${quantifier} needs a multi-valued attribute; ${subject.display} has one value`, span);
      return false;
    }
    if (shape.kind === 'item') {
      this.fail(`-${quantifier} cannot be nested: _ is already a single value of ${shape.of}`, span);
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
          `${subject.display} has many values; use ${subject.display} -any (_ ${token} ${sampleValue(literal)})`,
          operatorSpan,
        );
        return undefined;
      }
      return literal;
    }

    if (family === 'list') {
      if (literal.type !== 'list') {
        this.fail(`${token} needs a list such as ["a", "b"]`, ref.span);
        return undefined;
      }
      if (literal.items.length === 0) {
        this.fail('The list is empty; add at least one value', ref.span);
        return undefined;
      }
    } else if (literal.type === 'list') {
      this.fail(`A list only works with -in or -notIn, not ${token}`, ref.span);
      return undefined;
    }

    if (family === 'text' || family === 'regex') {
      if (literal.type !== 'string' || (family === 'text' && literal.value === '')) {
        const what = literal.type === 'string' ? 'an empty string' : describeLiteral(literal);
        this.fail(
          `${token} needs a non-empty "string" value, not ${what}${literal.type === 'null' ? '; use -eq null or -ne null' : ''}`,
          ref.span,
        );
        return undefined;
      }
      if (shape.kind === 'known' && shape.info.type !== 'string') {
        this.fail(`${subject.display} supports ${supportedOperators(shape.info)}`, operatorSpan);
        return undefined;
      }
      if (family === 'regex') {
        const compiled = compilePattern(literal.value);
        if (!compiled.ok) {
          this.fail(compiled.problem.message, this.patternSpan(ref, literal.value, compiled.problem));
          return undefined;
        }
      }
      return literal;
    }

    if (family === 'order') {
      if (shape.kind === 'known' || (shape.kind === 'item' && !shape.custom)) {
        this.fail(
          `${token} compares numbers or ISO dates, which only custom attributes (user.custom.<name>) hold; ${holding(subject)}`,
          operatorSpan,
        );
        return undefined;
      }
      const ok =
        literal.type === 'number' || (literal.type === 'string' && parseIsoDate(literal.value) !== null);
      if (!ok) {
        const shown = literal.type === 'string' ? quote(literal.value) : describeLiteral(literal);
        this.fail(
          `${token} compares numbers or ISO dates such as "2025-01-31"; ${shown} is neither`,
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
      this.fail(`${subject.display} supports ${supportedOperators(shape.info)}`, operatorSpan);
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
      const what = holding(subject);
      const sentence = what.startsWith('values') ? `V${what.slice(1)}` : what;
      this.fail(`${sentence}; put the value in quotes: "${value.value}"`, span);
      return false;
    }
    if (shape.kind === 'known' && shape.info.type === 'boolean' && value.type !== 'boolean') {
      this.fail(`${subject.display} is true or false; write true or false without quotes`, span);
      return false;
    }
    if (shape.kind === 'known' && shape.info.type === 'enum') {
      const allowed = shape.info.values ?? [];
      if (value.type !== 'string' || !allowed.some((v) => v.toLowerCase() === value.value.toLowerCase())) {
        const shown = value.type === 'string' ? quote(value.value) : String(value.value);
        const list = allowed.map((v) => `"${v}"`);
        const hint = value.type === 'string' ? didYouMean(value.value, allowed) : '';
        this.fail(
          `${subject.display} is ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]!}; ${shown} is none of them${hint}`,
          span,
        );
        return false;
      }
    }
    return true;
  }
}

function supportedOperators(info: AttributeInfo): string {
  return info.type === 'boolean' ? '-eq and -ne only' : '-eq, -ne, -in and -notIn only';
}

/** "user.department holds text", "values of user.groups are text", "user.active is true or false". */
function holding(subject: SubjectRef): string {
  const shape = subject.shape;
  if (shape.kind === 'item')
    return `values of ${shape.of} are ${shape.custom ? 'whatever was pushed' : 'text'}`;
  if (shape.kind === 'known' && shape.info.type === 'boolean') return `${subject.display} is true or false`;
  return `${subject.display} holds text`;
}

function describeLiteral(literal: Literal): string {
  if (literal.type === 'list') return 'a list';
  if (literal.type === 'null') return 'null';
  if (literal.type === 'string') return quote(literal.value);
  return String(literal.value);
}

function sampleValue(literal: Literal): string {
  return literal.type === 'list' ? '[…]' : formatScalar(literal);
}
