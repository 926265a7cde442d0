import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { changeCursorOf, changeView, nextChangeCursor } from './change-page';

export type UserSegmentHistoryCommand = ParsedRequestOf<'segments.user.history'>;

/** A user's entered/exited changes over every segment, newest first, paged. */
@Injectable()
export class UserSegmentHistoryUseCase {
  constructor(private readonly readModel: ReadModelRepository) {}

  async execute(command: UserSegmentHistoryCommand): Promise<ResponseOf<'segments.user.history'>> {
    const { workspaceId, userId, limit } = command;
    const found = await this.readModel.changesPage(
      workspaceId,
      { userId },
      changeCursorOf(command.cursor),
      limit + 1,
    );
    return {
      changes: found.slice(0, limit).map(changeView),
      nextCursor: nextChangeCursor(found, limit),
    };
  }
}
