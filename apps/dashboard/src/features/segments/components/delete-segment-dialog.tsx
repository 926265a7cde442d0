import { Alert, List, Loader, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import type { SegmentListItem } from '../../../api/paths';
import { ConfirmBody } from '../../../app/confirm-dialog';
import { MODAL_STYLES } from '../../../app/modal-styles';
import { useDeleteSegment, useExperiences } from '../hooks/use-segments';

/**
 * Delete's confirmation (dashboard.md "Deleting a segment"): the experiences using the segment,
 * which of them would be left with no segment (they target nobody, never everyone), and no
 * Delete at all while another segment's rules use it.
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
  if (asked !== null && asked !== segment) setSegment(asked);
  const remove = useDeleteSegment();
  const usedBy = segment?.usedBy ?? [];
  const referencedBy = segment?.referencedBy ?? [];
  const experiences = useExperiences(usedBy);
  const loading = experiences.some((query) => query.isPending);
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
            remove.mutate({ id: segment.id, confirm: usedBy.length > 0 }, { onSuccess: close })
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
                ; deleting removes it from their audience:
              </Text>
              {loading ? (
                <Loader size="sm" aria-label="Loading the experiences" />
              ) : (
                <List size="sm" aria-label="Experiences affected">
                  {usedBy.map((id, index) => {
                    const experience = experiences[index]?.data;
                    const lastSegment =
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
            </>
          )}
        </ConfirmBody>
      ) : null}
    </Modal>
  );
}
