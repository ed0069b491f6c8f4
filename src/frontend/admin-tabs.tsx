// The page's six tabs. Only the open tab is rendered, so each loads its data when the admin opens it.
import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from '@forge/react';
import { AuditTab } from './audit/audit-tab';
import { InactivityTab } from './inactivity/inactivity-tab';
import { OverviewTab } from './overview/overview-tab';
import { ReviewsTab } from './reviews/reviews-tab';
import { RulesTab } from './rules/rules-tab';
import { SettingsTab } from './settings/settings-tab';
import { useText } from './i18n/text-provider';
import type { HealthActionTab } from '../shared/contract';
import type { TextKey } from '../shared/i18n/text';

/** The tabs in order; the Overview's health actions open one by id. */
export const TABS = ['overview', 'rules', 'inactivity', 'reviews', 'audit', 'settings'] as const;
export type TabId = (typeof TABS)[number];

export const TAB_LABELS: Record<TabId, TextKey> = {
  overview: 'tabs.overview',
  rules: 'tabs.rules',
  inactivity: 'tabs.inactivity',
  reviews: 'tabs.reviews',
  audit: 'tabs.audit',
  settings: 'tabs.settings',
};

function tabOf(action: HealthActionTab): number {
  return TABS.indexOf(action);
}

export function AdminTabs({ product, accountId }: { product: 'jira' | 'confluence'; accountId: string }) {
  const { t } = useText();
  const [selected, setSelected] = useState(0);
  const panels = [
    <OverviewTab key="overview" onOpenTab={(tab) => setSelected(tabOf(tab))} />,
    <RulesTab key="rules" />,
    <InactivityTab key="inactivity" />,
    <ReviewsTab key="reviews" me={accountId} />,
    <AuditTab key="audit" />,
    <SettingsTab key="settings" product={product} />,
  ];
  return (
    <Tabs id="jit-admin-tabs" selected={selected} onChange={(index: number) => setSelected(index)}>
      <TabList>
        {TABS.map((id) => (
          <Tab key={id}>{t(TAB_LABELS[id])}</Tab>
        ))}
      </TabList>
      {panels.map((panel, index) => (
        <TabPanel key={TABS[index]}>{index === selected ? panel : null}</TabPanel>
      ))}
    </Tabs>
  );
}
