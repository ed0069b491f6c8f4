// Every user a preview would give or take each grant, one key per page and grant, so none is lost to sampling.
//
// A page plans 25 users, so a key holds at most 25 account ids (under 4 KB, far below Forge's 240 KiB value
// limit), and a page's keys go out in one transaction of up to 25 operations rather than a write per user.
import { createHash } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import { deleteAll, setAll } from './bulk-storage';
import { withClientCursor } from './client-cursor';
import { KEY } from './keys';

export type GrantChange = 'gain' | 'loss';

export interface PageAffected {
  change: GrantChange;
  grantKey: string;
  accountIds: string[];
}

interface AffectedRecord extends PageAffected {
  pageNo: number;
}

/** Grant keys may hold characters Forge keys refuse; a short hash keeps the key legal and the grant apart. */
function grantHash(grantKey: string): string {
  return createHash('sha256').update(grantKey).digest('hex').slice(0, 32);
}

function prefixOf(jobId: string, change: GrantChange, grantKey: string): string {
  return KEY.jobAffectedPrefix(jobId, change, grantHash(grantKey));
}

/** Records one page's affected users; a redelivered page rewrites the same keys, so nobody is counted twice. */
export async function putPageAffected(jobId: string, pageNo: number, lists: PageAffected[]): Promise<void> {
  await setAll(
    lists
      .filter((l) => l.accountIds.length > 0)
      .map((l) => ({
        key: `${prefixOf(jobId, l.change, l.grantKey)}${String(pageNo).padStart(6, '0')}`,
        value: { ...l, pageNo } satisfies AffectedRecord,
      })),
  );
}

export interface AffectedPage {
  accountIds: string[];
  nextCursor?: string;
}

/** Pages of the users one grant change affects, in page order; a cursor storage did not issue is an input error. */
export async function listAffected(
  jobId: string,
  change: GrantChange,
  grantKey: string,
  pagesPerRead: number,
  cursor?: string,
): Promise<AffectedPage> {
  const page = await withClientCursor(cursor, () => {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(prefixOf(jobId, change, grantKey)))
      .limit(pagesPerRead);
    if (cursor) query = query.cursor(cursor);
    return query.getMany<AffectedRecord>();
  });
  return {
    // The hash is checked against the stored grant so a collision could never show another grant's users.
    accountIds: page.results.flatMap((r) => (r.value.grantKey === grantKey ? r.value.accountIds : [])),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** Removes every list a preview kept (a preview replaced by a newer one, or past retention); returns keys removed. */
export async function deleteAffected(jobId: string): Promise<number> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(KEY.jobAffectedAll(jobId)))
      .limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    keys.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor);
  await deleteAll(keys.map((key) => ({ key })));
  return keys.length;
}
