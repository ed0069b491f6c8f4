// How many users would gain or lose each grant, with a few of them by name and a way to show them all.
import { Button, DynamicTable, EmptyState, Inline, User } from '@forge/react';
import type { GrantImpact } from '../../shared/jobs';
import { useText } from '../i18n/text-provider';

export function ImpactTable({
  caption,
  impacts,
  empty,
  onShowAll,
}: {
  caption: string;
  impacts: readonly GrantImpact[];
  empty: string;
  onShowAll: (grantKey: string) => void;
}) {
  const text = useText();
  if (impacts.length === 0) return <EmptyState header={empty} width="narrow" />;
  return (
    <DynamicTable
      caption={caption}
      head={{
        cells: [
          { key: 'grant', content: text.t('rules.impact.columnGrant') },
          { key: 'count', content: text.t('rules.impact.columnUsers') },
          { key: 'samples', content: text.t('rules.impact.columnExamples') },
        ],
      }}
      rows={impacts.map((impact) => ({
        key: impact.grantKey,
        cells: [
          { key: 'grant', content: impact.name },
          { key: 'count', content: text.number(impact.count) },
          {
            key: 'samples',
            content: (
              <Inline space="space.050" shouldWrap>
                {impact.sampleAccountIds.map((id) => (
                  <User key={id} accountId={id} />
                ))}
                <Button appearance="subtle" onClick={() => onShowAll(impact.grantKey)}>
                  {text.t('rules.impact.showAll', { count: impact.count })}
                </Button>
              </Inline>
            ),
          },
        ],
      }))}
    />
  );
}
