// Writes a syntax tree back as canonical Entra text; parsing that text gives the same tree.

import { attributePath } from './attributes';
import { operatorToken, type Literal, type RuleNode, type ScalarLiteral } from './syntax-tree';

/** A string literal in Entra form: double quotes, with ` escaping " and `. */
export function formatString(value: string): string {
  return `"${value.replace(/[`"]/g, (c) => '`' + c)}"`;
}

export function formatScalar(literal: ScalarLiteral): string {
  switch (literal.type) {
    case 'string':
      return formatString(literal.value);
    case 'number':
      return String(literal.value);
    case 'boolean':
      return literal.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

export function formatLiteral(literal: Literal): string {
  return literal.type === 'list' ? `[${literal.items.map(formatScalar).join(', ')}]` : formatScalar(literal);
}

/** Canonical Entra text for a node: `-and` binds tighter than `-or`, and `-not` always takes parentheses. */
export function formatNode(node: RuleNode): string {
  switch (node.kind) {
    case 'or':
      return node.operands.map(formatNode).join(' -or ');
    case 'and':
      return node.operands
        .map((o) => (o.kind === 'or' ? `(${formatNode(o)})` : formatNode(o)))
        .join(' -and ');
    case 'not':
      return `-not (${formatNode(node.operand)})`;
    case 'compare': {
      const subject = node.subject.kind === 'item' ? '_' : attributePath(node.subject.name);
      return `${subject} ${operatorToken(node.operator)} ${formatLiteral(node.value)}`;
    }
    case 'quantifier':
      return `${attributePath(node.attribute)} -${node.quantifier} (${formatNode(node.predicate)})`;
  }
}
