import type { IngestMessage } from '@seg/contracts';
import { InMemoryInbox, RecordingApplier } from '../../../testing/fakes';
import { AcceptMessagesUseCase } from './accept-messages.usecase';

const WS = 'ws_acceptmsg01';

const identify = (messageId: string): IngestMessage => ({
  type: 'identify',
  userId: 'u1',
  messageId,
  timestamp: '2026-01-01T00:00:00.000Z',
  traits: { plan: 'team' },
});

function withAccept() {
  const inbox = new InMemoryInbox();
  const applier = new RecordingApplier();
  return {
    inbox,
    applier,
    accept: new AcceptMessagesUseCase(inbox.asRepository(), applier.asApplier()),
  };
}

describe('AcceptMessagesUseCase', () => {
  it('stores each message as JSON text and hands the stored ones to the applier', async () => {
    const { inbox, applier, accept } = withAccept();
    expect(
      await accept.execute({ workspaceId: WS, messages: [identify('m1'), identify('m2')] }),
    ).toEqual({ accepted: 2, duplicates: 0 });
    expect(inbox.entries.map((e) => [e.workspaceId, e.messageId, e.userId, e.type])).toEqual([
      [WS, 'm1', 'u1', 'identify'],
      [WS, 'm2', 'u1', 'identify'],
    ]);
    expect(JSON.parse(inbox.entries[0]?.payload ?? '')).toEqual(identify('m1'));
    expect(inbox.entries[0]?.receivedAt).toBeInstanceOf(Date);
    expect(applier.enqueued).toEqual(inbox.entries);
  });

  it('a repeated messageId is accepted, counted as a duplicate and not handed on again', async () => {
    const { inbox, applier, accept } = withAccept();
    await accept.execute({ workspaceId: WS, messages: [identify('m1')] });
    expect(
      await accept.execute({ workspaceId: WS, messages: [identify('m1'), identify('m3')] }),
    ).toEqual({ accepted: 2, duplicates: 1 });
    expect(inbox.entries.map((e) => e.messageId)).toEqual(['m1', 'm3']);
    expect(applier.enqueued.map((e) => e.messageId)).toEqual(['m1', 'm3']);
  });

  it('a Segment batch keeps its source in the payload; an SDK batch stores the message as sent', async () => {
    const { inbox, accept } = withAccept();
    await accept.execute({ workspaceId: WS, source: 'segment', messages: [identify('s1')] });
    await accept.execute({ workspaceId: WS, source: 'sdk', messages: [identify('k1')] });
    expect(JSON.parse(inbox.entries[0]?.payload ?? '')).toEqual({
      ...identify('s1'),
      source: 'segment',
    });
    expect(JSON.parse(inbox.entries[1]?.payload ?? '')).toEqual(identify('k1'));
  });
});
