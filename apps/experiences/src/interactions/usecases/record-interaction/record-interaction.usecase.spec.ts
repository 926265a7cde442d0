import { experiencesWorld } from '../../../testing/fakes';
import { RecordInteractionUseCase } from './record-interaction.usecase';

const WS = 'ws_recordint01';

async function withSurvey() {
  const world = experiencesWorld();
  const survey = await world.createExperience(WS, {
    name: 'NPS',
    type: 'survey',
    steps: [
      { id: 'intro', kind: 'message' },
      { id: 'q1', kind: 'question', question: 'Useful?', options: ['Yes', 'No'] },
    ],
  });
  world.bus.emitted.length = 0;
  const record = new RecordInteractionUseCase(
    world.experiences.asRepository(),
    world.interactions.asRepository(),
    world.bus.asBusClient(),
  );
  return { world, survey, record };
}

describe('RecordInteractionUseCase', () => {
  it('completing the last step counts as completed and is published once recorded', async () => {
    const { world, survey, record } = await withSurvey();
    const result = await record.execute({
      workspaceId: WS,
      interaction: {
        userId: 'u1',
        experienceId: survey.id,
        type: 'stepCompleted',
        stepId: 'q1',
        messageId: 'm1',
      },
    });
    expect(result).toEqual({ messageId: 'm1', duplicate: false, completed: true });
    expect(world.bus.emitted).toEqual([
      {
        pattern: 'interaction.recorded',
        payload: expect.objectContaining({
          userId: 'u1',
          stepId: 'q1',
          completed: true,
          messageId: 'm1',
        }),
      },
    ]);
    const notLast = await record.execute({
      workspaceId: WS,
      interaction: {
        userId: 'u1',
        experienceId: survey.id,
        type: 'stepCompleted',
        stepId: 'intro',
      },
    });
    expect(notLast.completed).toBe(false);
  });

  it('a repeated messageId is stored once, answered as a duplicate and published again', async () => {
    const { world, survey, record } = await withSurvey();
    const interaction = {
      userId: 'u1',
      experienceId: survey.id,
      type: 'answered' as const,
      stepId: 'q1',
      answer: 'Yes',
      messageId: 'm2',
    };
    await record.execute({ workspaceId: WS, interaction });
    const again = await record.execute({
      workspaceId: WS,
      interaction: { ...interaction, answer: 'No' },
    });
    expect(again.duplicate).toBe(true);
    expect(world.interactions.documents).toHaveLength(1);
    expect(world.interactions.documents[0]?.values).toEqual(['Yes']);
    expect(world.bus.patterns()).toEqual(['interaction.recorded', 'interaction.recorded']);
  });

  it('an answer that is not an option, an unknown step or a non-question step: 400, nothing recorded', async () => {
    const { world, survey, record } = await withSurvey();
    const base = { userId: 'u1', experienceId: survey.id, type: 'answered' as const };
    await expect(
      record.execute({
        workspaceId: WS,
        interaction: { ...base, stepId: 'q1', answer: ['Yes', 'Maybe'] },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'answer[1]', message: '"Maybe" is not an option of step "q1"' }],
    });
    await expect(
      record.execute({ workspaceId: WS, interaction: { ...base, stepId: 'nope', answer: 'Yes' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'stepId' }] });
    await expect(
      record.execute({ workspaceId: WS, interaction: { ...base, stepId: 'intro', answer: 'Yes' } }),
    ).rejects.toMatchObject({ details: [{ message: 'step "intro" is not a question' }] });
    await expect(
      record.execute({
        workspaceId: WS,
        interaction: { ...base, experienceId: 'exp_unknown', stepId: 'q1', answer: 'Yes' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(world.interactions.documents).toHaveLength(0);
    expect(world.bus.emitted).toHaveLength(0);
  });
});
