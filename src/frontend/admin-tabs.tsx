// The page's six tabs. Only the open tab is rendered, so each loads its data when the admin opens it.
import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from '@forge/react';
import { AuditTab } from './audit/audit-tab';
import { InactivityTab } from './inactivity/inactivity-tab';
import { OverviewTab } from './overview/overview-tab';
import { ReviewsTab } from './reviews/reviews-tab';
import { RulesTab } from './rules/rules-tab';
import { SettingsTab } from './settings/settings-tab';

export const TAB_LABELS = ['Overview', 'Rules', 'Inactivity', 'Access reviews', 'Audit', 'Settings'] as const;

export function AdminTabs({ product, accountId }: { product: 'jira' | 'confluence'; accountId: string }) {
  const [selected, setSelected] = useState(0);
  const panels = [
    <OverviewTab
      key="overview"
      onOpenTab={(tab) => setSelected(TAB_LABELS.findIndex((label) => label.toLowerCase() === tab))}
    />,
    <RulesTab key="rules" />,
    <InactivityTab key="inactivity" />,
    <ReviewsTab key="reviews" me={accountId} />,
    <AuditTab key="audit" />,
    <SettingsTab key="settings" product={product} />,
  ];
  return (
    <Tabs id="jit-admin-tabs" selected={selected} onChange={(index: number) => setSelected(index)}>
      <TabList>
        {TAB_LABELS.map((label) => (
          <Tab key={label}>{label}</Tab>
        ))}
      </TabList>
      {panels.map((panel, index) => (
        <TabPanel key={TAB_LABELS[index]}>{index === selected ? panel : null}</TabPanel>
      ))}
    </Tabs>
  );
}
