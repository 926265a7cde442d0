import { experiencesWorld } from '../../../testing/fakes';
import { ListSegmentAudiencesUseCase } from './list-segment-audiences.usecase';

const WS = 'ws_segaudience01';

describe('ListSegmentAudiencesUseCase', () => {
  it('lists the experiences whose audience holds the segment, each with its whole audience', async () => {
    const world = experiencesWorld();
    const created = await world.createInOrder(WS, [
      { audience: { mode: 'segments', segmentIds: ['seg_b', 'seg_a'] } },
      { audience: { mode: 'segments', segmentIds: ['seg_c'] } },
      { audience: { mode: 'segments', segmentIds: ['seg_a'] } },
      { audience: { mode: 'all' } },
    ]);
    const audiences = new ListSegmentAudiencesUseCase(world.experiences.asRepository());
    const answer = await audiences.execute({ workspaceId: WS, segmentId: 'seg_a' });
    expect(answer.experiences.map(({ id, segmentIds }) => ({ id, segmentIds }))).toEqual(
      [
        { id: created[0]!.id, segmentIds: ['seg_b', 'seg_a'] },
        { id: created[2]!.id, segmentIds: ['seg_a'] },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(answer.experiences.every((e) => e.status === 'draft' && e.name.length > 0)).toBe(true);
    expect(await audiences.execute({ workspaceId: WS, segmentId: 'seg_none' })).toEqual({
      experiences: [],
    });
  });
});
