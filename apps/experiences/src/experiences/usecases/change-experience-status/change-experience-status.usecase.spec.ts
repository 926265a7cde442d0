import { experiencesWorld } from '../../../testing/fakes';
import { ChangeExperienceStatusUseCase } from './change-experience-status.usecase';

const WS = 'ws_statusexp01';

describe('ChangeExperienceStatusUseCase', () => {
  it('publishing makes it targeted at once (this process drops its published set); unpublishing takes it back', async () => {
    const world = experiencesWorld();
    const created = await world.createExperience(WS, { name: 'Hi', type: 'banner' });
    const changeStatus = new ChangeExperienceStatusUseCase(
      world.experiences.asRepository(),
      world.changes,
    );
    expect((await world.published.get(WS)).experiences).toHaveLength(0);

    const published = await changeStatus.execute({
      workspaceId: WS,
      experienceId: created.id,
      status: 'published',
    });
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expect((await world.published.get(WS)).experiences.map((e) => e.experience.id)).toEqual([
      created.id,
    ]);

    const draft = await changeStatus.execute({
      workspaceId: WS,
      experienceId: created.id,
      status: 'draft',
    });
    expect(draft.status).toBe('draft');
    expect((await world.published.get(WS)).experiences).toHaveLength(0);
  });

  it('an unknown experience is NOT_FOUND', async () => {
    const world = experiencesWorld();
    const changeStatus = new ChangeExperienceStatusUseCase(
      world.experiences.asRepository(),
      world.changes,
    );
    await expect(
      changeStatus.execute({ workspaceId: WS, experienceId: 'exp_unknown', status: 'published' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(world.bus.emitted).toHaveLength(0);
  });
});
