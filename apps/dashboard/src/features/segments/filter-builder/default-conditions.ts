import type { Condition, CustomSource, RuleGroup, ValueType } from '@seg/segment-engine';
import { CUSTOM_SOURCES, NATIVE_ATTRIBUTE_TYPES } from '@seg/segment-engine';
import type { FilterCatalog } from './filter-catalog';
import { defaultValue, firstOperator } from './operator-values';

/** A custom attribute of the catalog, with its source known (native ones have none). */
export interface CustomAttributeEntry {
  source: CustomSource;
  key: string;
  type: ValueType;
  sampleValues: readonly unknown[];
}

export function customAttributes(catalog: FilterCatalog): CustomAttributeEntry[] {
  return catalog.attributes.flatMap((item) =>
    item.category === 'customAttribute' && item.source !== null
      ? [{ source: item.source, key: item.key, type: item.type, sampleValues: item.sampleValues }]
      : [],
  );
}

export function sortedBySource(entries: CustomAttributeEntry[]): CustomAttributeEntry[] {
  return [...entries].sort(
    (a, b) => CUSTOM_SOURCES.indexOf(a.source) - CUSTOM_SOURCES.indexOf(b.source),
  );
}

/** The condition a filter starts as when its category is picked: the first choice of each list. */
export function defaultCondition(kind: Condition['type'], catalog: FilterCatalog): Condition {
  switch (kind) {
    case 'attribute': {
      const operator = firstOperator(NATIVE_ATTRIBUTE_TYPES.name);
      return { type: 'attribute', attribute: 'name', operator, value: '' };
    }
    case 'customAttribute': {
      const first = sortedBySource(customAttributes(catalog))[0];
      const type = first?.type ?? 'string';
      const operator = firstOperator(type);
      const value = defaultValue(type, operator);
      return {
        type: 'customAttribute',
        source: first?.source ?? 'sdk',
        key: first?.key ?? '',
        operator,
        ...(value === undefined ? {} : { value }),
      };
    }
    case 'experience':
      return {
        type: 'experience',
        experienceId: catalog.experiences[0]?.id ?? '',
        operator: 'seen',
      };
    case 'event': {
      const first = catalog.events[0];
      return { type: 'event', source: first?.source ?? 'jimo', name: first?.name ?? '' };
    }
    case 'segment':
      return { type: 'segment', segmentId: catalog.segments[0]?.id ?? '', operator: 'in' };
  }
}

export function defaultGroup(catalog: FilterCatalog): RuleGroup {
  return { type: 'group', operator: 'and', conditions: [defaultCondition('attribute', catalog)] };
}

export const EMPTY_RULES: RuleGroup = { type: 'group', operator: 'and', conditions: [] };
