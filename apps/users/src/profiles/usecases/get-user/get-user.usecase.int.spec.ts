import { identify, startUsersContext } from '../../../testing/users-context';
import { GetUserUseCase } from './get-user.usecase';

jest.setTimeout(60_000);

describe('GetUserUseCase', () => {
  const workspaceId = 'ws_getuser0001';
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  beforeAll(async () => {
    context = await startUsersContext();
    await context.ingest(workspaceId, [
      identify('u1', '2026-01-01T10:00:00Z', { name: 'Ada', plan: 'team', company: { size: 12 } }),
    ]);
  });
  afterAll(() => context?.close());

  it('answers the whole profile with dates as ISO strings', async () => {
    const user = await context.app.get(GetUserUseCase).execute({ workspaceId, userId: 'u1' });
    expect(user).toMatchObject({
      userId: 'u1',
      name: 'Ada',
      email: null,
      createdAt: '2026-01-01T10:00:00.000Z',
      lastActivityAt: '2026-01-01T10:00:00.000Z',
      sessions: 1,
      tags: [],
      custom: { sdk: { plan: 'team', company: { size: 12 } } },
    });
  });

  it('an unknown user, or one of another workspace, is NOT_FOUND', async () => {
    const getUser = context.app.get(GetUserUseCase);
    await expect(getUser.execute({ workspaceId, userId: 'u2' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      getUser.execute({ workspaceId: 'ws_otherworksp', userId: 'u1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
