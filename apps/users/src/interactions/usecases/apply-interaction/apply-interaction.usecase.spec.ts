import type { InteractionRecordedEvent } from '@seg/contracts';
import { clone, usersWorld } from '../../../testing/fakes';
import { ApplyInteractionUseCase } from './apply-interaction.usecase';

const WS = 'ws_applyint001';

const answered = (overrides: Partial<InteractionRecordedEvent> = {}): InteractionRecordedEvent => ({
  workspaceId: WS,
  userId: 'u1',
  experienceId: 'exp_nps',
  type: 'answered',
  stepId: 'q1',
  values: ['Yes'],
  completed: true,
  timestamp: '2026-01-01T10:00:00.000Z',
  messageId: 'i1',
  ...overrides,
});

function withApply() {
  const world = usersWorld();
  const apply = new ApplyInteractionUseCase(
    world.profiles.asRepository(),
    world.receipts.asRepository(),
    world.bus.asBusClient(),
    world.lanes,
  );
  return { world, apply };
}

describe('ApplyInteractionUseCase', () => {
  it('a user without a profile gets one, with the interaction and its summary', async () => {
    const { world, apply } = withApply();
    await apply.execute(answered());
    const at = new Date('2026-01-01T10:00:00.000Z');
    expect(world.profiles.documents).toEqual([
      expect.objectContaining({
        workspaceId: WS,
        userId: 'u1',
        createdAt: at,
        lastActivityAt: at,
        sessions: 1,
        interactions: [
          {
            experienceId: 'exp_nps',
            seenAt: at,
            completedAt: at,
            answers: [{ stepId: 'q1', values: ['Yes'] }],
          },
        ],
        experiences: {
          seen: ['exp_nps'],
          completed: ['exp_nps'],
          answers: expect.arrayContaining([expect.any(String)]),
        },
      }),
    ]);
    expect(world.receipts.applied).toEqual([{ workspaceId: WS, messageId: 'i1', userId: 'u1' }]);
    expect(world.bus.emitted).toEqual([
      {
        pattern: 'user.updated',
        payload: expect.objectContaining({
          workspaceId: WS,
          userId: 'u1',
          changes: ['interactions', 'activity'],
        }),
      },
    ]);
  });

  it('a redelivered messageId changes nothing and announces nothing', async () => {
    const { world, apply } = withApply();
    await apply.execute(answered());
    const before = clone(world.profiles.documents);
    await apply.execute(answered({ values: ['No'] }));
    expect(world.profiles.documents).toEqual(before);
    expect(world.bus.emitted).toHaveLength(1);
  });

  it('an interaction within the known activity changes the interactions only', async () => {
    const { world, apply } = withApply();
    await apply.execute(answered());
    await apply.execute(answered({ messageId: 'i2', timestamp: '2026-01-01T10:20:00.000Z' }));
    await apply.execute(
      answered({
        messageId: 'i3',
        stepId: 'q2',
        values: ['Often'],
        completed: false,
        timestamp: '2026-01-01T10:10:00.000Z',
      }),
    );
    const [profile] = world.profiles.documents;
    expect(profile).toMatchObject({
      createdAt: new Date('2026-01-01T10:00:00.000Z'),
      lastActivityAt: new Date('2026-01-01T10:20:00.000Z'),
      sessions: 1,
    });
    expect(profile?.interactions?.[0]).toEqual({
      experienceId: 'exp_nps',
      seenAt: new Date('2026-01-01T10:00:00.000Z'),
      completedAt: new Date('2026-01-01T10:00:00.000Z'),
      answers: [
        { stepId: 'q1', values: ['Yes'] },
        { stepId: 'q2', values: ['Often'] },
      ],
    });
    expect(world.bus.emitted.map((event) => event.payload)).toMatchObject([
      { changes: ['interactions', 'activity'] },
      { changes: ['interactions', 'activity'] },
      { changes: ['interactions'] },
    ]);
  });

  it('a concurrent change of the profile is re-read and the interaction applied on top of it', async () => {
    const { world, apply } = withApply();
    await apply.execute(answered());
    let interfered = false;
    world.profiles.beforeGuardedWrite = (profile) => {
      if (interfered) return;
      interfered = true;
      profile.sessions = 2; // another writer got there first
      profile.lastActivityAt = new Date('2026-01-01T11:00:00.000Z');
    };
    await apply.execute(answered({ messageId: 'i3', experienceId: 'exp_tour', values: [] }));
    const [profile] = world.profiles.documents;
    expect(profile?.sessions).toBe(2);
    expect(profile?.interactions?.map((record) => record.experienceId)).toEqual([
      'exp_nps',
      'exp_tour',
    ]);
    expect(profile?.experiences.seen).toEqual(['exp_nps', 'exp_tour']);
  });
});
