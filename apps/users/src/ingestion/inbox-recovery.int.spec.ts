import type { IngestMessage } from '@seg/contracts';
import { EventRepository, InboxRepository } from '@seg/profile-store';
import { GetUserUseCase } from '../profiles/usecases/get-user/get-user.usecase';
import { startUsersContext } from '../testing/users-context';
import { InboxApplier } from './inbox-applier';
import { AcceptMessagesUseCase } from './usecases/accept-messages/accept-messages.usecase';

// Entries stored in the inbox but never appended to their partition (the instance died
// between the insert and the append): a redelivered request appends them, the sweep
// appends those nobody asked for again; neither appends what was applied already.
jest.setTimeout(90_000);

describe('inbox entries stored but never appended', () => {
  const workspaceId = 'ws_inboxrecov1';
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  const track = (userId: string, messageId: string, minute: number): IngestMessage => ({
    type: 'track',
    userId,
    messageId,
    timestamp: at(minute),
    event: `Recovered ${userId}`,
    properties: {},
  });
  const identify = (userId: string, messageId: string, minute: number, plan: string) =>
    ({
      type: 'identify',
      userId,
      messageId,
      timestamp: at(minute),
      traits: { plan },
    }) as IngestMessage;

  /** Stored as `AcceptMessagesUseCase` stores it, without the append (the crash's gap). */
  const storeOnly = (messages: IngestMessage[]) =>
    context.app.get(InboxRepository).accept(
      workspaceId,
      messages.map((message) => ({
        messageId: message.messageId,
        userId: message.userId,
        type: message.type,
        receivedAt: new Date(),
        payload: JSON.stringify(message),
      })),
    );

  const eventsOf = (userId: string) =>
    context.app.get(EventRepository).countByName(workspaceId, 'jimo', `Recovered ${userId}`);

  const profile = (userId: string) =>
    context.app.get(GetUserUseCase).execute({ workspaceId, userId });

  beforeAll(async () => {
    context = await startUsersContext();
  });
  afterAll(() => context?.close());

  it('a request delivered again appends what was stored and not appended, once', async () => {
    const messages = [identify('redelivered', 'rd-1', 0, 'old'), track('redelivered', 'rd-2', 40)];
    await storeOnly(messages);
    const accept = context.app.get(AcceptMessagesUseCase);
    expect(await accept.execute({ workspaceId, messages })).toEqual({
      accepted: 2,
      duplicates: 2,
    });
    await context.app.get(InboxApplier).idle();
    expect(await eventsOf('redelivered')).toBe(1);
    const applied = await profile('redelivered');
    expect(applied.sessions).toBe(2);
    expect(applied.custom['sdk']).toEqual({ plan: 'old' });

    // Applied now: a later identify, then the same request once more. Appending it again
    // would fold the old identify over the new one.
    await context.ingest(workspaceId, [identify('redelivered', 'rd-3', 41, 'new')]);
    await accept.execute({ workspaceId, messages });
    await context.ingest(workspaceId, [track('redelivered', 'rd-4', 42)]);
    const after = await profile('redelivered');
    expect(after.custom['sdk']).toEqual({ plan: 'new' });
    expect(after.sessions).toBe(2);
    expect(await eventsOf('redelivered')).toBe(2);
  });

  it('the sweep appends stored entries nobody asked for again, once they are older than its grace', async () => {
    await storeOnly([identify('swept', 'sw-1', 0, 'old'), track('swept', 'sw-2', 1)]);
    const applier = context.app.get(InboxApplier);
    // Young entries are left alone (they may be on their way to their partition).
    await applier.sweep(60_000);
    await applier.idle();
    expect(await eventsOf('swept')).toBe(0);
    // Older than the grace (here 0): appended by the partition's holder, applied.
    await applier.sweep(0);
    await applier.idle();
    expect(await eventsOf('swept')).toBe(1);
    expect((await profile('swept')).custom['sdk']).toEqual({ plan: 'old' });
    // Applied: a later sweep appends nothing again (the old identify would win again).
    await context.ingest(workspaceId, [identify('swept', 'sw-3', 2, 'new')]);
    await applier.sweep(0);
    await applier.idle();
    expect((await profile('swept')).custom['sdk']).toEqual({ plan: 'new' });
    expect(await eventsOf('swept')).toBe(1);
  });
});
