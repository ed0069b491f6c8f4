// A field's errors include those of its parts (`rule.grants[0].groupId` belongs to `rule.grants`), nothing else.
import { errorsFor } from './field-errors';

it('finds the errors for a field and its parts only', () => {
  const error = {
    kind: 'invalid' as const,
    message: 'fix',
    fields: [
      { field: 'rule.grants', message: 'a' },
      { field: 'rule.grants[0].groupId', message: 'b' },
      { field: 'rule.grantsExtra', message: 'c' },
      { field: 'rule.name', message: 'd' },
    ],
  };
  expect(errorsFor(error, 'rule.grants').map((e) => e.message)).toEqual(['a', 'b']);
  expect(errorsFor(error, 'rule.name').map((e) => e.message)).toEqual(['d']);
  expect(errorsFor(null, 'rule.name')).toEqual([]);
  expect(errorsFor({ kind: 'internal', message: 'x' }, 'rule.name')).toEqual([]);
});
