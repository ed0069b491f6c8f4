// Asks before deleting a rule, and says what happens to what it granted.
import {
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Text,
} from '@forge/react';
import type { RuleView } from '../../shared/contract';

export interface DeleteRuleModalProps {
  rule: RuleView | null;
  busy: boolean;
  onConfirm: (rule: RuleView) => void;
  onClose: () => void;
}

export function DeleteRuleModal({ rule, busy, onConfirm, onClose }: DeleteRuleModalProps) {
  return (
    <ModalTransition>
      {rule ? (
        <Modal onClose={onClose}>
          <ModalHeader>
            <ModalTitle>{`Delete ${rule.name}?`}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Text>
              {rule.onUnmatch === 'revoke'
                ? 'Users lose what this rule granted them the next time they are provisioned.'
                : 'Users keep what this rule granted them; nobody gains anything from it any more.'}
            </Text>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose}>
              Keep the rule
            </Button>
            <Button
              appearance="danger"
              isDisabled={busy}
              onClick={() => onConfirm(rule)}
              testId="rule-delete-confirm"
            >
              Delete
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
