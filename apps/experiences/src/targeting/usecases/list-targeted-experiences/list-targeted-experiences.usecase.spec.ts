import type { Audience } from '@seg/contracts';
import { experiencesWorld, RecordingBus } from '../../../testing/fakes';
import { ChangeExperienceStatusUseCase } from '../../../experiences/usecases/change-experience-status/change-experience-status.usecase';
import { MembershipCache } from '../../membership.cache';
import { ListTargetedExperiencesUseCase } from './list-targeted-experiences.usecase';

const WS = 'ws_targeting01';

async function publishedWorld() {
  const world = experiencesWorld();
  const publish = new ChangeExperienceStatusUseCase(
    world.experiences.asRepository(),
    world.changes,
  );
  const names: Record<string, string> = {};
  const catalog: Array<[string, Audience, 'published' | 'draft']> = [
    ['everyone', { mode: 'all' }, 'published'],
    ['in-a', { mode: 'segments', segmentIds: ['seg_a'] }, 'published'],
    ['in-b', { mode: 'segments', segmentIds: ['seg_b'] }, 'published'],
    ['nobody', { mode: 'segments', segmentIds: [] }, 'published'],
    ['draft', { mode: 'all' }, 'draft'],
  ];
  for (const [name, audience, status] of catalog) {
    const created = await world.createExperience(WS, { name, audience });
    names[created.id] = name;
    if (status === 'published') {
      await publish.execute({ workspaceId: WS, experienceId: created.id, status });
    }
  }
  return { world, names };
}

describe('ListTargetedExperiencesUseCase', () => {
  it('published only: everyone, or in a listed segment; asks once while the answer holds', async () => {
    const { world, names } = await publishedWorld();
    const segments = new RecordingBus({
      'segments.membership.check': () => ({ memberOf: ['seg_a'], reusable: true }),
    });
    const targeting = new ListTargetedExperiencesUseCase(
      world.published,
      segments.asBusClient(),
      new MembershipCache(),
    );
    const first = await targeting.execute({ workspaceId: WS, userId: 'u1' });
    expect(first.experiences.map((e) => names[e.id]).sort()).toEqual(['everyone', 'in-a']);
    expect(first.reusable).toBe(true);
    expect(segments.requested).toEqual([
      {
        pattern: 'segments.membership.check',
        payload: {
          workspaceId: WS,
          userId: 'u1',
          segmentIds: expect.arrayContaining(['seg_a', 'seg_b']),
        },
      },
    ]);
    await targeting.execute({ workspaceId: WS, userId: 'u1' });
    expect(segments.requested).toHaveLength(1);
  });

  it('an answer that depends on time alone is asked again every time', async () => {
    const { world } = await publishedWorld();
    const segments = new RecordingBus({
      'segments.membership.check': () => ({ memberOf: [], reusable: false }),
    });
    const targeting = new ListTargetedExperiencesUseCase(
      world.published,
      segments.asBusClient(),
      new MembershipCache(),
    );
    expect((await targeting.execute({ workspaceId: WS, userId: 'u1' })).reusable).toBe(false);
    await targeting.execute({ workspaceId: WS, userId: 'u1' });
    expect(segments.requested).toHaveLength(2);
  });

  it('an answer valid until an instant is kept until then, and asked again after', async () => {
    const { world } = await publishedWorld();
    let validUntil = new Date(Date.now() + 60_000).toISOString();
    const segments = new RecordingBus({
      'segments.membership.check': () => ({ memberOf: ['seg_b'], reusable: false, validUntil }),
    });
    const targeting = new ListTargetedExperiencesUseCase(
      world.published,
      segments.asBusClient(),
      new MembershipCache(),
    );
    const first = await targeting.execute({ workspaceId: WS, userId: 'u1' });
    expect(first).toMatchObject({ reusable: false, validUntil });
    const second = await targeting.execute({ workspaceId: WS, userId: 'u1' });
    expect(second).toMatchObject({ reusable: false, validUntil });
    expect(second.experiences).toEqual(first.experiences);
    expect(segments.requested).toHaveLength(1);

    // A flip due now: asked again (and not kept past it).
    validUntil = new Date(Date.now() - 1).toISOString();
    await targeting.execute({ workspaceId: WS, userId: 'u2' });
    await targeting.execute({ workspaceId: WS, userId: 'u2' });
    expect(segments.requested).toHaveLength(3);
  });
});
