import type { CatalogEntry, CustomSource, ValueType } from '../rules/types';

/** Looks up the catalog type of a custom attribute; undefined when unknown. */
export type AttributeTypeLookup = (source: CustomSource, key: string) => ValueType | undefined;

export function catalogLookup(
  catalog: readonly CatalogEntry[] | AttributeTypeLookup,
): AttributeTypeLookup {
  if (typeof catalog === 'function') return catalog;
  const map = new Map<string, ValueType>();
  for (const entry of catalog) map.set(`${entry.source}\u0000${entry.key}`, entry.type);
  return (source, key) => map.get(`${source}\u0000${key}`);
}
