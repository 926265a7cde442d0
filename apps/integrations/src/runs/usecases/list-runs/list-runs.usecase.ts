import { Injectable } from '@nestjs/common';
import type { RunView } from '@seg/contracts';
import { RunRepository, toRunView } from '../../run.repository';
import type { ListRunsCommand } from './list-runs.command';

/** The latest runs, newest first, with progress (stats so far) while running. */
@Injectable()
export class ListRunsUseCase {
  constructor(private readonly runs: RunRepository) {}

  async execute(command: ListRunsCommand): Promise<RunView[]> {
    const runs = await this.runs.latest(command.workspaceId, command.provider, command.limit);
    return runs.map(toRunView);
  }
}
