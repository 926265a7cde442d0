import { experiencesWorld } from '../../../testing/fakes';
import { CreateExperienceUseCase } from '../../../experiences/usecases/create-experience/create-experience.usecase';
import { ListSegmentUsageUseCase } from './list-segment-usage.usecase';

const WS = 'ws_segusage001';

describe('ListSegmentUsageUseCase', () => {
  it('maps each asked segment to the experiences using it, leaving unused ones out', async () => {
    const world = experiencesWorld();
    const repository = world.experiences.asRepository();
    const create = new CreateExperienceUseCase(repository, world.validator, world.changes);
    const ids: string[] = [];
    for (const segmentIds of [['seg_a', 'seg_b'], ['seg_b'], ['seg_c']]) {
      const created = await create.execute({
        workspaceId: WS,
        experience: {
          name: 'e',
          type: 'tour',
          steps: [{ id: 's', kind: 'message' }],
          audience: { mode: 'segments', segmentIds },
        },
      });
      ids.push(created.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const usage = new ListSegmentUsageUseCase(repository);
    expect(
      await usage.execute({ workspaceId: WS, segmentIds: ['seg_a', 'seg_b', 'seg_unused'] }),
    ).toEqual({
      usedBy: { seg_a: [ids[0]], seg_b: [ids[0], ids[1]] },
    });
    expect(await usage.execute({ workspaceId: WS, segmentIds: [] })).toEqual({ usedBy: {} });
  });
});
