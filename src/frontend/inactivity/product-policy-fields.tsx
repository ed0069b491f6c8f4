// One product's clean-up settings: on or off, after how many idle days, what to do, and how much notice.
import { Heading, Inline, Label, Lozenge, SectionMessage, Select, Stack, Text } from '@forge/react';
import type {
  InactivityAction,
  NeverActiveTreatment,
  ProductInactivityPolicy,
} from '../../domain/inactivity';
import type { CatalogueProductView, InactivityPolicyView, ReplyFieldError } from '../../shared/contract';
import { FieldErrors } from '../common/field-errors';
import { TextInput, wholeNumber } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';
import { FieldBox } from '../common/field-box';

interface Option<T> {
  label: string;
  value: T;
}

const NEVER_ACTIVE: Option<NeverActiveTreatment>[] = [
  { label: 'Count from when given access', value: 'count-from-added' },
  { label: 'Leave them alone', value: 'ignore' },
];

export interface ProductPolicyFieldsProps {
  productKey: string;
  policy: ProductInactivityPolicy;
  catalogue: CatalogueProductView | undefined;
  actions: InactivityPolicyView['actions'];
  onChange: (policy: ProductInactivityPolicy) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

const shown = (n: number) => (Number.isNaN(n) ? '' : String(n));

export function ProductPolicyFields({
  productKey,
  policy,
  catalogue,
  actions,
  onChange,
  errorsFor,
}: ProductPolicyFieldsProps) {
  const actionOptions: Option<InactivityAction>[] = (Object.keys(actions) as InactivityAction[]).map((a) => ({
    label: actions[a].label,
    value: a,
  }));
  const action = actions[policy.action];
  const field = (name: string) => errorsFor(`products.${productKey}.${name}`);
  const seats = catalogue?.seats;
  return (
    <Stack space="space.100" testId={`inactivity-product-${productKey}`}>
      <Inline space="space.100" alignBlock="center">
        <Heading size="small">{policy.displayName}</Heading>
        {seats ? (
          <Lozenge>
            {seats.total === null ? `${seats.used} seats used` : `${seats.used} of ${seats.total} seats used`}
          </Lozenge>
        ) : null}
      </Inline>
      {catalogue && catalogue.licenceGroups.length > 0 ? (
        <Text>Licence groups: {catalogue.licenceGroups.map((g) => g.name).join(', ')}</Text>
      ) : null}
      <ToggleRow
        id={`inactivity-enabled-${productKey}`}
        label={`Clean up inactive ${policy.displayName} users`}
        isChecked={policy.enabled}
        onChange={() => onChange({ ...policy, enabled: !policy.enabled })}
      />
      <FieldErrors errors={field('enabled')} />
      {policy.enabled ? (
        <Inline space="space.200" shouldWrap alignBlock="start">
          <TextInput
            id={`inactive-days-${productKey}`}
            label="Inactive after (days)"
            type="number"
            value={shown(policy.inactiveAfterDays)}
            onChange={(v) => onChange({ ...policy, inactiveAfterDays: wholeNumber(v) })}
            errors={field('inactiveAfterDays')}
          />
          <FieldBox>
            <Label labelFor={`inactivity-action-${productKey}`}>Then</Label>
            <Select
              inputId={`inactivity-action-${productKey}`}
              testId={`inactivity-action-${productKey}`}
              options={actionOptions}
              value={actionOptions.find((o) => o.value === policy.action)}
              onChange={(o: Option<InactivityAction> | null) => o && onChange({ ...policy, action: o.value })}
            />
            <FieldErrors errors={field('action')} />
          </FieldBox>
          {action.changesAccess ? (
            <TextInput
              id={`warn-days-${productKey}`}
              label="Warn this many days before"
              type="number"
              value={shown(policy.warnDaysBefore)}
              onChange={(v) => onChange({ ...policy, warnDaysBefore: wholeNumber(v) })}
              errors={field('warnDaysBefore')}
            />
          ) : null}
          <FieldBox>
            <Label labelFor={`never-active-${productKey}`}>Users who never used it</Label>
            <Select
              inputId={`never-active-${productKey}`}
              options={NEVER_ACTIVE}
              value={NEVER_ACTIVE.find((o) => o.value === policy.neverActive)}
              onChange={(o: Option<NeverActiveTreatment> | null) =>
                o && onChange({ ...policy, neverActive: o.value })
              }
            />
          </FieldBox>
        </Inline>
      ) : null}
      {/* Said once: as a warning when the action reaches beyond this site, else as plain text. */}
      {policy.enabled && !action.orgWide ? <Text>{action.description}</Text> : null}
      {policy.enabled && action.orgWide ? (
        <SectionMessage appearance="warning" title="This reaches beyond this site">
          <Text>{action.description}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
