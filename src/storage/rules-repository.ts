// The admin's rules (one key per rule) and exclusive group sets; callers validate before saving.
import { kvs, WhereConditions } from '@forge/kvs';
import { getAll } from './bulk-storage';
import { compareRules, type ExclusiveSet, type Rule } from '../domain/rules';
import { KEY } from './keys';

export interface StoredRule extends Rule {
  updatedAt: number;
  updatedBy: string;
}

export async function listRules(): Promise<StoredRule[]> {
  const rules: StoredRule[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(KEY.rulePrefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    rules.push(...page.results.map((r) => r.value as StoredRule));
    cursor = page.nextCursor;
  } while (cursor);
  return rules.sort(compareRules);
}

export async function getRule(id: string): Promise<StoredRule | undefined> {
  return kvs.get<StoredRule>(KEY.rule(id));
}

export async function saveRule(rule: StoredRule): Promise<void> {
  await kvs.set(KEY.rule(rule.id), rule);
}

export async function deleteRule(id: string): Promise<void> {
  await kvs.delete(KEY.rule(id));
}

export async function getExclusiveSets(): Promise<ExclusiveSet[]> {
  return (await kvs.get<ExclusiveSet[]>(KEY.exclusiveSets)) ?? [];
}

export async function saveExclusiveSets(sets: ExclusiveSet[]): Promise<void> {
  await kvs.set(KEY.exclusiveSets, sets);
}

export async function ruleLastMatched(ruleIds: string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  const found = await getAll<number>(ruleIds.map((id) => ({ key: KEY.ruleLastMatched(id) })));
  for (const [key, at] of found) result[key.slice(KEY.ruleLastMatched('').length)] = at;
  return result;
}
