// Forge hosted storage (KVS, secrets, custom entities) on SQLite: the semantics and limits the real service enforces.
import type Database from 'better-sqlite3';
import { badRequest, KvsError, notFound } from './kvs-errors';
import { assertValidKey, expiryFrom, KVS_LIMITS, queryLimit, serializeValue } from './kvs-limits';
import {
  assertValidEntityName,
  assertValidEntityValue,
  conditionHolds,
  groupHolds,
  type ConditionGroup,
  type EntityDefinition,
  type FilterItem,
} from './entity-schema';

export type Space = 'kv' | 'secret';

export interface StoredItem {
  key: string;
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireTime?: string;
}

export interface SetOptions {
  ttl?: unknown;
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
}

export interface EntityQuery {
  entityName: string;
  indexName: string;
  partition?: unknown[];
  range?: { condition: string; values: unknown[] };
  filters?: ConditionGroup;
  sort?: 'ASC' | 'DESC';
  cursor?: string;
  limit?: number;
}

export interface TransactionRequest {
  set?: Array<{
    key: string;
    value: unknown;
    entityName?: string;
    conditions?: ConditionGroup;
    options?: SetOptions;
  }>;
  delete?: Array<{ key: string; entityName?: string; conditions?: ConditionGroup }>;
  check?: Array<{ key: string; entityName: string; conditions: ConditionGroup }>;
}

interface Row {
  key: string;
  value: string;
  created: number;
  updated: number;
  expires: number | null;
}

const encodeCursor = (data: unknown): string => Buffer.from(JSON.stringify(data)).toString('base64url');
/**
 * Only a cursor this store issued is accepted: well-formed base64url JSON of the exact shape it encodes (a key,
 * and for entity queries the range value of a stored item). Anything else is refused as Forge refuses cursors it
 * did not issue, never half-used.
 */
function decodeCursor(cursor: string, withRange: boolean): { k: string; r: string | number | null } {
  const refused = badRequest('INVALID_CURSOR', 'The cursor is not one this API returned.');
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (encodeCursor(data) !== cursor || typeof data !== 'object' || data === null) throw refused;
  const { k, r } = data as Record<string, unknown>;
  const rangeOk = typeof r === 'string' || typeof r === 'number' || r === null;
  if (typeof k !== 'string' || (withRange ? !rangeOk : r !== undefined)) throw refused;
  return { k, r: withRange ? (r as string | number | null) : null };
}

const toItem = (row: Row): StoredItem => ({
  key: row.key,
  value: JSON.parse(row.value) as unknown,
  createdAt: row.created,
  updatedAt: row.updated,
  ...(row.expires !== null ? { expireTime: new Date(row.expires).toISOString() } : {}),
});

export class KvsStore {
  private readonly entities: Map<string, EntityDefinition>;

