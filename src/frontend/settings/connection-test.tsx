// "Test connection": checks one connection with the settings as edited (secrets as stored) and lists each check.
import { useState } from 'react';
import { Button, Inline, List, ListItem, SectionMessage, Stack, Text } from '@forge/react';
import type { AppSettings, ConnectionTarget, ConnectionTestView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';

export function ConnectionTest({
  target,
  label,
  settings,
}: {
  target: ConnectionTarget;
  label: string;
  settings: AppSettings;
}) {
  const text = useText();
  const test = useAction('settings.testConnection');
  const [result, setResult] = useState<ConnectionTestView | null>(null);
  const run = async () => {
    const reply = await test.run({ target, settings });
    setResult(reply.ok ? reply.value : null);
  };
  return (
    <Stack space="space.100">
      <Inline>
        <Button testId={`test-connection-${target}`} isDisabled={test.busy} onClick={() => void run()}>
          {test.busy ? text.t('settings.connection.testing') : label}
        </Button>
      </Inline>
      {test.error ? <ReplyErrorMessage error={test.error} action={label} /> : null}
      {result ? (
        <SectionMessage
          appearance={result.ok ? 'success' : 'error'}
          title={text.t(result.ok ? 'settings.connection.worksTitle' : 'settings.connection.failedTitle')}
        >
          <Text>{result.message}</Text>
          <List type="unordered">
            {result.checks.map((check) => (
              <ListItem key={check.name}>
                <Text>
                  {text.t(check.ok ? 'settings.connection.checkPassed' : 'settings.connection.checkFailed', {
                    check: check.name,
                    message: check.message,
                  })}
                </Text>
              </ListItem>
            ))}
          </List>
          <Text>{text.t('settings.connection.checkedAt', { when: text.when(result.checkedAt) })}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
