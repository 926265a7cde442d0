import { RecordingBus } from '@seg/testing';
import { IngestMessagesUseCase } from './ingest-messages.usecase';

const WS = 'ws_ingestmsg01';

function withIngest() {
  const bus = new RecordingBus({
    'users.messages.accept': (payload: { messages: unknown[] }) => ({
      accepted: payload.messages.length,
      duplicates: 0,
    }),
  });
  return { bus, ingest: new IngestMessagesUseCase(bus.asBusClient()) };
}

describe('IngestMessagesUseCase', () => {
  it('sends the good messages of a batch in one request, defaults filled, and reports the bad ones by index', async () => {
    const { bus, ingest } = withIngest();
    const answer = await ingest.execute({
      workspaceId: WS,
      single: false,
      messages: [
        {
          type: 'identify',
          body: { userId: 'u1', traits: { plan: 'team' } },
          path: 'body.batch[0]',
        },
        { type: 'alias', body: { userId: 'u1' }, path: 'body.batch[1]' },
        {
          type: 'track',
          body: {
            userId: 'u1',
            event: 'Signed up',
            messageId: 'm-2',
            timestamp: '2026-01-01T00:00:00.000Z',
          },
          path: 'body.batch[2]',
        },
      ],
    });
    expect(answer).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          details: [
            { path: 'body.batch[1].type', message: 'must be "identify", "track" or "page"' },
          ],
        },
      ],
    });
    expect(bus.requested).toHaveLength(1);
    expect(bus.requested[0]).toEqual({
      pattern: 'users.messages.accept',
      payload: {
        workspaceId: WS,
        messages: [
          {
            type: 'identify',
            userId: 'u1',
            messageId: expect.any(String),
            timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
            traits: { plan: 'team' },
          },
          {
            type: 'track',
            userId: 'u1',
            messageId: 'm-2',
            timestamp: '2026-01-01T00:00:00.000Z',
            event: 'Signed up',
            properties: {},
          },
        ],
      },
    });
  });

  it('no good message: VALIDATION_FAILED naming every bad path, nothing sent', async () => {
    const { bus, ingest } = withIngest();
    await expect(
      ingest.execute({
        workspaceId: WS,
        single: true,
        messages: [{ type: 'track', body: { userId: 'u1' }, path: 'body' }],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid message',
      details: [expect.objectContaining({ path: 'body.event' })],
    });
    expect(bus.requested).toHaveLength(0);
  });

  it('more messages than a batch holds: PAYLOAD_TOO_LARGE, nothing sent', async () => {
    const { bus, ingest } = withIngest();
    const messages = Array.from({ length: 501 }, (_, index) => ({
      type: 'page',
      body: { userId: 'u1' },
      path: `body.batch[${index}]`,
    }));
    await expect(
      ingest.execute({ workspaceId: WS, single: false, messages }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(bus.requested).toHaveLength(0);
  });
});
