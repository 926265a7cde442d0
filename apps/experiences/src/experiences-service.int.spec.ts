import type { INestApplication } from '@nestjs/common';
import { BusClient, startService } from '@seg/platform';
import { deleteBusTopology, dropDatabase, testConfig } from '@seg/testing';
import { AppModule } from './app.module';
import { experiencesEnvSchema } from './config';

// The experiences service booted by the same startService as main.ts (its bus consumer
// on the real RabbitMQ, FerretDB behind it), driven through the bus like the gateway.
jest.setTimeout(30_000);

describe('experiences service', () => {
  const config = experiencesEnvSchema.parse(testConfig());
  const workspaceId = 'ws_expsvc00001';
  let app: INestApplication;
  const bus = new BusClient(config);
  const steps = [{ id: 's1', kind: 'message' as const }];

  beforeAll(async () => {
    app = await startService({
      service: 'experiences',
      config,
      rootModule: AppModule.register(config),
      httpPort: 0,
    });
    await bus.connect();
  });

  afterAll(async () => {
    await bus.onApplicationShutdown();
    await app?.close();
    await deleteBusTopology(config, ['experiences']);
    await dropDatabase(config);
  });

  it('targets a published `all` experience at once, and never a draft', async () => {
    const create = (name: string) =>
      bus.request('experiences.experience.create', {
        workspaceId,
        experience: { name, type: 'banner', steps, audience: { mode: 'all' } },
      });
    const live = await create('live');
    await create('draft'); // never targeted: the answer below lists only the live one
    expect(live).toMatchObject({ status: 'draft' });
    await bus.request('experiences.experience.publish', { workspaceId, experienceId: live.id });

    const answer = await bus.request('experiences.targeting.list', { workspaceId, userId: 'u1' });
    expect(answer.experiences.map((experience) => experience.id)).toEqual([live.id]);
    expect(answer.reusable).toBe(true);
  });

  it("answers another workspace's experience as not found", async () => {
    const created = await bus.request('experiences.experience.create', {
      workspaceId,
      experience: { name: 'mine', type: 'banner', steps, audience: { mode: 'all' } },
    });
    await expect(
      bus.request('experiences.experience.get', {
        workspaceId: 'ws_otherworks01',
        experienceId: created.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers the stats from the interactions stored in FerretDB', async () => {
    const survey = await bus.request('experiences.experience.create', {
      workspaceId,
      experience: {
        name: 'stats',
        type: 'survey',
        steps: [
          {
            id: 'q1',
            kind: 'question',
            text: 'One click',
            question: 'Useful?',
            options: ['Yes', 'No'],
          },
        ],
        audience: { mode: 'all' },
      },
    });
    // A step's text is stored and shown.
    const stored = await bus.request('experiences.experience.get', {
      workspaceId,
      experienceId: survey.id,
    });
    expect(stored.steps[0]).toMatchObject({ text: 'One click', question: 'Useful?' });
    const record = (userId: string, answer: string, timestamp: string) =>
      bus.request('experiences.interaction.record', {
        workspaceId,
        interaction: {
          userId,
          experienceId: survey.id,
          type: 'answered',
          stepId: 'q1',
          answer,
          timestamp,
        },
      });
    await record('u1', 'No', '2026-01-01T10:00:00.000Z');
    await record('u1', 'Yes', '2026-01-01T11:00:00.000Z');
    await record('u2', 'No', '2026-01-01T10:00:00.000Z');
    await bus.request('experiences.interaction.record', {
      workspaceId,
      interaction: { userId: 'u2', experienceId: survey.id, type: 'completed' },
    });
    const stats = await bus.request('experiences.experience.stats', {
      workspaceId,
      experienceId: survey.id,
    });
    expect(stats).toEqual({
      experienceId: survey.id,
      users: { seen: 2, completed: 1, answered: 2 },
      questions: [
        {
          stepId: 'q1',
          question: 'Useful?',
          answered: 2,
          answers: [
            { value: 'Yes', users: 1 },
            { value: 'No', users: 1 },
          ],
        },
      ],
    });
  });
});
