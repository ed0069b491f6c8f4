// Asks before anything destructive or bulk: says how many users and what changes, and names the button for it.
import type { ReactNode } from 'react';
import {
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  Stack,
} from '@forge/react';
import { useText } from '../i18n/text-provider';

export interface ConfirmModalProps {
  /** Shown while true. */
  open: boolean;
  title: string;
  /** What will happen: how many users, what changes for them, and what happens to the rest. */
  children: ReactNode;
  confirmLabel: string;
  /** `danger` for what takes access away; `warning` for bulk changes that can be undone. */
  appearance?: 'danger' | 'warning' | 'primary';
  cancelLabel?: string;
  busy?: boolean;
  testId: string;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal({
  open,
  title,
  children,
  confirmLabel,
  appearance = 'danger',
  cancelLabel,
  busy = false,
  testId,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useText();
  return (
    <ModalTransition>
      {open ? (
        <Modal onClose={onClose} testId={testId}>
          <ModalHeader>
            <ModalTitle appearance={appearance === 'primary' ? undefined : appearance}>{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space="space.100">{children}</Stack>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose}>
              {cancelLabel ?? t('common.cancel')}
            </Button>
            <Button
              appearance={appearance}
              isDisabled={busy}
              onClick={onConfirm}
              testId={`${testId}-confirm`}
            >
              {confirmLabel}
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
