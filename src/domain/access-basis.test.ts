// Attribute bases: values recorded for display, compared the way rules compare them.
import { basisChanges, basisOf, describeBasis, MAX_BASIS_LIST } from './access-basis';
import type { UserAttributes } from './rules';

const user: UserAttributes = {
  accountId: 'u-1',
  department: 'Sales',
  jobTitle: '',
  groups: ['staff', 'sales-team', 'Engineering'],
  custom: { costCentre: 'CC-17', contractor: false },
};

describe('attribute bases', () => {
  it('records the named attributes in name order, empty values as none, groups the app manages left out', () => {
    const basis = basisOf(
      ['groups', 'department', 'jobTitle', 'custom.costCentre', 'custom.contractor', 'custom.toString'],
      user,
      new Set(['sales-team']),
    );
    expect(basis).toEqual({
      'custom.contractor': 'false',
      'custom.costCentre': 'CC-17',
      'custom.toString': null,
      department: 'Sales',
      groups: ['Engineering', 'staff'],
      jobTitle: null,
    });
    expect(describeBasis(basis)).toBe(
      'custom.contractor = false; custom.costCentre = CC-17; custom.toString = (none); department = Sales; groups = Engineering, staff; jobTitle = (none)',
    );
  });

  it('sees no change in case, order, duplicates or "" versus absent, and names what did change', () => {
    const basis = basisOf(['department', 'groups', 'jobTitle'], user);
    const same: UserAttributes = {
      accountId: 'u-1',
      department: 'SALES',
      groups: ['engineering', 'Staff', 'staff', 'sales-team'],
    };
    expect(basisChanges(basis, same)).toEqual([]);
    expect(basisChanges(basis, { ...same, department: 'Finance', jobTitle: 'Lead' })).toEqual([
      'department',
      'jobTitle',
    ]);
  });

  it('keeps long lists as a digest that still notices a change', () => {
    const many = Array.from({ length: MAX_BASIS_LIST + 5 }, (_, i) => `group-${i}`);
    const basis = basisOf(['groups'], { accountId: 'u', groups: many });
    expect(basis.groups).toMatchObject({ count: many.length });
    expect(JSON.stringify(basis.groups)).toMatch(/"digest":"[0-9a-f]{8}"/);
    expect(basisChanges(basis, { accountId: 'u', groups: [...many].reverse() })).toEqual([]);
    expect(basisChanges(basis, { accountId: 'u', groups: [...many, 'one-more'] })).toEqual(['groups']);
  });
});
