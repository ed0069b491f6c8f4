// The resolver's expression check: canonical text of a valid expression, positioned errors of an invalid one.
import { checkExpression } from './expression-check';

describe('checkExpression', () => {
  it('gives the canonical text of a valid expression and positions of an invalid one', () => {
    expect(checkExpression('user.department == "Sales"', 'okta')).toEqual({
      ok: true,
      errors: [],
      canonical: 'user.department -eq "Sales"',
    });
    const bad = checkExpression('user.department -eq "Sales" -and', 'entra');
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toMatchObject({ field: 'text', line: 1 });
  });
});
