import { Alert, List, Loader, Modal, NativeSelect, Text } from '@mantine/core';
import { useState } from 'react';
import type { SegmentListItem } from '../../../api/paths';
import { ConfirmBody } from '../../../app/confirm-dialog';
import { MODAL_STYLES } from '../../../app/modal-styles';
import { useDeleteSegment, useExperiences, useReplacementChoices } from '../hooks/use-segments';

/**
 * Delete's confirmation (dashboard.md "Deleting a segment"): the experiences using the segment,
 * which of them would be left with no segment (they target nobody, never everyone), and no
 * Delete at all while another segment's rules use it. "Replace with" puts another segment in
 * its place in those experiences in the same step (default: no replacement).
 */
export function DeleteSegmentDialog({
  segment: asked,
  onClose,
}: {
  segment: SegmentListItem | null;
  onClose: () => void;
}) {
  // The last segment asked about stays shown while the dialog closes (its exit transition).
  const [segment, setSegment] = useState(asked);
  const [replaceWith, setReplaceWith] = useState('');
  if (asked !== null && asked !== segment) {
    setSegment(asked);
    setReplaceWith('');
  }
  const remove = useDeleteSegment();
  const usedBy = segment?.usedBy ?? [];
  const referencedBy = segment?.referencedBy ?? [];
  const experiences = useExperiences(usedBy);
  const loading = experiences.some((query) => query.isPending);
  const choices = useReplacementChoices(
    segment?.id,
    asked !== null && usedBy.length > 0 && referencedBy.length === 0,
  );
  const replacement = choices.data?.find((choice) => choice.id === replaceWith);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal
      styles={MODAL_STYLES}
      opened={asked !== null}
      onClose={close}
      title={`Delete ${segment?.name ?? ''}?`}
    >
      {segment ? (
        <ConfirmBody
          confirmLabel={referencedBy.length === 0 ? 'Delete segment' : null}
          onConfirm={() =>
            remove.mutate(
              {
                id: segment.id,
                confirm: usedBy.length > 0,
                ...(usedBy.length > 0 && replaceWith !== '' ? { replaceWith } : {}),
              },
              { onSuccess: close },
            )
          }
          onCancel={close}
          pending={remove.isPending}
          error={remove.error}
          errorTitle="The segment was not deleted"
        >
          {referencedBy.length > 0 ? (
            <Alert color="yellow" title="Other segments use this one">
              {referencedBy.length === 1
                ? 'Another segment uses'
                : `${referencedBy.length} segments use`}{' '}
              this segment in their rules. Change their rules first; it cannot be deleted meanwhile.
            </Alert>
          ) : usedBy.length === 0 ? (
            <Text size="sm">No experience uses this segment. Deleting it cannot be undone.</Text>
          ) : (
            <>
              <Text size="sm">
                {usedBy.length === 1
                  ? 'One experience uses this segment'
                  : `${usedBy.length} experiences use this segment`}
                ;{' '}
                {replacement
                  ? `deleting puts ${replacement.name} in its place in their audience:`
                  : 'deleting removes it from their audience:'}
              </Text>
              {loading ? (
                <Loader size="sm" aria-label="Loading the experiences" />
              ) : (
                <List size="sm" aria-label="Experiences affected">
                  {usedBy.map((id, index) => {
                    const experience = experiences[index]?.data;
                    const lastSegment =
                      !replacement &&
                      experience?.audience.mode === 'segments' &&
                      experience.audience.segmentIds.every((segmentId) => segmentId === segment.id);
                    return (
                      <List.Item key={id}>
                        {experience?.name ?? id}
                        {lastSegment ? (
                          <Text span size="sm" c="red" fw={500}>
                            {' '}
                            — left with no segment: it will target nobody
                          </Text>
                        ) : null}
                      </List.Item>
                    );
                  })}
                </List>
              )}
              <NativeSelect
                label="Replace with"
                description="Another segment to use in these experiences instead"
                value={replaceWith}
                onChange={(event) => setReplaceWith(event.currentTarget.value)}
                disabled={!choices.isSuccess}
                error={choices.isError ? 'The other segments could not be loaded' : undefined}
                data={[
                  { value: '', label: 'No replacement' },
                  ...(choices.data ?? []).map((choice) => ({
                    value: choice.id,
                    label: choice.name,
                  })),
                ]}
              />
            </>
          )}
        </ConfirmBody>
      ) : null}
    </Modal>
  );
}
