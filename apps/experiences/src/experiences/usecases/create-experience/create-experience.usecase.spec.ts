import type { CreateExperienceInput } from '@seg/contracts';
import { experiencesWorld } from '../../../testing/fakes';
import { CreateExperienceUseCase } from './create-experience.usecase';

const WS = 'ws_createexp01';
const survey: CreateExperienceInput = {
  name: 'NPS',
  type: 'survey',
  steps: [{ id: 'q1', kind: 'question', question: 'How likely?', options: ['Yes', 'No'] }],
  audience: { mode: 'segments', segmentIds: ['seg_known', 'seg_gone'] },
};

function withCreate(missingSegments: string[] = []) {
  const world = experiencesWorld({ missingSegments });
  const repository = world.experiences.asRepository();
  return {
    world,
    useCase: new CreateExperienceUseCase(repository, world.validator, world.changes),
  };
}

describe('CreateExperienceUseCase', () => {
  it('stores a draft with a time-ordered id and announces it', async () => {
    const { world, useCase } = withCreate();
    const created = await useCase.execute({ workspaceId: WS, experience: survey });
    expect(created).toMatchObject({
      name: 'NPS',
      status: 'draft',
      publishedAt: null,
      targetsNobody: false,
      audience: { mode: 'segments', segmentIds: ['seg_known', 'seg_gone'] },
    });
    expect(created.id).toMatch(/^exp_/);
    expect(world.experiences.documents).toHaveLength(1);
    expect(world.bus.emitted).toEqual([
      { pattern: 'experience.updated', payload: { workspaceId: WS, experienceId: created.id } },
    ]);
  });

  it('names every unknown audience segment and stores nothing', async () => {
    const { world, useCase } = withCreate(['seg_gone']);
    await expect(useCase.execute({ workspaceId: WS, experience: survey })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { path: 'audience.segmentIds[1]', message: 'no segment seg_gone in this workspace' },
      ],
    });
    expect(world.experiences.documents).toHaveLength(0);
    expect(world.bus.emitted).toHaveLength(0);
  });

  it('keeps no segment ids for an audience of everyone', async () => {
    const { world, useCase } = withCreate();
    const created = await useCase.execute({
      workspaceId: WS,
      experience: { ...survey, audience: { mode: 'all' } },
    });
    expect(created.audience).toEqual({ mode: 'all' });
    expect(world.experiences.documents[0]?.audience).toEqual({ mode: 'all', segmentIds: [] });
    expect(world.bus.requested).toHaveLength(0);
  });
});
