import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { SampledPreview } from '../../sampled-preview';

export type GetPreviewCountCommand = ParsedRequestOf<'segments.count.get'>;

/** `GET /v1/segments/counts/:countId`: a preview's background count (404 when unknown). */
@Injectable()
export class GetPreviewCountUseCase {
  constructor(private readonly sampled: SampledPreview) {}

  execute(command: GetPreviewCountCommand): Promise<ResponseOf<'segments.count.get'>> {
    return this.sampled.count(command.workspaceId, command.countId);
  }
}
