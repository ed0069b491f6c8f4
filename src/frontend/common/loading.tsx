// What a panel shows while its data loads: a spinner and the sentence naming what is on its way.
import { Inline, Spinner, Text } from '@forge/react';
import type { LoadingSubject } from '../../shared/i18n/text';
import { useText } from '../i18n/text-provider';

export function Loading({ what }: { what: LoadingSubject }) {
  const { t } = useText();
  const sentence = t(`loading.${what}`);
  return (
    <Inline space="space.100" alignBlock="center">
      <Spinner size="medium" label={sentence} />
      <Text>{sentence}</Text>
    </Inline>
  );
}
