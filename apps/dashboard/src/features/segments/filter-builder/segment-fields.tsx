import { NativeSelect } from '@mantine/core';
import type { SegmentCondition } from '@seg/segment-engine';
import type { FilterCatalog } from './filter-catalog';
import { SEGMENT_OPERATOR_LABELS } from './labels';

interface SegmentFieldsProps {
  condition: SegmentCondition;
  catalog: FilterCatalog;
  onChange: (condition: SegmentCondition) => void;
}

export function SegmentFields({ condition, catalog, onChange }: SegmentFieldsProps) {
  const segments = catalog.segments.some((s) => s.id === condition.segmentId)
    ? catalog.segments
    : [...catalog.segments, { id: condition.segmentId, name: condition.segmentId }];
  return (
    <>
      <NativeSelect
        label="Membership"
        value={condition.operator}
        data={(['in', 'notIn'] as const).map((op) => ({
          value: op,
          label: SEGMENT_OPERATOR_LABELS[op],
        }))}
        onChange={(event) =>
          onChange({ ...condition, operator: event.currentTarget.value as 'in' | 'notIn' })
        }
      />
      <NativeSelect
        label="Segment"
        value={condition.segmentId}
        data={segments.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(event) => onChange({ ...condition, segmentId: event.currentTarget.value })}
      />
    </>
  );
}
