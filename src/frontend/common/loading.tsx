// What a panel shows while its data loads.
import { Inline, Spinner, Text } from '@forge/react';

export function Loading({ what }: { what: string }) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Spinner size="medium" label={`Loading ${what}`} />
      <Text>{`Loading ${what}…`}</Text>
    </Inline>
  );
}
