// Admin-started jobs: the job record, the planned pages (so stalled ones can be re-sent) and each page's result.
import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { setAll } from './bulk-storage';
import type { GrantImpact, JobKind, JobProgress } from '../shared/jobs';
import { KEY } from './keys';

/** What the page sees of a job, plus where its planning and pages stand. */
export interface JobRecord extends Pick<
  JobProgress,
  'id' | 'kind' | 'dryRun' | 'status' | 'startedAt' | 'startedBy' | 'finishedAt' | 'message'
> {
  /** Where listing users resumes (Jira startAt). */
  planCursor: number;
  planningDone: boolean;
  pagesPlanned: number;
  usersPlanned: number;
  /** The rule set's version when the job started: a finished preview is outdated once the rules change. */
  rulesVersion?: string;
}

export interface PagePlan {
  pageNo: number;
  accountIds: string[];
  queuedAt: number;
}

export interface PageResult {
  pageNo: number;
  done: number;
  failed: number;
  skipped: number;
  gains: GrantImpact[];
  losses: GrantImpact[];
  finishedAt: number;
}

const pagePlanKey = (jobId: string, pageNo: number) =>
  `${KEY.jobData(jobId)}:plan:${String(pageNo).padStart(6, '0')}`;
const pageResultKey = (jobId: string, pageNo: number) =>
  `${KEY.jobData(jobId)}:page:${String(pageNo).padStart(6, '0')}`;

export async function getJob(id: string): Promise<JobRecord | undefined> {
  return kvs.get<JobRecord>(KEY.job(id));
}

export async function putJob(job: JobRecord): Promise<void> {
  await kvs.set(KEY.job(job.id), job);
}

export async function activeJobId(kind: JobKind): Promise<string | undefined> {
  return kvs.get<string>(KEY.activeJob(kind));
}

/** Claims the single active slot for a kind; false when another job of that kind is running. */
export async function claimActiveJob(kind: JobKind, jobId: string): Promise<boolean> {
  try {
    await kvs.set(KEY.activeJob(kind), jobId, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if ((e as ForgeKvsAPIError).code === 'KEY_ALREADY_EXISTS') return false;
    throw e;
  }
}

export async function releaseActiveJob(kind: JobKind, jobId: string): Promise<void> {
  if ((await activeJobId(kind)) === jobId) await kvs.delete(KEY.activeJob(kind));
}

export async function putPagePlans(jobId: string, plans: PagePlan[]): Promise<void> {
  await setAll(plans.map((p) => ({ key: pagePlanKey(jobId, p.pageNo), value: p })));
}

export async function getPagePlan(jobId: string, pageNo: number): Promise<PagePlan | undefined> {
  return kvs.get<PagePlan>(pagePlanKey(jobId, pageNo));
}

export async function putPageResult(jobId: string, result: PageResult): Promise<void> {
  await kvs.set(pageResultKey(jobId, result.pageNo), result);
}

async function listByPrefix<T>(prefix: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    out.push(...page.results.map((r) => r.value as T));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export function pageResults(jobId: string): Promise<PageResult[]> {
  return listByPrefix<PageResult>(`${KEY.jobData(jobId)}:page:`);
}

export function pagePlans(jobId: string): Promise<PagePlan[]> {
  return listByPrefix<PagePlan>(`${KEY.jobData(jobId)}:plan:`);
}

/** Most recent jobs first (ids embed their start time). */
export async function recentJobs(limit = 20): Promise<JobRecord[]> {
  const all = await listByPrefix<JobRecord>(KEY.jobPrefix);
  return all.sort((a, b) => b.startedAt - a.startedAt).slice(0, limit);
}
