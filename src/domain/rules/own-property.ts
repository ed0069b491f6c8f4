// Reads keys of plain objects as data only: a name such as `constructor` or `__proto__` never reaches
// Object.prototype, whether it comes from a rule's text or from an identity provider's attribute names.

/** record[key] when the record itself holds key; undefined for absent and inherited keys. */
export function ownValue<V>(
  record: Readonly<Record<string, V>> | null | undefined,
  key: string,
): V | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
