import { identify, startUsersContext } from '../../../testing/users-context';
import { ListUsersUseCase } from './list-users.usecase';

jest.setTimeout(60_000);

describe('ListUsersUseCase', () => {
  const workspaceId = 'ws_listusers01';
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  beforeAll(async () => {
    context = await startUsersContext();
    await context.ingest(workspaceId, [
      identify('u-old', '2026-01-01T00:00:00Z'),
      identify('u-b', '2026-01-03T00:00:00Z', { email: 'b@example.com' }),
      identify('u-a', '2026-01-03T00:00:00Z'),
      identify('u-new', '2026-01-05T00:00:00Z', { name: 'New' }),
    ]);
  });
  afterAll(() => context?.close());

  it('pages newest activity first, ties by userId, until a page without next cursor', async () => {
    const list = context.app.get(ListUsersUseCase);
    const first = await list.execute({ workspaceId, limit: 2 });
    expect(first.items).toEqual([
      { userId: 'u-new', name: 'New', email: null, lastActivityAt: '2026-01-05T00:00:00.000Z' },
      { userId: 'u-a', name: null, email: null, lastActivityAt: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list.execute({ workspaceId, limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((item) => item.userId)).toEqual(['u-b', 'u-old']);
    expect(second.items[0]?.email).toBe('b@example.com');
    expect(second.nextCursor).toBeNull();
  });

  it('a cursor it did not make is refused', async () => {
    await expect(
      context.app.get(ListUsersUseCase).execute({ workspaceId, limit: 2, cursor: 'nope' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
