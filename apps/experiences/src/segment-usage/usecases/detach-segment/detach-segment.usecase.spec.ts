import { experiencesWorld } from '../../../testing/fakes';
import { DetachSegmentUseCase } from './detach-segment.usecase';

const WS = 'ws_detachseg01';

describe('DetachSegmentUseCase', () => {
  it('drops the segment from every audience; one left with none targets nobody, never everyone', async () => {
    const world = experiencesWorld();
    const experience = (name: string, segmentIds: string[]) =>
      world.createExperience(WS, { name, audience: { mode: 'segments', segmentIds } });
    const only = await experience('only', ['seg_x']);
    const shared = await experience('shared', ['seg_x', 'seg_y']);
    await experience('other', ['seg_y']);
    world.bus.emitted.length = 0;

    const detach = new DetachSegmentUseCase(world.experiences.asRepository(), world.changes);
    const { experiences } = await detach.execute({ workspaceId: WS, segmentId: 'seg_x' });
    // Ids made in the same millisecond order by their random part: compare in name order.
    const byName = [...experiences].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName).toEqual([
      { id: only.id, name: 'only', targetsNobody: true },
      { id: shared.id, name: 'shared', targetsNobody: false },
    ]);
    const stored = new Map(world.experiences.documents.map((d) => [d.name, d.audience]));
    expect(stored.get('only')).toEqual({ mode: 'segments', segmentIds: [] });
    expect(stored.get('shared')).toEqual({ mode: 'segments', segmentIds: ['seg_y'] });
    expect(stored.get('other')).toEqual({ mode: 'segments', segmentIds: ['seg_y'] });
    expect(world.bus.patterns()).toEqual(['experience.updated', 'experience.updated']);

    // Idempotent: nothing left to detach, nothing announced.
    expect(await detach.execute({ workspaceId: WS, segmentId: 'seg_x' })).toEqual({
      experiences: [],
    });
    expect(world.bus.emitted).toHaveLength(2);
  });

  it('with replaceWith, puts the replacement in its place, in its position and only once', async () => {
    const world = experiencesWorld();
    const experience = (name: string, segmentIds: string[]) =>
      world.createExperience(WS, { name, audience: { mode: 'segments', segmentIds } });
    await experience('only', ['seg_x']);
    await experience('has both', ['seg_r', 'seg_x']);
    await experience('mixed', ['seg_y', 'seg_x', 'seg_z']);
    await experience('untouched', ['seg_y']);

    const detach = new DetachSegmentUseCase(world.experiences.asRepository(), world.changes);
    const { experiences } = await detach.execute({
      workspaceId: WS,
      segmentId: 'seg_x',
      replaceWith: 'seg_r',
    });
    expect(experiences.map((e) => [e.name, e.targetsNobody, e.replacedWith]).sort()).toEqual([
      ['has both', false, 'seg_r'],
      ['mixed', false, 'seg_r'],
      ['only', false, 'seg_r'],
    ]);
    const stored = new Map(world.experiences.documents.map((d) => [d.name, d.audience.segmentIds]));
    expect(stored.get('only')).toEqual(['seg_r']);
    expect(stored.get('has both')).toEqual(['seg_r']);
    expect(stored.get('mixed')).toEqual(['seg_y', 'seg_r', 'seg_z']);
    expect(stored.get('untouched')).toEqual(['seg_y']);
  });
});
