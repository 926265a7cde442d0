import { identify, startUsersContext } from '../../../testing/users-context';
import { ListEventsUseCase } from './list-events.usecase';

jest.setTimeout(60_000);

describe('ListEventsUseCase', () => {
  const workspaceId = 'ws_listevents1';
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  beforeAll(async () => {
    context = await startUsersContext();
  });
  afterAll(() => context?.close());

  it('counts each stored event name once per message, with the latest timestamp', async () => {
    const track = (messageId: string, timestamp: string) => ({
      type: 'track' as const,
      userId: 'u1',
      messageId,
      timestamp,
      event: 'Invited teammate',
      properties: {},
    });
    await context.ingest(workspaceId, [
      identify('u1', '2026-01-01T00:00:00Z'),
      track('t1', '2026-01-02T00:00:00Z'),
      track('t2', '2026-01-04T00:00:00Z'),
    ]);
    // A repeated messageId is not a second event.
    await context.ingest(workspaceId, [track('t2', '2026-01-04T00:00:00Z')]);
    expect(await context.app.get(ListEventsUseCase).execute({ workspaceId })).toEqual({
      items: [
        {
          source: 'jimo',
          name: 'Invited teammate',
          count: 2,
          lastSeenAt: '2026-01-04T00:00:00.000Z',
        },
      ],
    });
  });
});
