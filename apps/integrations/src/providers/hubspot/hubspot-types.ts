import type { ValueType } from '@seg/segment-engine';

export interface HubSpotPropertyDefinition {
  name: string;
  type: string;
  fieldType: string;
}

/** A HubSpot property definition → the catalog type of its values (all sent as strings). */
export function catalogTypeOf(property: HubSpotPropertyDefinition): ValueType {
  switch (property.type) {
    case 'number':
      return 'number';
    case 'date':
    case 'datetime':
      return 'date';
    case 'bool':
      return 'boolean';
    case 'enumeration':
      // A multiple checkboxes property holds "a;b;c".
      return property.fieldType === 'checkbox' ? 'list' : 'string';
    default:
      return 'string';
  }
}
