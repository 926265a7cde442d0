import { ingestKeyProblem, type SyncRecord } from '@seg/contracts';
import {
  inferAttributeType,
  keyProblem,
  type AttributeObject,
  type CustomSource,
} from '@seg/segment-engine';
import type { AttributeTypes } from '../catalog/attribute-types';

/**
 * A vendor record's raw values normalised to their catalog types (the vendor's schema or
 * the first value decides), as nested attributes. Empty values are left out; a value that
 * cannot be normalised, or a key that is not a safe path, is counted as `failed`.
 */
export async function normaliseVendorValues(
  types: AttributeTypes,
  workspaceId: string,
  source: CustomSource,
  raw: SyncRecord['attributes'],
): Promise<{ attributes: AttributeObject; failed: number }> {
  let failed = 0;
  const leaves: Array<{ path: string; raw: unknown }> = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined || value === '') continue;
    if (keyProblem(key) !== undefined || ingestKeyProblem(key) !== undefined) {
      failed += 1;
      continue;
    }
    // A value no type can hold (an object) is left out, as before.
    if (inferAttributeType(value) === undefined && !(typeof value === 'string')) continue;
    leaves.push({ path: key, raw: value });
  }
  const attributes: AttributeObject = {};
  for (const item of await types.normalize(workspaceId, source, leaves)) {
    if (!item.ok) failed += 1;
    else if (item.value !== null) setPath(attributes, item.path, item.value);
  }
  return { attributes, failed };
}

function setPath(target: AttributeObject, key: string, value: AttributeObject[string]): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next) || next instanceof Date) {
      node[part] = {};
    }
    node = node[part] as AttributeObject;
  }
  node[parts[parts.length - 1] as string] = value;
}
