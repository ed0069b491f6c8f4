// "Test on a user": pick someone, and see their gathered attributes, this rule's trace and their plan.
import { useState } from 'react';
import { Button, Heading, Inline, Stack, Text, UserPicker, type UserPickerValue } from '@forge/react';
import type { Rule } from '../../domain/rules';
import type { TestOnUserView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { TestResultView } from './test-result-view';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';

export function RuleTester({ rule }: { rule: () => Rule }) {
  const text = useText();
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
      <Heading size="small">{text.t('rules.tester.heading')}</Heading>
      <Text>{text.t('rules.tester.intro')}</Text>
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <FieldBox>
          <UserPicker
            label={text.t('rules.tester.user')}
            name="rule-test-user"
            placeholder={text.t('rules.tester.searchUser')}
            onChange={(value: UserPickerValue | undefined) => setUser(value ?? null)}
          />
        </FieldBox>
        <Button testId="rule-test-run" isDisabled={!user || test.busy} onClick={() => void run()}>
          {text.t(test.busy ? 'rules.tester.testing' : 'rules.tester.test')}
        </Button>
      </Inline>
      {test.error ? (
        <ReplyErrorMessage error={test.error} action={text.t('rules.tester.testingAction')} />
      ) : null}
      {result ? <TestResultView result={result} /> : null}
    </Stack>
  );
}
