// The audit filters: time range, user, rule, action and outcome.
import {
  Button,
  DatePicker,
  Inline,
  Label,
  Select,
  Stack,
  UserPicker,
  type UserPickerValue,
} from '@forge/react';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../shared/audit';
import type { RuleView } from '../../shared/contract';
import { humanize, type AuditFilterForm } from './audit-filter-state';
import { FieldBox } from '../common/field-box';

interface Option {
  label: string;
  value: string;
}

const ANY: Option = { label: 'Any', value: '' };
const ACTIONS: Option[] = [ANY, ...AUDIT_ACTIONS.map((a) => ({ label: humanize(a), value: a }))];
const OUTCOMES: Option[] = [ANY, ...AUDIT_OUTCOMES.map((o) => ({ label: humanize(o), value: o }))];

export interface AuditFiltersProps {
  form: AuditFilterForm;
  rules: readonly RuleView[];
  onChange: (form: AuditFilterForm) => void;
  onApply: () => void;
  onClear: () => void;
}

export function AuditFilters({ form, rules, onChange, onApply, onClear }: AuditFiltersProps) {
  const ruleOptions: Option[] = [ANY, ...rules.map((r) => ({ label: r.name, value: r.id }))];
  const pick = (options: Option[], value: string) => options.find((o) => o.value === value) ?? ANY;
  return (
    <Stack space="space.100">
      <Inline space="space.150" shouldWrap alignBlock="end">
        <FieldBox width="narrow">
          <Label labelFor="audit-from">From (UTC)</Label>
          <DatePicker
            id="audit-from"
            testId="audit-from"
            value={form.fromDay}
            placeholder="Any time"
            dateFormat="YYYY-MM-DD"
            onChange={(day: string) => onChange({ ...form, fromDay: day ?? '' })}
          />
        </FieldBox>
        <FieldBox width="narrow">
          <Label labelFor="audit-to">To (UTC)</Label>
          <DatePicker
            id="audit-to"
            testId="audit-to"
            value={form.toDay}
            placeholder="Any time"
            dateFormat="YYYY-MM-DD"
            onChange={(day: string) => onChange({ ...form, toDay: day ?? '' })}
          />
        </FieldBox>
        <FieldBox>
          <UserPicker
            label="User"
            name="audit-user"
            placeholder="Anyone"
            onChange={(u: UserPickerValue | undefined) => onChange({ ...form, accountId: u?.id ?? '' })}
          />
        </FieldBox>
        <FieldBox>
          <Label labelFor="audit-rule">Rule</Label>
          <Select
            inputId="audit-rule"
            testId="audit-rule"
            options={ruleOptions}
            value={pick(ruleOptions, form.ruleId)}
            onChange={(o: Option | null) => onChange({ ...form, ruleId: o?.value ?? '' })}
          />
        </FieldBox>
        <FieldBox>
          <Label labelFor="audit-action">Action</Label>
          <Select
            inputId="audit-action"
            testId="audit-action"
            options={ACTIONS}
            value={pick(ACTIONS, form.action)}
            onChange={(o: Option | null) =>
              onChange({ ...form, action: (o?.value ?? '') as AuditFilterForm['action'] })
            }
          />
        </FieldBox>
        <FieldBox width="narrow">
          <Label labelFor="audit-outcome">Outcome</Label>
          <Select
            inputId="audit-outcome"
            testId="audit-outcome"
            options={OUTCOMES}
            value={pick(OUTCOMES, form.outcome)}
            onChange={(o: Option | null) =>
              onChange({ ...form, outcome: (o?.value ?? '') as AuditFilterForm['outcome'] })
            }
          />
        </FieldBox>
      </Inline>
      <Inline space="space.100">
        <Button appearance="primary" testId="audit-apply" onClick={onApply}>
          Apply filters
        </Button>
        <Button appearance="subtle" onClick={onClear}>
          Clear
        </Button>
      </Inline>
    </Stack>
  );
}
