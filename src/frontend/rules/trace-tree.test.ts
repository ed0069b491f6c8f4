// The trace tree nests each step under the step one level up that came before it.
import { evaluateRule, parseRule } from '../../domain/rules';
import { traceTree, type TraceBranch } from './trace-tree';

function shape(branches: TraceBranch[]): unknown[] {
  return branches.map((b) => [b.node.text, b.node.result, ...(b.children.length ? [shape(b.children)] : [])]);
}

it('nests an evaluation trace as written', () => {
  const parsed = parseRule(
    '(user.department -eq "Sales" -or user.jobTitle -eq "CEO") -and -not (user.active -eq false)',
  );
  if (!parsed.ok) throw new Error('rule should parse');
  const { trace } = evaluateRule(parsed.rule, { accountId: 'a', department: 'Sales', active: true });
  expect(shape(traceTree(trace))).toEqual([
    [
      '(user.department -eq "Sales" -or user.jobTitle -eq "CEO") -and -not (user.active -eq false)',
      true,
      [
        [
          'user.department -eq "Sales" -or user.jobTitle -eq "CEO"',
          true,
          [
            ['user.department -eq "Sales"', true],
            ['user.jobTitle -eq "CEO"', false],
          ],
        ],
        ['-not (user.active -eq false)', true, [['user.active -eq false', false]]],
      ],
    ],
  ]);
});
