import { Logger } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { BusClient } from '@seg/platform';
import { UsersController } from './users.controller';

const PROFILE = {
  userId: 'u1',
  name: 'Ann',
  email: 'ann@acme.com',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastActivityAt: '2026-01-01T00:00:00.000Z',
  sessions: 1,
  tags: [],
  custom: {},
  interactions: [],
  experiences: { seen: [], completed: [], answers: [] },
};

/** A bus answering each pattern with `answers[pattern]` (an Error is thrown). */
function controllerWith(answers: Record<string, unknown>) {
  const bus = {
    request: async (pattern: string) => {
      const answer = answers[pattern];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as BusClient;
  return new UsersController(bus);
}

describe('UsersController.get', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('adds the segments the user is in', async () => {
    const controller = controllerWith({
      'users.profile.get': PROFILE,
      'segments.membership.ofUser': { segments: [{ id: 'seg_a', name: 'A' }] },
    });
    expect(await controller.get('ws_1', { userId: 'u1' })).toEqual({
      ...PROFILE,
      segments: [{ id: 'seg_a', name: 'A' }],
    });
  });

  it('answers the profile without segments when the segments service does not answer', async () => {
    const controller = controllerWith({
      'users.profile.get': PROFILE,
      'segments.membership.ofUser': new DomainError('SERVICE_UNAVAILABLE', 'no answer'),
    });
    const answer = await controller.get('ws_1', { userId: 'u1' });
    expect(answer).toEqual({ ...PROFILE, segmentsError: 'unavailable' });
    expect(answer).not.toHaveProperty('segments');
  });

  it('fails with the profile error (404) whatever the segments service says', async () => {
    const controller = controllerWith({
      'users.profile.get': new DomainError('NOT_FOUND', 'Unknown user'),
      'segments.membership.ofUser': new DomainError('SERVICE_UNAVAILABLE', 'no answer'),
    });
    await expect(controller.get('ws_1', { userId: 'nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
