import { inferAttributeType, type AttributeObject, type AttributeValue } from '@seg/segment-engine';

/** One leaf of a traits object: `{ company: { plan: 'pro' } }` gives `company.plan`. */
export interface TraitLeaf {
  path: string;
  raw: unknown;
}

/**
 * Flattens traits into leaf paths (nested objects are walked, arrays are leaves,
 * empty objects give nothing). Keys were checked at the edge (no `$`, no empty segment).
 */
export function flattenTraits(traits: Record<string, unknown>, prefix = ''): TraitLeaf[] {
  const leaves: TraitLeaf[] = [];
  for (const [key, value] of Object.entries(traits)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) leaves.push(...flattenTraits(value, path));
    else leaves.push({ path, raw: value });
  }
  return leaves;
}

/**
 * Event properties, normalised like attributes (the engine's EventDocument): ISO
 * date-times become dates, arrays keep strings only (numbers and booleans as text),
 * dotted keys become nested objects; a key that collides with an earlier one is dropped.
 */
export function normalizeProperties(properties: Record<string, unknown>): AttributeObject {
  const out: AttributeObject = {};
  for (const { path, raw } of flattenTraits(properties)) {
    const value = normalizePropertyValue(raw);
    if (value !== undefined) setLeaf(out, path.split('.'), value);
  }
  return out;
}

function normalizePropertyValue(raw: unknown): AttributeValue | undefined {
  if (raw === null) return null;
  if (Array.isArray(raw)) {
    return raw
      .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
      .map((item) => String(item));
  }
  if (typeof raw === 'string') {
    return inferAttributeType(raw) === 'date' ? new Date(raw) : raw;
  }
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'boolean') return raw;
  return undefined;
}

/**
 * Sets `value` at `segments` in a nested object. Refuses (false) when the path
 * walks through a value that is not an object, or would replace an object by a value.
 */
export function setLeaf(
  target: AttributeObject,
  segments: string[],
  value: AttributeValue,
): boolean {
  let node: AttributeObject = target;
  for (let i = 0; i < segments.length - 1; i += 1) {
    const segment = segments[i] as string;
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === undefined) {
      const created: AttributeObject = {};
      node[segment] = created;
      node = created;
    } else if (isAttributeObject(next)) {
      node = next;
    } else {
      return false;
    }
  }
  const last = segments[segments.length - 1] as string;
  if (Object.hasOwn(node, last) && isAttributeObject(node[last])) return false;
  node[last] = value;
  return true;
}

function isAttributeObject(value: unknown): value is AttributeObject {
  return isObject(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** A deep copy of an attribute tree (dates and lists copied too). */
export function cloneAttributes(source: AttributeObject | undefined): AttributeObject {
  const out: AttributeObject = {};
  for (const [key, value] of Object.entries(source ?? {})) {
    if (value instanceof Date) out[key] = new Date(value.getTime());
    else if (Array.isArray(value)) out[key] = [...value];
    else if (isAttributeObject(value)) out[key] = cloneAttributes(value);
    else out[key] = value;
  }
  return out;
}
