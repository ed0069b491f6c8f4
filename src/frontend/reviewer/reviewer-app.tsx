// The reviewer page (placeholder until the page lands).
import { Text } from '@forge/react';

export function ReviewerApp() {
  return <Text>Access reviews</Text>;
}
