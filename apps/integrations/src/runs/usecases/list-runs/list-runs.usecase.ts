import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, RunView } from '@seg/contracts';
import { RunRepository, toRunView } from '../../run.repository';

export type ListRunsCommand = ParsedRequestOf<'integrations.run.list'>;

/** The latest runs, newest first, with progress (stats so far) while running. */
@Injectable()
export class ListRunsUseCase {
  constructor(private readonly runs: RunRepository) {}

  async execute(command: ListRunsCommand): Promise<RunView[]> {
    const runs = await this.runs.latest(command.workspaceId, command.provider, command.limit);
    return runs.map(toRunView);
  }
}
