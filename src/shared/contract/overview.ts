// The Overview tab: health, the queue, and the charts.
import { z } from 'zod';
import type { JobProgress } from '../jobs';
import type { InactivityRunView } from '../inactivity-views';
import type { HealthPart, HealthState } from '../../domain/health';
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

/** One part of the app and its health, derived from facts (src/domain/health). */
export type HealthItem = HealthPart;
export type {
  HealthAction,
  HealthActionTab,
  HealthMessage,
  HealthPartId,
  HealthState,
} from '../../domain/health';

export interface FailedItem {
  accountId: string;
  message: string;
  at: number;
}

export interface OverviewView {
  generatedAt: number;
  /** The worst part's state: never 'working' while any part needs an admin. */
  headline: HealthState;
  health: readonly HealthItem[];
  /** The parts that need an admin, worst first. */
  attention: readonly HealthItem[];
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
  /** Caveats the page words under the charts (e.g. counted from a capped number of audit entries). */
  notes: OverviewNote[];
}

/** A caveat as facts; the page says it in the viewer's language. */
export type OverviewNote =
  | { kind: 'failed-list-capped'; shown: number }
  | { kind: 'parked-at-least'; count: number }
  | { kind: 'audit-capped'; action: string; counted: number };

export const OVERVIEW_CONTRACT = {
  'overview.get': { payload: overviewGetSchema, response: returns<OverviewView>() },
} satisfies ContractSection;
