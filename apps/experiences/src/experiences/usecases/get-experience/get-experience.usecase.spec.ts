import { experiencesWorld } from '../../../testing/fakes';
import { GetExperienceUseCase } from './get-experience.usecase';

const WS = 'ws_getexp00001';

describe('GetExperienceUseCase', () => {
  it('answers the experience as created, steps and audience included', async () => {
    const world = experiencesWorld();
    const created = await world.createExperience(WS, {
      name: 'NPS',
      type: 'survey',
      steps: [{ id: 'q1', kind: 'question', question: 'Useful?', options: ['Yes', 'No'] }],
      audience: { mode: 'segments', segmentIds: ['seg_a'] },
    });
    const found = await new GetExperienceUseCase(world.experiences.asRepository()).execute({
      workspaceId: WS,
      experienceId: created.id,
    });
    expect(found).toEqual(created);
    expect(found).toMatchObject({
      name: 'NPS',
      type: 'survey',
      status: 'draft',
      steps: [{ id: 'q1', kind: 'question', question: 'Useful?', options: ['Yes', 'No'] }],
      audience: { mode: 'segments', segmentIds: ['seg_a'] },
    });
  });

  it('an unknown id, or one of another workspace, is NOT_FOUND naming the id', async () => {
    const world = experiencesWorld();
    const created = await world.createExperience(WS);
    const get = new GetExperienceUseCase(world.experiences.asRepository());
    await expect(
      get.execute({ workspaceId: WS, experienceId: 'exp_unknown' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('exp_unknown') });
    await expect(
      get.execute({ workspaceId: 'ws_someoneelse1', experienceId: created.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
