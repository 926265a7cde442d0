import { experiencesWorld } from '../../../testing/fakes';
import { ListSegmentUsageUseCase } from './list-segment-usage.usecase';

const WS = 'ws_segusage001';

describe('ListSegmentUsageUseCase', () => {
  it('maps each asked segment to the experiences using it, leaving unused ones out', async () => {
    const world = experiencesWorld();
    const created = await world.createInOrder(
      WS,
      [['seg_a', 'seg_b'], ['seg_b'], ['seg_c']].map((segmentIds) => ({
        audience: { mode: 'segments', segmentIds },
      })),
    );
    const ids = created.map((experience) => experience.id);
    const usage = new ListSegmentUsageUseCase(world.experiences.asRepository());
    expect(
      await usage.execute({ workspaceId: WS, segmentIds: ['seg_a', 'seg_b', 'seg_unused'] }),
    ).toEqual({
      usedBy: { seg_a: [ids[0]], seg_b: [ids[0], ids[1]] },
    });
    expect(await usage.execute({ workspaceId: WS, segmentIds: [] })).toEqual({ usedBy: {} });
  });
});
