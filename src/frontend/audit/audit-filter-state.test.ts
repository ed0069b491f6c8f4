// Audit filters: whole UTC days, blanks left out.
import { EMPTY_FILTERS, filtersFromForm } from './audit-filter-state';

it('turns the form into resolver filters', () => {
  expect(filtersFromForm(EMPTY_FILTERS)).toEqual({});
  expect(
    filtersFromForm({
      ...EMPTY_FILTERS,
      fromDay: '2025-03-01',
      toDay: '2025-03-02',
      action: 'group-added',
      outcome: 'failed',
    }),
  ).toEqual({
    from: Date.UTC(2025, 2, 1),
    to: Date.UTC(2025, 2, 3) - 1,
    action: 'group-added',
    outcome: 'failed',
  });
  expect(filtersFromForm({ ...EMPTY_FILTERS, fromDay: 'yesterday' })).toEqual({});
});
