// Custom-entity schemas from manifest.yml (`app.storage.entities`): attribute types, indexes, and filter conditions.
import { badRequest } from './kvs-errors';
import { KVS_LIMITS } from './kvs-limits';

export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

export interface EntityIndex {
  name: string;
  range: string[];
  partition: string[];
}

export interface EntityDefinition {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

export interface FilterItem {
  property: string;
  condition: string;
  values: unknown[];
}

export type ConditionGroup = { and: FilterItem[] } | { or: FilterItem[] };

interface ManifestEntity {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: Array<string | { name: string; range: string[]; partition?: string[] }>;
}

export function entitiesFromManifest(raw: unknown): EntityDefinition[] {
  const list = (raw ?? []) as ManifestEntity[];
  return list.map((entity) => ({
    name: entity.name,
    attributes: Object.fromEntries(Object.entries(entity.attributes).map(([name, a]) => [name, a.type])),
    indexes: (entity.indexes ?? []).map((index) =>
      typeof index === 'string'
        ? { name: index, range: [index], partition: [] }
        : { name: index.name, range: index.range, partition: index.partition ?? [] },
    ),
  }));
}

export function assertValidEntityName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length < KVS_LIMITS.entityNameMin)
    throw badRequest(
      'ENTITY_TYPE_TOO_SHORT',
      `The entity name must be at least ${KVS_LIMITS.entityNameMin} characters.`,
    );
  if (name.length > KVS_LIMITS.entityNameMax)
    throw badRequest(
      'ENTITY_TYPE_TOO_LARGE',
      `The entity name has exceeded the maximum ${KVS_LIMITS.entityNameMax} characters.`,
    );
}

/**
 * A custom entity's `integer` is a 32-bit signed integer (the stricter reading: a millisecond timestamp does not
 * fit and belongs in a `float`, which holds whole numbers exactly up to 2^53). Unconfirmed on a live site.
 */
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function matchesType(value: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
  }
}

/** Values of a custom entity must be objects whose attributes are declared and of the declared type. */
export function assertValidEntityValue(definition: EntityDefinition, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest('INVALID_VALUE', `A value of entity "${definition.name}" must be an object.`);
  for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
    const type = definition.attributes[attribute];
    if (type === undefined)
      throw badRequest(
        'INVALID_ATTRIBUTE',
        `Attribute "${attribute}" is not declared for entity "${definition.name}" in manifest.yml.`,
      );
    if (attributeValue !== null && !matchesType(attributeValue, type))
      throw badRequest(
        'INVALID_ATTRIBUTE_TYPE',
        `Attribute "${attribute}" of entity "${definition.name}" must be of type ${type}${type === 'integer' ? ' (a 32-bit signed integer)' : ''}.`,
      );
  }
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Evaluates one filter or range condition against an attribute value. */
export function conditionHolds(actual: unknown, condition: string, values: unknown[]): boolean {
  const [first, second] = values;
  const present = actual !== undefined && actual !== null;
  switch (condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'EQUAL_TO':
      return present && actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return typeof actual === 'string'
        ? actual.includes(String(first))
        : Array.isArray(actual) && actual.includes(first);
    case 'NOT_CONTAINS':
      return typeof actual === 'string'
        ? !actual.includes(String(first))
        : !(Array.isArray(actual) && actual.includes(first));
    case 'GREATER_THAN':
      return present && compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return present && compare(actual, first) >= 0;
    case 'LESS_THAN':
      return present && compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return present && compare(actual, first) <= 0;
    case 'BETWEEN':
      return present && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    default:
      throw badRequest('INVALID_CONDITION', `Unknown condition "${condition}".`);
  }
}

export function groupHolds(
  value: Record<string, unknown> | undefined,
  group: ConditionGroup | undefined,
): boolean {
  if (!group) return true;
  if ('and' in group)
    return group.and.every((f) => conditionHolds(value?.[f.property], f.condition, f.values));
  return group.or.some((f) => conditionHolds(value?.[f.property], f.condition, f.values));
}
