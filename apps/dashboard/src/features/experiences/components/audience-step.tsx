import { Group, Loader, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '../../../app/route-states';
import type { AudienceDraft } from '../experience-draft';
import { errorMessage } from '../../../api/client';
import { useAllSegments } from '../hooks/use-audience';
import { useAudienceOverlap } from '../hooks/use-audience-overlap';
import { AudienceOverlapPanel } from './audience-overlap';
import { ReachSummary } from './reach-summary';
import { SegmentPicker } from './segment-picker';

/**
 * The Audience step: **Who** (All users / Specific users), the segment picker (each selected
 * segment with what it adds on its own), the reach and the overlap with the other published
 * experiences.
 */
export function AudienceStep({
  audience,
  onChange,
  readOnly,
  issue,
  experienceId,
}: {
  audience: AudienceDraft;
  onChange: (audience: AudienceDraft) => void;
  readOnly: boolean;
  issue?: string;
  /** The saved experience being edited (left out of the overlap); none for a new one. */
  experienceId?: string;
}) {
  const segments = useAllSegments();
  const overlap = useAudienceOverlap(audience, experienceId);
  const nobody = audience.mode === 'segments' && audience.segmentIds.length === 0;
  // Only the answer for this very selection names what each segment adds.
  const current =
    overlap.isPlaceholderData || overlap.data?.status === 'counting' ? undefined : overlap.data;
  const adds = new Map(current?.segments.map((segment) => [segment.id, segment.adds]));
  // Switching to All users and back keeps the segments ticked before.
  const [remembered, setRemembered] = useState<string[]>(
    audience.mode === 'segments' ? audience.segmentIds : [],
  );
  return (
    <Stack gap="md">
      <Radio.Group
        label="Who"
        description="The experience shows to users in at least one selected segment."
        value={audience.mode === 'all' ? 'all' : 'segments'}
        onChange={(mode) => {
          if (mode === 'all') {
            if (audience.mode === 'segments') setRemembered(audience.segmentIds);
            onChange({ mode: 'all' });
          } else {
            onChange({ mode: 'segments', segmentIds: remembered });
          }
        }}
        error={issue}
      >
        <Group mt="xs" gap="xl">
          <Radio value="all" label="All users" disabled={readOnly} />
          <Radio value="segments" label="Specific users" disabled={readOnly} />
        </Group>
      </Radio.Group>
      {audience.mode === 'segments' ? (
        segments.isPending ? (
          <Group gap="xs">
            <Loader size="sm" aria-label="Loading segments" />
            <Text size="sm" c="dimmed">
              Loading segments…
            </Text>
          </Group>
        ) : segments.isError ? (
          <QueryError
            title="The segments could not be loaded"
            error={segments.error}
            onRetry={() => void segments.refetch()}
          />
        ) : (
          <SegmentPicker
            segments={segments.data}
            selected={audience.segmentIds}
            readOnly={readOnly}
            adds={adds}
            onChange={(segmentIds) => onChange({ mode: 'segments', segmentIds })}
          />
        )
      ) : null}
      <ReachSummary audience={audience} segments={segments.data ?? []} />
      {nobody ? null : (
        <AudienceOverlapPanel
          overlap={overlap.data}
          loading={overlap.isFetching}
          error={overlap.isError ? errorMessage(overlap.error) : undefined}
        />
      )}
    </Stack>
  );
}
