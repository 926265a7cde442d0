import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { CreateSegmentUseCase } from './usecases/create-segment/create-segment.usecase';
import { DeleteSegmentUseCase } from './usecases/delete-segment/delete-segment.usecase';
import { FindMissingSegmentsUseCase } from './usecases/find-missing-segments/find-missing-segments.usecase';
import { GetSegmentUseCase } from './usecases/get-segment/get-segment.usecase';
import { ListSegmentsUseCase } from './usecases/list-segments/list-segments.usecase';
import { UpdateSegmentUseCase } from './usecases/update-segment/update-segment.usecase';
import { ValidateRulesUseCase } from './usecases/validate-rules/validate-rules.usecase';

/** Segment definitions over the bus: each request is one use case. */
@Controller()
export class SegmentsHandler {
  constructor(
    private readonly createSegment: CreateSegmentUseCase,
    private readonly listSegments: ListSegmentsUseCase,
    private readonly getSegment: GetSegmentUseCase,
    private readonly updateSegment: UpdateSegmentUseCase,
    private readonly deleteSegment: DeleteSegmentUseCase,
    private readonly findMissing: FindMissingSegmentsUseCase,
    private readonly validateRules: ValidateRulesUseCase,
  ) {}

  @HandleRequest('segments.segment.create')
  create(command: ParsedRequestOf<'segments.segment.create'>) {
    return this.createSegment.execute(command);
  }

  @HandleRequest('segments.rules.validate')
  validate(command: ParsedRequestOf<'segments.rules.validate'>) {
    return this.validateRules.execute(command);
  }

  @HandleRequest('segments.segment.list')
  list(command: ParsedRequestOf<'segments.segment.list'>) {
    return this.listSegments.execute(command);
  }

  @HandleRequest('segments.segment.get')
  get(command: ParsedRequestOf<'segments.segment.get'>) {
    return this.getSegment.execute(command);
  }

  @HandleRequest('segments.segment.update')
  update(command: ParsedRequestOf<'segments.segment.update'>) {
    return this.updateSegment.execute(command);
  }

  @HandleRequest('segments.segment.delete')
  delete(command: ParsedRequestOf<'segments.segment.delete'>) {
    return this.deleteSegment.execute(command);
  }

  @HandleRequest('segments.segment.exists')
  exists(command: ParsedRequestOf<'segments.segment.exists'>) {
    return this.findMissing.execute(command);
  }
}
