import { EventRepository } from '@seg/profile-store';
import { GetUserUseCase } from '../../../profiles/usecases/get-user/get-user.usecase';
import { identify, startUsersContext } from '../../../testing/users-context';
import { EraseUserUseCase } from './erase-user.usecase';

jest.setTimeout(60_000);

describe('EraseUserUseCase', () => {
  const workspaceId = 'ws_eraseuser01';
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  beforeAll(async () => {
    context = await startUsersContext();
  });
  afterAll(() => context?.close());

  it('erases the profile and its events; the other users stay; a second erase erases nothing', async () => {
    await context.ingest(workspaceId, [
      identify('gone', '2026-01-01T00:00:00Z', { name: 'Gone' }),
      identify('kept', '2026-01-01T00:00:00Z'),
      {
        type: 'track',
        userId: 'gone',
        messageId: 'erase-track-1',
        timestamp: '2026-01-01T00:01:00Z',
        event: 'Invited teammate',
        properties: {},
      },
    ]);
    const erase = context.app.get(EraseUserUseCase);
    expect(await erase.execute({ workspaceId, userId: 'gone' })).toEqual({ erased: true });

    const getUser = context.app.get(GetUserUseCase);
    await expect(getUser.execute({ workspaceId, userId: 'gone' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await getUser.execute({ workspaceId, userId: 'kept' })).userId).toBe('kept');
    expect(await context.app.get(EventRepository).find(workspaceId, { userId: 'gone' })).toEqual(
      [],
    );
    expect(await erase.execute({ workspaceId, userId: 'gone' })).toEqual({ erased: false });
  });
});