  constructor(
    private readonly db: Database.Database,
    entities: EntityDefinition[],
    private readonly now: () => number,
  ) {
    this.entities = new Map(entities.map((e) => [e.name, e]));
    db.pragma('journal_mode = WAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS kv (space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        created INTEGER NOT NULL, updated INTEGER NOT NULL, expires INTEGER, PRIMARY KEY (space, key));
      CREATE TABLE IF NOT EXISTS entity (entity TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
        created INTEGER NOT NULL, updated INTEGER NOT NULL, expires INTEGER, PRIMARY KEY (entity, key));
    `);
    for (const entity of entities) {
      for (const index of entity.indexes) {
        const columns = [...index.partition, ...index.range]
          .map((a) => `json_extract(value, '$.${a}')`)
          .join(', ');
        db.exec(
          `CREATE INDEX IF NOT EXISTS "ix_${entity.name}_${index.name}" ON entity (${columns}, key) WHERE entity = '${entity.name}'`,
        );
      }
    }
  }

  // ---- key-value and secrets ----

  get(space: Space, key: string): StoredItem | undefined {
    assertValidKey(key);
    const row = this.db
      .prepare<[string, string, number], Row>(
        'SELECT key, value, created, updated, expires FROM kv WHERE space = ? AND key = ? AND (expires IS NULL OR expires > ?)',
      )
      .get(space, key, this.now());
    return row ? toItem(row) : undefined;
  }

  set(space: Space, key: string, value: unknown, options: SetOptions = {}): StoredItem | undefined {
    assertValidKey(key);
    const json = serializeValue(value);
    const now = this.now();
    const expires = expiryFrom(options.ttl, now);
    const previous = this.get(space, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous)
      throw new KvsError(
        409,
        'KEY_ALREADY_EXISTS',
        `Key "${key}" already exists and keyPolicy is FAIL_IF_EXISTS.`,
      );
    const created = previous?.createdAt ?? now;
    this.db
      .prepare(
        'INSERT OR REPLACE INTO kv (space, key, value, created, updated, expires) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(space, key, json, created, now, expires);
    if (options.returnValue === 'PREVIOUS') return previous;
    if (options.returnValue === 'LATEST') return this.get(space, key);
    return undefined;
  }

  delete(space: Space, key: string): void {
    assertValidKey(key);
    this.db.prepare('DELETE FROM kv WHERE space = ? AND key = ?').run(space, key);
  }

  /** `kvs.query().where('key', beginsWith(prefix))`: keys in lexicographic order, opaque cursor. */
  query(where: FilterItem[] | undefined, limit: unknown, after: string | undefined) {
    const max = queryLimit(limit);
    let prefix = '';
    for (const clause of where ?? []) {
      if (clause.property !== 'key' || clause.condition !== 'BEGINS_WITH')
        throw badRequest('INVALID_QUERY', 'Key-value queries support only where("key", beginsWith(...)).');
      const value = clause.values[0];
      prefix = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    }
    const afterKey = after === undefined ? '' : decodeCursor(after, false).k;
    const rows = this.db
      .prepare<[string, string, string, string, number], Row>(
        `SELECT key, value, created, updated, expires FROM kv WHERE space = 'kv' AND key >= ? AND substr(key, 1, length(?)) = ?
         AND key > ? AND (expires IS NULL OR expires > ?) ORDER BY key LIMIT ${max + 1}`,
      )
      .all(prefix, prefix, prefix, afterKey, this.now());
    const page = rows.slice(0, max);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown })),
      cursor: rows.length > max && last ? encodeCursor({ k: last.key }) : undefined,
    };
  }

  // ---- custom entities ----

  private definition(entityName: unknown): EntityDefinition {
    assertValidEntityName(entityName);
    const definition = this.entities.get(entityName);
    if (!definition)
      throw badRequest(
        'INVALID_ENTITY_TYPE',
        `Entity "${entityName}" is not declared in manifest.yml (app.storage.entities).`,
      );
    return definition;
  }

  getEntity(entityName: string, key: string): StoredItem | undefined {
    this.definition(entityName);
    assertValidKey(key);
    const row = this.db
      .prepare<[string, string, number], Row>(
        'SELECT key, value, created, updated, expires FROM entity WHERE entity = ? AND key = ? AND (expires IS NULL OR expires > ?)',
      )
      .get(entityName, key, this.now());
    return row ? toItem(row) : undefined;
  }

  setEntity(
    entityName: string,
    key: string,
    value: unknown,
    options: SetOptions = {},
  ): StoredItem | undefined {
    const definition = this.definition(entityName);
    assertValidKey(key);
    assertValidEntityValue(definition, value);
    const json = serializeValue(value);
    const now = this.now();
    const expires = expiryFrom(options.ttl, now);
    const previous = this.getEntity(entityName, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous)
      throw new KvsError(
        409,
        'KEY_ALREADY_EXISTS',
        `Key "${key}" of "${entityName}" already exists and keyPolicy is FAIL_IF_EXISTS.`,
      );
    this.db
      .prepare(
        'INSERT OR REPLACE INTO entity (entity, key, value, created, updated, expires) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(entityName, key, json, previous?.createdAt ?? now, now, expires);
    if (options.returnValue === 'PREVIOUS') return previous;
    if (options.returnValue === 'LATEST') return this.getEntity(entityName, key);
    return undefined;
  }

  deleteEntity(entityName: string, key: string): void {
    this.definition(entityName);
    assertValidKey(key);
    this.db.prepare('DELETE FROM entity WHERE entity = ? AND key = ?').run(entityName, key);
  }

  queryEntity(query: EntityQuery) {
    const definition = this.definition(query.entityName);
    const index = definition.indexes.find((i) => i.name === query.indexName);
    if (!index)
      throw badRequest(
        'INVALID_INDEX',
        `Index "${query.indexName}" is not declared for entity "${query.entityName}".`,
      );
    const partition = query.partition ?? [];
    if (partition.length !== index.partition.length)
      throw badRequest(
        'INVALID_PARTITION',
        `Index "${index.name}" needs ${index.partition.length} partition value(s) (${index.partition.join(', ') || 'none'}), got ${partition.length}.`,
      );
    const max = queryLimit(query.limit);
    const rangeAttribute = index.range[0] as string;
    const order = query.sort === 'DESC' ? 'DESC' : 'ASC';
    const rangeExpr = `json_extract(value, '$.${rangeAttribute}')`;
    const clauses = ['entity = ?', '(expires IS NULL OR expires > ?)'];
    const params: unknown[] = [query.entityName, this.now()];
    index.partition.forEach((attribute, i) => {
      clauses.push(`json_extract(value, '$.${attribute}') = ?`);
      params.push(partition[i]);
    });
    if (query.cursor !== undefined) {
      const { r, k } = decodeCursor(query.cursor, true);
      const op = order === 'ASC' ? '>' : '<';
      clauses.push(`(${rangeExpr} ${op} ? OR (${rangeExpr} = ? AND key ${op} ?))`);
      params.push(r, r, k);
    }
    const statement = this.db.prepare<unknown[], Row>(
      `SELECT key, value, created, updated, expires FROM entity WHERE ${clauses.join(' AND ')}
       ORDER BY ${rangeExpr} ${order}, key ${order}`,
    );
    const data: StoredItem[] = [];
    let more = false;
    for (const row of statement.iterate(...params)) {
      const item = toItem(row);
      const value = item.value as Record<string, unknown>;
      if (query.range && !conditionHolds(value[rangeAttribute], query.range.condition, query.range.values))
        continue;
      if (!groupHolds(value, query.filters)) continue;
      if (data.length === max) {
        more = true;
        break;
      }
      data.push(item);
    }
    const last = data[data.length - 1];
    return {
      data: data.map((i) => ({ key: i.key, value: i.value })),
      cursor:
        more && last
          ? encodeCursor({ r: (last.value as Record<string, unknown>)[rangeAttribute], k: last.key })
          : undefined,
    };
  }

  // ---- batch and transactions ----

  private assertBatchSize(count: number): void {
    if (count === 0) throw badRequest('INVALID_BATCH', 'A batch needs at least one item.');
    if (count > KVS_LIMITS.batchMaxItems)
      throw badRequest(
        'BATCH_TOO_LARGE',
        `A batch can hold at most ${KVS_LIMITS.batchMaxItems} items, got ${count}.`,
      );
  }

  /** Each batch item succeeds or fails on its own (unlike a transaction). */
  batch<T extends { key: string; entityName?: string }>(items: T[], apply: (item: T) => void) {
    this.assertBatchSize(items.length);
    const successfulKeys: Array<{ key: string; entityName?: string }> = [];
    const failedKeys: Array<{ key: string; entityName?: string; error: { code: string; message: string } }> =
      [];
    for (const item of items) {
      try {
        apply(item);
        successfulKeys.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({
          key: item.key,
          ...(item.entityName ? { entityName: item.entityName } : {}),
          error: { code: e.code, message: e.message },
        });
      }
    }
    return { successfulKeys, failedKeys };
  }

  /** All-or-nothing: every check and condition must hold, then every write applies; otherwise nothing changes. */
  transact(request: TransactionRequest): void {
    const sets = request.set ?? [];
    const deletes = request.delete ?? [];
    const checks = request.check ?? [];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0) throw badRequest('INVALID_TRANSACTION', 'A transaction needs at least one operation.');
    if (count > KVS_LIMITS.transactionMaxOps)
      throw badRequest(
        'TRANSACTION_TOO_LARGE',
        `A transaction can hold at most ${KVS_LIMITS.transactionMaxOps} operations, got ${count}.`,
      );
    const seen = new Set<string>();
    for (const op of [...sets, ...deletes, ...checks]) {
      const id = `${op.entityName ?? ''}\u0000${op.key}`;
      if (seen.has(id))
        throw badRequest('DUPLICATE_KEY', `Key "${op.key}" appears more than once in the transaction.`);
      seen.add(id);
    }
    const currentValue = (op: { key: string; entityName?: string }) =>
      (op.entityName ? this.getEntity(op.entityName, op.key) : this.get('kv', op.key))?.value as
        Record<string, unknown> | undefined;
    const run = this.db.transaction(() => {
      for (const op of [...checks, ...sets, ...deletes]) {
        if (op.conditions && !groupHolds(currentValue(op), op.conditions))
          throw new KvsError(
            409,
            'CONDITION_CHECK_FAILED',
            `Transaction cancelled: the condition on key "${op.key}" does not hold.`,
          );
      }
      for (const op of sets) {
        if (op.entityName) this.setEntity(op.entityName, op.key, op.value, op.options);
        else this.set('kv', op.key, op.value, op.options);
      }
      for (const op of deletes) {
        if (op.entityName) this.deleteEntity(op.entityName, op.key);
        else this.delete('kv', op.key);
      }
    });
    run();
  }

  /** For tests and the preview: every live key in a space, in order. */
  dump(space: Space = 'kv'): Array<{ key: string; value: unknown }> {
    return this.db
      .prepare<[string, number], Row>(
        'SELECT key, value, created, updated, expires FROM kv WHERE space = ? AND (expires IS NULL OR expires > ?) ORDER BY key',
      )
      .all(space, this.now())
      .map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown }));
  }

  dumpEntity(entityName: string): Array<{ key: string; value: unknown }> {
    return this.db
      .prepare<[string, number], Row>(
        'SELECT key, value, created, updated, expires FROM entity WHERE entity = ? AND (expires IS NULL OR expires > ?) ORDER BY key',
      )
      .all(entityName, this.now())
      .map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown }));
  }

  static notFound = notFound;
}
