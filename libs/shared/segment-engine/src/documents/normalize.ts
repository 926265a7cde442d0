import type { ValueType } from '../rules/types';
import { parseIsoDate } from '../compile/time';
import type { AttributeValue } from './profile';

const ISO_WITH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The catalog type a first non-null value decides (spec: an ISO-8601 string with a time part
 * is a date, an array is a list). Undefined for null/undefined/objects.
 */
export function inferAttributeType(value: unknown): ValueType | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'date';
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? 'number' : undefined;
    case 'boolean':
      return 'boolean';
    case 'string':
      return ISO_WITH_TIME.test(value) && parseIsoDate(value) ? 'date' : 'string';
    default:
      return undefined;
  }
}

export type NormalizeResult = { ok: true; value: AttributeValue } | { ok: false };

/**
 * Normalises a raw value to a catalog type (HubSpot's "42" for a number → 42). A value that
 * cannot be normalised gives `{ ok: false }`: keep it out of the profile and count it.
 */
export function normalizeAttributeValue(type: ValueType, raw: unknown): NormalizeResult {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  switch (type) {
    case 'string':
      if (typeof raw === 'string') return { ok: true, value: raw };
      if (typeof raw === 'number' || typeof raw === 'boolean')
        return { ok: true, value: String(raw) };
      return { ok: false };
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
      return typeof n === 'number' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return { ok: false };
    case 'date': {
      if (raw instanceof Date)
        return Number.isNaN(raw.getTime()) ? { ok: false } : { ok: true, value: raw };
      if (typeof raw === 'string') {
        const d = parseIsoDate(raw.trim());
        return d ? { ok: true, value: d } : { ok: false };
      }
      if (typeof raw === 'number' && Number.isFinite(raw))
        return { ok: true, value: new Date(raw) };
      return { ok: false };
    }
    case 'list':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) {
        return { ok: true, value: [...raw] };
      }
      if (typeof raw === 'string') {
        return { ok: true, value: raw === '' ? [] : raw.split(';').map((s) => s.trim()) };
      }
      return { ok: false };
  }
}
