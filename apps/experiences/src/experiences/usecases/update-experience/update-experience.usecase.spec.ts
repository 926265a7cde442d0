import { experiencesWorld } from '../../../testing/fakes';
import { UpdateExperienceUseCase } from './update-experience.usecase';

const WS = 'ws_updateexp01';

async function withOneExperience(missingSegments: string[] = []) {
  const world = experiencesWorld({ missingSegments });
  const created = await world.createExperience(WS, {
    steps: [{ id: 's1', kind: 'message' }],
    audience: { mode: 'segments', segmentIds: ['seg_a'] },
  });
  world.bus.emitted.length = 0;
  const update = new UpdateExperienceUseCase(
    world.experiences.asRepository(),
    world.validator,
    world.changes,
  );
  return { world, created, update };
}

describe('UpdateExperienceUseCase', () => {
  it('changes only the given fields and announces the change', async () => {
    const { world, created, update } = await withOneExperience();
    const updated = await update.execute({
      workspaceId: WS,
      experienceId: created.id,
      patch: { name: 'Tour v2' },
    });
    expect(updated).toMatchObject({ name: 'Tour v2', type: 'tour', steps: created.steps });
    expect(updated.audience).toEqual(created.audience);
    expect(world.bus.patterns()).toEqual(['experience.updated']);
  });

  it('an audience of everyone drops the segment ids', async () => {
    const { world, created, update } = await withOneExperience();
    await update.execute({
      workspaceId: WS,
      experienceId: created.id,
      patch: { audience: { mode: 'all' } },
    });
    expect(world.experiences.documents[0]?.audience).toEqual({ mode: 'all', segmentIds: [] });
  });

  it('refuses an unknown experience and unknown segments, changing nothing', async () => {
    const { world, created, update } = await withOneExperience(['seg_none']);
    await expect(
      update.execute({ workspaceId: WS, experienceId: 'exp_unknown', patch: { name: 'x' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      update.execute({
        workspaceId: WS,
        experienceId: created.id,
        patch: { name: 'x', audience: { mode: 'segments', segmentIds: ['seg_none'] } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(world.experiences.documents[0]?.name).toBe('Tour');
    expect(world.bus.emitted).toHaveLength(0);
  });
});
