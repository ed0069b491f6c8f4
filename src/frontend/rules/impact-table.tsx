// How many users would gain or lose each grant, with a few of them by name.
import { DynamicTable, EmptyState, Inline, User } from '@forge/react';
import type { GrantImpact } from '../../shared/jobs';

export function ImpactTable({
  caption,
  impacts,
  empty,
}: {
  caption: string;
  impacts: readonly GrantImpact[];
  empty: string;
}) {
  if (impacts.length === 0) return <EmptyState header={empty} width="narrow" />;
  return (
    <DynamicTable
      caption={caption}
      head={{
        cells: [
          { key: 'grant', content: 'Group or role' },
          { key: 'count', content: 'Users' },
          { key: 'samples', content: 'For example' },
        ],
      }}
      rows={impacts.map((impact) => ({
        key: impact.grantKey,
        cells: [
          { key: 'grant', content: impact.name },
          { key: 'count', content: String(impact.count) },
          {
            key: 'samples',
            content: (
              <Inline space="space.050" shouldWrap>
                {impact.sampleAccountIds.map((id) => (
                  <User key={id} accountId={id} />
                ))}
              </Inline>
            ),
          },
        ],
      }))}
    />
  );
}
