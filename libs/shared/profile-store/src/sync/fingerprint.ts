import type { AttributeObject } from '@seg/segment-engine';

/**
 * A stable text of attribute values (keys sorted, dates tagged), equal for equal
 * values whatever their key order or whether they were read back from the database.
 */
export function attributesFingerprint(attributes: AttributeObject): string {
  return JSON.stringify(canonical(attributes));
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return { d: value.getTime() };
  if (Array.isArray(value)) return { a: value.map(canonical) };
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return {
      o: Object.keys(object)
        .sort()
        .map((key) => [key, canonical(object[key])]),
    };
  }
  return value;
}
