// Audit: the filtered, paginated log of everything the app did or decided, and its CSV export.
import { useState } from 'react';
import { Button, Inline, Stack, Text } from '@forge/react';
import type { AuditFilters } from '../../shared/contract';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { AuditFilters as AuditFilterFields } from './audit-filters';
import { EMPTY_FILTERS, filtersFromForm, type AuditFilterForm } from './audit-filter-state';
import { AuditTable } from './audit-table';
import { CsvExport } from '../common/csv-export';
import { callResolver } from '../api/call-resolver';
import { useText } from '../i18n/text-provider';

export const AUDIT_PAGE_SIZE = 25;

export function AuditTab() {
  const text = useText();
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>({});
  // Cursors of the pages before the current one, so "Previous" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useResolver('audit.query', {
    ...filters,
    limit: AUDIT_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });
  const rules = useResolver('rules.list', {});
  const ruleList = rules.state.value?.rules ?? [];
  const ruleNames = new Map(ruleList.map((r) => [r.id, r.name]));

  const apply = (next: AuditFilterForm) => {
    setCursors([]);
    setFilters(filtersFromForm(next));
  };

  return (
    <Stack space="space.200">
      <AuditFilterFields
        form={form}
        rules={ruleList}
        onChange={setForm}
        onApply={() => apply(form)}
        onClear={() => {
          setForm(EMPTY_FILTERS);
          apply(EMPTY_FILTERS);
        }}
      />
      {page.state.status === 'error' ? (
        <ReplyErrorMessage
          error={page.state.error}
          action={text.t('audit.loadingAction')}
          onRetry={page.reload}
        />
      ) : null}
      {page.state.value === undefined ? (
        page.state.status === 'loading' ? (
          <Loading what="auditLog" />
        ) : null
      ) : (
        <AuditTable
          entries={page.state.value.entries}
          ruleNames={ruleNames}
          filtered={Object.keys(filters).length > 0}
          now={Date.now()}
        />
      )}
      <Inline space="space.100" alignBlock="center">
        <Button isDisabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {text.t('audit.previousPage')}
        </Button>
        <Text>{text.t('audit.page', { page: cursors.length + 1 })}</Text>
        <Button
          testId="audit-next"
          isDisabled={!page.state.value?.cursor || page.state.status === 'loading'}
          onClick={() => {
            const next = page.state.value?.cursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          {text.t('audit.nextPage')}
        </Button>
      </Inline>
      <CsvExport
        testId="audit-export"
        csvTestId="audit-csv"
        label={text.t('audit.exportButton')}
        tooLong={text.t('audit.exportTooLong')}
        loadChunk={(cursor) => callResolver('audit.exportCsv', { ...filters, ...(cursor ? { cursor } : {}) })}
      />
    </Stack>
  );
}
