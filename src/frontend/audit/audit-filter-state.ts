// The audit filters as the form holds them (days as typed in the date pickers) and as the resolver takes them.
import type { AuditAction, AuditOutcome } from '../../shared/audit';
import type { AuditFilters } from '../../shared/contract';
import { dayToEpoch } from '../common/format';

export interface AuditFilterForm {
  /** `YYYY-MM-DD` or '' (UTC days, inclusive). */
  fromDay: string;
  toDay: string;
  accountId: string;
  ruleId: string;
  action: AuditAction | '';
  outcome: AuditOutcome | '';
}

export const EMPTY_FILTERS: AuditFilterForm = {
  fromDay: '',
  toDay: '',
  accountId: '',
  ruleId: '',
  action: '',
  outcome: '',
};

export function filtersFromForm(form: AuditFilterForm): AuditFilters {
  const filters: AuditFilters = {};
  const from = dayToEpoch(form.fromDay, 'start');
  const to = dayToEpoch(form.toDay, 'end');
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  if (form.accountId) filters.accountId = form.accountId;
  if (form.ruleId) filters.ruleId = form.ruleId;
  if (form.action) filters.action = form.action;
  if (form.outcome) filters.outcome = form.outcome;
  return filters;
}
