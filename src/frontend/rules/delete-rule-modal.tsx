// Asks before deleting a rule, and says what happens to what it granted.
import { Text } from '@forge/react';
import type { RuleView } from '../../shared/contract';
import { ConfirmModal } from '../common/confirm-modal';

export interface DeleteRuleModalProps {
  rule: RuleView | null;
  busy: boolean;
  onConfirm: (rule: RuleView) => void;
  onClose: () => void;
}

export function DeleteRuleModal({ rule, busy, onConfirm, onClose }: DeleteRuleModalProps) {
  return (
    <ConfirmModal
      open={rule !== null}
      title={rule ? `Delete ${rule.name}?` : ''}
      confirmLabel="Delete"
      cancelLabel="Keep the rule"
      busy={busy}
      testId="rule-delete"
      onConfirm={() => rule && onConfirm(rule)}
      onClose={onClose}
    >
      <Text>
        {rule?.onUnmatch === 'revoke'
          ? 'Users lose what this rule granted them the next time they are provisioned.'
          : 'Users keep what this rule granted them; nobody gains anything from it any more.'}
      </Text>
    </ConfirmModal>
  );
}
