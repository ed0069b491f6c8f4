// "Test connection": checks one connection with the settings as edited (secrets as stored) and lists each check.
import { useState } from 'react';
import { Button, Inline, List, ListItem, SectionMessage, Stack, Text } from '@forge/react';
import type { AppSettings, ConnectionTarget, ConnectionTestView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { formatWhen } from '../common/format';
import { ReplyErrorMessage } from '../common/reply-error-message';

export function ConnectionTest({
  target,
  label,
  settings,
}: {
  target: ConnectionTarget;
  label: string;
  settings: AppSettings;
}) {
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
          {test.busy ? 'Testing…' : label}
        </Button>
      </Inline>
      {test.error ? <ReplyErrorMessage error={test.error} action={label} /> : null}
      {result ? (
        <SectionMessage
          appearance={result.ok ? 'success' : 'error'}
          title={result.ok ? 'The connection works' : 'The connection failed'}
        >
          <Text>{result.message}</Text>
          <List type="unordered">
            {result.checks.map((check) => (
              <ListItem key={check.name}>
                <Text>{`${check.ok ? 'Passed' : 'Failed'} — ${check.name}: ${check.message}`}</Text>
              </ListItem>
            ))}
          </List>
          <Text>Checked {formatWhen(result.checkedAt)}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
