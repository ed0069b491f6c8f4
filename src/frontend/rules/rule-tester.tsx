// "Test on a user": pick someone, and see their gathered attributes, this rule's trace and their plan.
import { useState } from 'react';
import { Button, Heading, Inline, Stack, Text, UserPicker, type UserPickerValue } from '@forge/react';
import type { Rule } from '../../domain/rules';
import type { TestOnUserView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { TestResultView } from './test-result-view';
import { FieldBox } from '../common/field-box';

export function RuleTester({ rule }: { rule: () => Rule }) {
  const [user, setUser] = useState<UserPickerValue | null>(null);
  const [result, setResult] = useState<TestOnUserView | null>(null);
  const test = useAction('rules.testOnUser');

  const run = async () => {
    if (!user) return;
    const reply = await test.run({ accountId: user.id, draft: rule() });
    setResult(reply.ok ? reply.value : null);
  };

  return (
    <Stack space="space.150">
      <Heading size="small">Test on a user</Heading>
      <Text>
        Gathers the user&apos;s attributes from every source and traces this rule as edited. Nothing changes.
      </Text>
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <FieldBox>
          <UserPicker
            label="User to test"
            name="rule-test-user"
            placeholder="Search for a user"
            onChange={(value: UserPickerValue | undefined) => setUser(value ?? null)}
          />
        </FieldBox>
        <Button testId="rule-test-run" isDisabled={!user || test.busy} onClick={() => void run()}>
          {test.busy ? 'Testing…' : 'Test'}
        </Button>
      </Inline>
      {test.error ? <ReplyErrorMessage error={test.error} action="Testing the rule" /> : null}
      {result ? <TestResultView result={result} /> : null}
    </Stack>
  );
}
