// Privileged targets in storage: the site's last snapshot, the allow-list and the marked groups. Each allowance and
// mark is its own key (two site admins editing at once never overwrite each other), and one prefix query reads
// everything, so provisioning pays one storage request for it.
import { kvs, WhereConditions } from '@forge/kvs';
import type { Allowance, PrivilegedSet, PrivilegeMark } from '../domain/privilege';
import { KEY } from './keys';

export interface PrivilegedSnapshot {
  /** Epoch ms the site was read. */
  takenAt: number;
  /** What the site reported, without marks (marks are read fresh with it). */
  set: PrivilegedSet;
}

export interface StoredPrivileges {
  snapshot: PrivilegedSnapshot | undefined;
  allowances: Allowance[];
  marks: PrivilegeMark[];
}

export async function loadPrivileges(): Promise<StoredPrivileges> {
  const found: StoredPrivileges = { snapshot: undefined, allowances: [], marks: [] };
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(KEY.privilegedPrefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const { key, value } of page.results) {
      if (key === KEY.privilegedSnapshot) found.snapshot = value as PrivilegedSnapshot;
      else if (key.startsWith(KEY.privilegedAllowancePrefix)) found.allowances.push(value as Allowance);
      else if (key.startsWith(KEY.privilegedMarkPrefix)) found.marks.push(value as PrivilegeMark);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

export async function saveSnapshot(snapshot: PrivilegedSnapshot): Promise<void> {
  await kvs.set(KEY.privilegedSnapshot, snapshot);
}

export async function putAllowance(allowance: Allowance): Promise<void> {
  await kvs.set(KEY.privilegedAllowance(allowance.key), allowance);
}

export async function deleteAllowance(grantKey: string): Promise<void> {
  await kvs.delete(KEY.privilegedAllowance(grantKey));
}

export async function putMark(mark: PrivilegeMark): Promise<void> {
  await kvs.set(KEY.privilegedMark(mark.groupId), mark);
}

export async function deleteMark(groupId: string): Promise<void> {
  await kvs.delete(KEY.privilegedMark(groupId));
}
