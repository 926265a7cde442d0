import { identify, startUsersContext } from '../../../testing/users-context';
import { ChangeTagsUseCase } from './change-tags.usecase';

jest.setTimeout(60_000);

describe('ChangeTagsUseCase', () => {
  const workspaceId = 'ws_changetags1';
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  beforeAll(async () => {
    context = await startUsersContext();
    await context.ingest(workspaceId, [identify('u1', '2026-01-01T00:00:00Z')]);
  });
  afterAll(() => context?.close());

  it('adds each tag once and removes the given ones', async () => {
    const tags = context.app.get(ChangeTagsUseCase);
    const command = { workspaceId, userId: 'u1' };
    expect(await tags.execute({ ...command, tags: ['vip', 'beta', 'vip'], change: 'add' })).toEqual(
      {
        userId: 'u1',
        tags: ['vip', 'beta'],
      },
    );
    expect(await tags.execute({ ...command, tags: ['beta'], change: 'add' })).toEqual({
      userId: 'u1',
      tags: ['vip', 'beta'],
    });
    expect(await tags.execute({ ...command, tags: ['vip', 'never'], change: 'remove' })).toEqual({
      userId: 'u1',
      tags: ['beta'],
    });
  });

  it('a user without a profile is NOT_FOUND (no profile is created)', async () => {
    const tags = context.app.get(ChangeTagsUseCase);
    await expect(
      tags.execute({ workspaceId, userId: 'nobody', tags: ['vip'], change: 'add' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      tags.execute({ workspaceId: 'ws_otherworksp', userId: 'u1', tags: ['vip'], change: 'add' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
