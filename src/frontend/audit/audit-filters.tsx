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
import type { AuditFilterForm } from './audit-filter-state';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS } from './audit-labels';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';

interface Option {
  label: string;
  value: string;
}

export interface AuditFiltersProps {
  form: AuditFilterForm;
  rules: readonly RuleView[];
  onChange: (form: AuditFilterForm) => void;
  onApply: () => void;
  onClear: () => void;
}

export function AuditFilters({ form, rules, onChange, onApply, onClear }: AuditFiltersProps) {
  const text = useText();
  const any: Option = { label: text.t('audit.filters.any'), value: '' };
  const actions: Option[] = [
    any,
    ...AUDIT_ACTIONS.map((a) => ({ label: text.t(AUDIT_ACTION_LABELS[a]), value: a })),
  ];
  const outcomes: Option[] = [
    any,
    ...AUDIT_OUTCOMES.map((o) => ({ label: text.t(AUDIT_OUTCOME_LABELS[o]), value: o })),
  ];
  const ruleOptions: Option[] = [any, ...rules.map((r) => ({ label: r.name, value: r.id }))];
  const pick = (options: Option[], value: string) => options.find((o) => o.value === value) ?? any;
  return (
    <Stack space="space.100">
      <Inline space="space.150" shouldWrap alignBlock="end">
        <FieldBox width="narrow">
          <Label labelFor="audit-from">{text.t('audit.filters.from')}</Label>
          <DatePicker
            id="audit-from"
            testId="audit-from"
            value={form.fromDay}
            placeholder={text.t('audit.filters.anyTime')}
            dateFormat="YYYY-MM-DD"
            locale={text.locale}
            onChange={(day: string) => onChange({ ...form, fromDay: day ?? '' })}
          />
        </FieldBox>
        <FieldBox width="narrow">
          <Label labelFor="audit-to">{text.t('audit.filters.to')}</Label>
          <DatePicker
            id="audit-to"
            testId="audit-to"
            value={form.toDay}
            placeholder={text.t('audit.filters.anyTime')}
            dateFormat="YYYY-MM-DD"
            locale={text.locale}
            onChange={(day: string) => onChange({ ...form, toDay: day ?? '' })}
          />
        </FieldBox>
        <FieldBox>
          <UserPicker
            label={text.t('audit.filters.user')}
            name="audit-user"
            placeholder={text.t('audit.filters.anyone')}
            onChange={(u: UserPickerValue | undefined) => onChange({ ...form, accountId: u?.id ?? '' })}
          />
        </FieldBox>
        <FieldBox>
          <Label labelFor="audit-rule">{text.t('audit.filters.rule')}</Label>
          <Select
            inputId="audit-rule"
            testId="audit-rule"
            options={ruleOptions}
            value={pick(ruleOptions, form.ruleId)}
            onChange={(o: Option | null) => onChange({ ...form, ruleId: o?.value ?? '' })}
          />
        </FieldBox>
        <FieldBox>
          <Label labelFor="audit-action">{text.t('audit.filters.action')}</Label>
          <Select
            inputId="audit-action"
            testId="audit-action"
            options={actions}
            value={pick(actions, form.action)}
            onChange={(o: Option | null) =>
              onChange({ ...form, action: (o?.value ?? '') as AuditFilterForm['action'] })
            }
          />
        </FieldBox>
        <FieldBox width="narrow">
          <Label labelFor="audit-outcome">{text.t('audit.filters.outcome')}</Label>
          <Select
            inputId="audit-outcome"
            testId="audit-outcome"
            options={outcomes}
            value={pick(outcomes, form.outcome)}
            onChange={(o: Option | null) =>
              onChange({ ...form, outcome: (o?.value ?? '') as AuditFilterForm['outcome'] })
            }
          />
        </FieldBox>
      </Inline>
      <Inline space="space.100">
        <Button appearance="primary" testId="audit-apply" onClick={onApply}>
          {text.t('audit.filters.applyButton')}
        </Button>
        <Button appearance="subtle" onClick={onClear}>
          {text.t('audit.filters.clearButton')}
        </Button>
      </Inline>
    </Stack>
  );
}
