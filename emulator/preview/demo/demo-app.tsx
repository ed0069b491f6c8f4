// A demo UI Kit page for the local preview, used until src/frontend/index.tsx exists: a representative set of
// @forge/react 12 components, plus a resolver call through the bridge to show how results and errors arrive.
import { useState, type ReactNode } from 'react';
import {
  Badge,
  BarChart,
  Box,
  Button,
  CodeBlock,
  DonutChart,
  DynamicTable,
  EmptyState,
  ErrorMessage,
  Form,
  FormFooter,
  FormHeader,
  Heading,
  Inline,
  Label,
  LineChart,
  Lozenge,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  ProgressBar,
  SectionMessage,
  Select,
  Spinner,
  Stack,
  Tab,
  TabList,
  TabPanel,
  Tabs,
  Text,
  TextArea,
  Textfield,
  Toggle,
  UserPicker,
  useForm,
  useProductContext,
} from '@forge/react';
import { invoke } from '@forge/bridge';
import { DEMO_RULES, SEATS_BY_WEEK, PROVISIONED_BY_DAY, INACTIVE_BY_PRODUCT } from './demo-data';

function OverviewTab(): ReactNode {
  const context = useProductContext();
  const [reply, setReply] = useState<{ ok: boolean; text: string } | undefined>();
  const [calling, setCalling] = useState(false);
  const ping = async (): Promise<void> => {
    setCalling(true);
    try {
      const result = await invoke('preview-demo-ping', { at: new Date().toISOString() });
      setReply({ ok: true, text: JSON.stringify(result) });
    } catch (e) {
      setReply({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setCalling(false);
    }
  };
  return (
    <Stack space="space.200">
      <SectionMessage appearance="information" title="Demo page">
        <Text>
          This page exercises the preview renderer. Viewing as account {context?.accountId ?? '…'} in{' '}
          {String(context?.extension?.type ?? '…')}.
        </Text>
      </SectionMessage>
      <Inline space="space.100" alignBlock="center">
        <Button appearance="primary" onClick={() => void ping()} testId="demo-invoke">
          Call a resolver
        </Button>
        {calling ? <Spinner size="small" label="calling" /> : null}
        <Badge appearance="primary">{DEMO_RULES.length}</Badge>
        <Text>rules</Text>
      </Inline>
      {reply ? (
        <SectionMessage
          appearance={reply.ok ? 'success' : 'error'}
          title={reply.ok ? 'Resolver answered' : 'invoke rejected'}
        >
          <Text>{reply.text}</Text>
        </SectionMessage>
      ) : null}
      <Text>Backfill progress</Text>
      <ProgressBar value={0.62} ariaLabel="backfill progress" />
      <Inline space="space.200" shouldWrap>
        <Box xcss={{ width: '48%' }}>
          <BarChart
            data={SEATS_BY_WEEK}
            xAccessor="week"
            yAccessor="seats"
            colorAccessor="product"
            title="Seats reclaimed per week"
            height={260}
          />
        </Box>
        <Box xcss={{ width: '48%' }}>
          <DonutChart
            data={INACTIVE_BY_PRODUCT}
            colorAccessor="product"
            valueAccessor="users"
            labelAccessor="product"
            title="Inactive users"
            height={260}
          />
        </Box>
      </Inline>
      <LineChart
        data={PROVISIONED_BY_DAY}
        xAccessor={0}
        yAccessor={1}
        title="Users provisioned per day"
        height={220}
      />
    </Stack>
  );
}

function RulesTab(): ReactNode {
  const [enabled, setEnabled] = useState<Record<string, boolean>>(
    Object.fromEntries(DEMO_RULES.map((r) => [r.id, r.enabled])),
  );
  const [editing, setEditing] = useState<string | undefined>();
  const rows = DEMO_RULES.map((rule) => ({
    key: rule.id,
    cells: [
      { key: rule.priority, content: String(rule.priority) },
      { key: rule.name, content: rule.name },
      { key: 'grants', content: <Lozenge appearance="inprogress">{rule.grants}</Lozenge> },
      {
        key: 'enabled',
        content: (
          <Toggle
            label={`Enable ${rule.name}`}
            isChecked={enabled[rule.id] === true}
            onChange={() => setEnabled({ ...enabled, [rule.id]: !enabled[rule.id] })}
          />
        ),
      },
      { key: 'edit', content: <Button onClick={() => setEditing(rule.id)}>Edit</Button> },
    ],
  }));
  const rule = DEMO_RULES.find((r) => r.id === editing);
  return (
    <Stack space="space.200">
      <DynamicTable
        caption="Rules"
        head={{
          cells: [
            { key: 'priority', content: 'Priority', isSortable: true },
            { key: 'name', content: 'Name', isSortable: true },
            { key: 'grants', content: 'Grants' },
            { key: 'enabled', content: 'Enabled' },
            { key: 'edit', content: '' },
          ],
        }}
        rows={rows}
        rowsPerPage={5}
      />
      <ModalTransition>
        {rule ? (
          <Modal onClose={() => setEditing(undefined)}>
            <ModalHeader>
              <ModalTitle>{rule.name}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <CodeBlock language="text" text={rule.expression} />
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setEditing(undefined)}>
                Close
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </Stack>
  );
}

interface RuleForm {
  name: string;
  expression: string;
  dialect: { label: string; value: string } | undefined;
}

function CreateTab(): ReactNode {
  const { register, handleSubmit, formState, getFieldId } = useForm<RuleForm>();
  const [saved, setSaved] = useState<RuleForm | undefined>();
  const [user, setUser] = useState<string | undefined>();
  return (
    <Stack space="space.200">
      <Form onSubmit={handleSubmit((data) => setSaved(data))}>
        <FormHeader title="New rule" />
        <Label labelFor={getFieldId('name')}>Name</Label>
        <Textfield {...register('name', { required: 'A rule needs a name' })} />
        {formState.errors.name ? <ErrorMessage>{String(formState.errors.name.message)}</ErrorMessage> : null}
        <Label labelFor={getFieldId('dialect')}>Dialect</Label>
        <Select
          {...register('dialect')}
          options={[
            { label: 'Entra ID', value: 'entra' },
            { label: 'Okta', value: 'okta' },
          ]}
        />
        <Label labelFor={getFieldId('expression')}>Expression</Label>
        <TextArea {...register('expression')} placeholder='user.department -eq "Sales"' />
        <UserPicker label="Test on a user" name="testUser" onChange={(u) => setUser(u?.name)} />
        <FormFooter>
          <Button appearance="primary" type="submit" testId="demo-save">
            Save rule
          </Button>
        </FormFooter>
      </Form>
      {saved ? (
        <SectionMessage appearance="success" title="Form submitted">
          <Text>{JSON.stringify(saved)}</Text>
        </SectionMessage>
      ) : null}
      {user ? <Text>Testing on {user}</Text> : null}
    </Stack>
  );
}

export function DemoApp(): ReactNode {
  return (
    <Stack space="space.200">
      <Heading size="large">JIT Access (demo page)</Heading>
      <Tabs id="demo-tabs">
        <TabList>
          <Tab>Overview</Tab>
          <Tab>Rules</Tab>
          <Tab>New rule</Tab>
          <Tab>Audit</Tab>
        </TabList>
        <TabPanel>
          <OverviewTab />
        </TabPanel>
        <TabPanel>
          <RulesTab />
        </TabPanel>
        <TabPanel>
          <CreateTab />
        </TabPanel>
        <TabPanel>
          <EmptyState header="No audit records yet" description="Simulate a JIT login in the site console." />
        </TabPanel>
      </Tabs>
    </Stack>
  );
}
