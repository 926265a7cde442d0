import { experiencesWorld } from '../../../testing/fakes';
import { GetExperienceUseCase } from '../get-experience/get-experience.usecase';
import { DeleteExperienceUseCase } from './delete-experience.usecase';

const WS = 'ws_deleteexp01';

describe('DeleteExperienceUseCase', () => {
  it('deletes once: the experience is gone and a second delete is NOT_FOUND', async () => {
    const world = experiencesWorld();
    const repository = world.experiences.asRepository();
    const created = await world.createExperience(WS, { name: 'Bye', type: 'banner' });
    const remove = new DeleteExperienceUseCase(repository, world.changes);
    const command = { workspaceId: WS, experienceId: created.id };
    expect(await remove.execute(command)).toEqual({ id: created.id, deleted: true });
    await expect(new GetExperienceUseCase(repository).execute(command)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(remove.execute(command)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(world.bus.patterns()).toEqual(['experience.updated', 'experience.updated']);
  });

  it('never deletes another workspace’s experience', async () => {
    const world = experiencesWorld();
    const repository = world.experiences.asRepository();
    const created = await world.createExperience(WS, { name: 'Mine' });
    await expect(
      new DeleteExperienceUseCase(repository, world.changes).execute({
        workspaceId: 'ws_someoneelse1',
        experienceId: created.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(world.experiences.documents).toHaveLength(1);
  });
});
