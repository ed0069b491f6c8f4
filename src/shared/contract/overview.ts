// The Overview tab: health, the queue, and the charts.
import { z } from 'zod';
import type { JobProgress } from '../jobs';
import type { InactivityRunView } from '../inactivity-views';
import { returns, type ContractSection } from './endpoint';

/** Rows for UI Kit charts (BarChart, LineChart, StackBarChart): x, y and an optional series in `colour`. */
export interface ChartRow {
  x: string;
  y: number;
  colour?: string;
}

export const overviewGetSchema = z.strictObject({
  /** How many weeks the over-time charts cover. */
  weeks: z.number().int().min(1).max(52).optional(),
});
export type OverviewGetPayload = z.infer<typeof overviewGetSchema>;

export interface HealthItem {
  /** Stable id: 'licence', 'source:email', 'source:scim', 'source:org-directory', 'source:pushed', 'write-path', 'backstop', 'daily-pass', 'privileged-targets', 'inactivity', 'settings'. */
  id: string;
  label: string;
  /** 'off': not enabled; 'unknown': nothing has been recorded yet. */
  status: 'ok' | 'problem' | 'unknown' | 'off';
  /** What is wrong and what to do, or what last happened. */
  message: string;
  at: number | null;
}

export interface FailedItem {
  accountId: string;
  message: string;
  at: number;
}

export interface OverviewView {
  generatedAt: number;
  health: HealthItem[];
  lastBackstopAt: number | null;
  lastSweep: {
    runId: string;
    mode: 'live' | 'dry-run';
    status: InactivityRunView['status'];
    startedAt: number;
    finishedAt: number | null;
    stopReason: string | null;
  } | null;
  queue: {
    /** Users waiting for the rate gate to reopen. */
    parkedUsers: number;
    failedUsers: number;
    /** The most recent failures, each with its actionable message. */
    failed: FailedItem[];
    activeJobs: JobProgress[];
  };
  /** x: product name; y: seats freed. */
  seatsReclaimedByProduct: ChartRow[];
  /** x: week start (YYYY-MM-DD); y: seats freed; colour: product name. */
  seatsReclaimedOverTime: ChartRow[];
  /** x: week start (YYYY-MM-DD); y: distinct users the app granted something. */
  usersProvisionedPerWeek: ChartRow[];
  /** x: days-inactive bucket; y: users; colour: product name. From the latest finished run. */
  inactiveHistogram: ChartRow[];
  histogramRunId: string | null;
  /** Caveats the page shows under the charts (e.g. counted from a capped number of audit entries). */
  notes: string[];
}

export const OVERVIEW_CONTRACT = {
  'overview.get': { payload: overviewGetSchema, response: returns<OverviewView>() },
} satisfies ContractSection;
