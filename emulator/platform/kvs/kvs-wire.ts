// Answers @forge/kvs's wire calls (`/api/v1/...`) from the store, in the reply shapes the SDK checks.
import { KvsError, notFound, badRequest } from './kvs-errors';
import { kindOf, type KvsQuota } from './kvs-quota';
import type { EntityQuery, KvsStore, SetOptions, Space, StoredItem, TransactionRequest } from './kvs-store';
import type { FilterItem } from './entity-schema';

/** Each reply's body size, so a read can be charged by what it returned. */
const replyBytes = new WeakMap<Response, number>();

const json = (status: number, body?: unknown): Response => {
  const text = body === undefined ? null : JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  replyBytes.set(response, text === null ? 0 : Buffer.byteLength(text));
  return response;
};

interface KeyBody {
  key: string;
  value?: unknown;
  entityName?: string;
  options?: SetOptions;
}

const reply = (item: StoredItem | undefined) => (item ? json(200, item) : json(204));

function dispatch(store: KvsStore, op: string, body: unknown): Response {
  const b = body as KeyBody;
  const space: Space = op.startsWith('secret/') ? 'secret' : 'kv';
  switch (op) {
    case 'get':
    case 'secret/get': {
      const item = store.get(space, b.key);
      if (!item) throw notFound(b.key);
      return json(200, item);
    }
    case 'set':
    case 'secret/set':
      return reply(store.set(space, b.key, b.value, b.options));
    case 'delete':
    case 'secret/delete':
      store.delete(space, b.key);
      return json(204);
    case 'query': {
      const q = body as { where?: FilterItem[]; limit?: number; after?: string };
      return json(200, store.query(q.where, q.limit, q.after));
    }
    case 'entity/get': {
      const item = store.getEntity(b.entityName as string, b.key);
      if (!item) throw notFound(b.key);
      return json(200, item);
    }
    case 'entity/set':
      return reply(store.setEntity(b.entityName as string, b.key, b.value, b.options));
    case 'entity/delete':
      store.deleteEntity(b.entityName as string, b.key);
      return json(204);
    case 'entity/query':
      return json(200, store.queryEntity(body as EntityQuery));
    case 'batch/set':
      return json(
        200,
        store.batch(body as KeyBody[], (item) =>
          item.entityName
            ? store.setEntity(item.entityName, item.key, item.value, item.options)
            : store.set('kv', item.key, item.value, item.options),
        ),
      );
    case 'batch/delete':
      return json(
        200,
        store.batch(body as KeyBody[], (item) =>
          item.entityName ? store.deleteEntity(item.entityName, item.key) : store.delete('kv', item.key),
        ),
      );
    case 'batch/get': {
      const found: StoredItem[] = [];
      const result = store.batch(body as KeyBody[], (item) => {
        const hit = item.entityName ? store.getEntity(item.entityName, item.key) : store.get('kv', item.key);
        if (!hit) throw notFound(item.key);
        found.push({ ...hit, ...(item.entityName ? { entityName: item.entityName } : {}) });
      });
      return json(200, { successfulKeys: found, failedKeys: result.failedKeys });
    }
    case 'transaction':
      store.transact(body as TransactionRequest);
      return json(204);
    default:
      throw badRequest('UNSUPPORTED_OPERATION', `The emulator does not implement storage operation "${op}".`);
  }
}

/** What a request touches, for the usage breakdown: an entity name or a key up to its first colon. */
function familyOf(body: unknown): string {
  const family = (item: unknown): string => {
    const b = (item ?? {}) as { key?: unknown; entityName?: unknown; where?: Array<{ values?: unknown[] }> };
    if (typeof b.entityName === 'string') return b.entityName;
    const prefix = b.where?.[0]?.values?.[0];
    const key = typeof b.key === 'string' ? b.key : typeof prefix === 'string' ? prefix : '';
    return key.split(':')[0] ?? '';
  };
  if (Array.isArray(body)) return [...new Set(body.map(family))].sort().join('+');
  const tx = body as { set?: unknown[]; delete?: unknown[]; check?: unknown[] };
  if (tx && (Array.isArray(tx.set) || Array.isArray(tx.delete)))
    return [...new Set([...(tx.set ?? []), ...(tx.delete ?? []), ...(tx.check ?? [])].map(family))]
      .sort()
      .join('+');
  return family(body);
}

/** Handles one `__forge_fetch__({type:'kvs'}, '/api/v1/<op>', init)` call, within the installation's quotas. */
export function handleKvsRequest(
  store: KvsStore,
  path: string,
  init: RequestInit,
  quota?: KvsQuota,
): Response {
  const op = path.replace(/^\/api\/v1\//, '');
  const kind = kindOf(op);
  const requestBytes = typeof init.body === 'string' ? Buffer.byteLength(init.body) : 0;
  // Writes are charged by what they store; reads by what they return, known only once answered.
  const refusal = quota?.charge(
    kind,
    kind === 'write' ? quota.units(requestBytes) : 1,
    op.startsWith('batch/'),
  );
  if (refusal) return json(refusal.status, { code: refusal.code, message: refusal.message });
  let body: unknown;
  try {
    body = typeof init.body === 'string' && init.body.length > 0 ? JSON.parse(init.body) : {};
  } catch {
    return json(400, { code: 'INVALID_REQUEST', message: 'The request body is not valid JSON.' });
  }
  try {
    const response = dispatch(store, op, body);
    if (quota) {
      const units = kind === 'read' ? quota.units(replyBytes.get(response) ?? 0) : quota.units(requestBytes);
      if (kind === 'read') quota.addReadUnits(units - 1);
      quota.tally(`${kind} ${op} ${familyOf(body)}`, units);
    }
    return response;
  } catch (e) {
    if (e instanceof KvsError) {
      // Charged all the same: a refused conditional write or a missing key still used its request.
      quota?.tally(
        `${kind} ${op} ${familyOf(body)} (${e.code})`,
        kind === 'read' ? 1 : quota.units(requestBytes),
      );
      return json(e.status, { code: e.code, message: e.message });
    }
    throw e;
  }
}
