import { Injectable } from '@nestjs/common';
import { Audience, DomainError } from '@seg/contracts';
import { BusClient } from '@seg/platform';

/** Every segment an audience lists must exist in the workspace (asked of the segments service). */
@Injectable()
export class AudienceSegmentsValidator {
  constructor(private readonly bus: BusClient) {}

  async assertExist(workspaceId: string, audience: Audience, basePath: string): Promise<void> {
    if (audience.mode !== 'segments' || audience.segmentIds.length === 0) return;
    const { missing } = await this.bus.request('segments.segment.exists', {
      workspaceId,
      segmentIds: audience.segmentIds,
    });
    if (missing.length === 0) return;
    const unknown = new Set(missing);
    throw new DomainError(
      'VALIDATION_FAILED',
      `Unknown segment ids: ${missing.join(', ')}`,
      audience.segmentIds.flatMap((id, index) =>
        unknown.has(id)
          ? [
              {
                path: `${basePath}.segmentIds[${index}]`,
                message: `no segment ${id} in this workspace`,
              },
            ]
          : [],
      ),
    );
  }
}
