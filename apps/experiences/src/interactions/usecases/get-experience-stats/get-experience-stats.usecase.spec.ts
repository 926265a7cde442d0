import type { RecordInteractionInput } from '@seg/contracts';
import { experiencesWorld } from '../../../testing/fakes';
import { RecordInteractionUseCase } from '../record-interaction/record-interaction.usecase';
import { GetExperienceStatsUseCase } from './get-experience-stats.usecase';

const WS = 'ws_expstats001';

async function withSurvey() {
  const world = experiencesWorld();
  const survey = await world.createExperience(WS, {
    name: 'NPS',
    type: 'survey',
    steps: [
      { id: 'intro', kind: 'message' },
      { id: 'q1', kind: 'question', question: 'Useful?', options: ['Yes', 'No', 'Maybe'] },
      { id: 'q2', kind: 'question', question: 'Why?' },
    ],
  });
  const record = new RecordInteractionUseCase(
    world.experiences.asRepository(),
    world.interactions.asRepository(),
    world.bus.asBusClient(),
  );
  const stats = new GetExperienceStatsUseCase(
    world.experiences.asRepository(),
    world.interactions.asRepository(),
  );
  const send = (interaction: Omit<RecordInteractionInput, 'experienceId'>) =>
    record.execute({ workspaceId: WS, interaction: { ...interaction, experienceId: survey.id } });
  return { world, survey, send, stats };
}

describe('GetExperienceStatsUseCase', () => {
  it('counts distinct users who saw, completed and answered, and each latest answer', async () => {
    const { survey, send, stats } = await withSurvey();
    await send({ userId: 'u1', type: 'seen' });
    await send({ userId: 'u1', type: 'seen' });
    await send({
      userId: 'u1',
      type: 'answered',
      stepId: 'q1',
      answer: 'No',
      timestamp: '2026-01-01T10:00:00Z',
    });
    // u1 changes their mind: only the later answer counts.
    await send({
      userId: 'u1',
      type: 'answered',
      stepId: 'q1',
      answer: 'Yes',
      timestamp: '2026-01-01T11:00:00Z',
    });
    await send({ userId: 'u1', type: 'stepCompleted', stepId: 'q2' });
    await send({ userId: 'u2', type: 'seen' });
    await send({ userId: 'u2', type: 'answered', stepId: 'q1', answer: 'Yes' });
    await send({ userId: 'u2', type: 'answered', stepId: 'q2', answer: 'Fast' });
    await send({ userId: 'u3', type: 'seen' });
    await send({ userId: 'u4', type: 'completed' });

    await expect(stats.execute({ workspaceId: WS, experienceId: survey.id })).resolves.toEqual({
      experienceId: survey.id,
      users: { seen: 4, completed: 2, answered: 2 },
      questions: [
        {
          stepId: 'q1',
          question: 'Useful?',
          answered: 2,
          answers: [
            { value: 'Yes', users: 2 },
            { value: 'No', users: 0 },
            { value: 'Maybe', users: 0 },
          ],
        },
        { stepId: 'q2', question: 'Why?', answered: 1, answers: [{ value: 'Fast', users: 1 }] },
      ],
    });
  });

  it('an experience nobody met answers zeros; an unknown one is NOT_FOUND', async () => {
    const { survey, stats } = await withSurvey();
    const answer = await stats.execute({ workspaceId: WS, experienceId: survey.id });
    expect(answer.users).toEqual({ seen: 0, completed: 0, answered: 0 });
    expect(answer.questions[0]?.answers.map((a) => a.users)).toEqual([0, 0, 0]);
    await expect(
      stats.execute({ workspaceId: 'ws_someoneelse1', experienceId: survey.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
