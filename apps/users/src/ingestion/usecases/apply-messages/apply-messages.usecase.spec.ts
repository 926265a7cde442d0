import type { IngestMessage, IngestSource } from '@seg/contracts';
import { clone, RecordingApplier, usersWorld } from '../../../testing/fakes';
import { AcceptMessagesUseCase } from '../accept-messages/accept-messages.usecase';

const WS = 'ws_applymsgs01';

const identify = (
  messageId: string,
  timestamp: string,
  traits: Record<string, unknown>,
): IngestMessage => ({ type: 'identify', userId: 'u1', messageId, timestamp, traits });

const track = (messageId: string, timestamp: string, event: string): IngestMessage => ({
  type: 'track',
  userId: 'u1',
  messageId,
  timestamp,
  event,
  properties: { plan: 'team' },
});

/** The users service's stores as fakes; `accepted` stores messages in the inbox as the gateway's call does. */
function withApply() {
  const world = usersWorld();
  const applier = new RecordingApplier();
  const accept = new AcceptMessagesUseCase(world.inbox.asRepository(), applier.asApplier());
  return {
    ...world,
    async accepted(messages: IngestMessage[], source?: IngestSource) {
      applier.enqueued.length = 0;
      await accept.execute({ workspaceId: WS, messages, source });
      return [...applier.enqueued];
    },
  };
}

describe('ApplyMessagesUseCase', () => {
  it('applies identify and track to the profile, the events and the catalogs, then marks them applied', async () => {
    const world = withApply();
    const entries = await world.accepted([
      identify('m1', '2026-01-01T10:00:00.000Z', { name: 'Ada', plan: 'team', seats: 3 }),
      track('m2', '2026-01-01T10:05:00.000Z', 'Invited teammate'),
      track('m3', '2026-01-01T11:00:00.000Z', 'Invited teammate'),
    ]);
    await world.applyMessages.execute(WS, entries);

    expect(world.profiles.documents).toEqual([
      expect.objectContaining({
        userId: 'u1',
        name: 'Ada',
        createdAt: new Date('2026-01-01T10:00:00.000Z'),
        lastActivityAt: new Date('2026-01-01T11:00:00.000Z'),
        sessions: 2,
        custom: { sdk: { plan: 'team', seats: 3 } },
      }),
    ]);
    expect(world.events.documents.map((e) => [e.source, e.name, e.properties])).toEqual([
      ['jimo', 'Invited teammate', { plan: 'team' }],
      ['jimo', 'Invited teammate', { plan: 'team' }],
    ]);
    expect(world.eventCatalog.entries).toEqual([
      {
        workspaceId: WS,
        source: 'jimo',
        name: 'Invited teammate',
        count: 2,
        lastSeenAt: new Date('2026-01-01T11:00:00.000Z'),
      },
    ]);
    expect(world.attributeCatalog.entries.map((e) => [e.key, e.type, e.sampleValues])).toEqual([
      ['plan', 'string', ['team']],
      ['seats', 'number', [3]],
    ]);
    expect(world.inbox.applied).toEqual(entries.map((entry) => String(entry._id)));
    expect(world.bus.emitted).toEqual([
      {
        pattern: 'user.updated',
        payload: expect.objectContaining({
          workspaceId: WS,
          userId: 'u1',
          changes: ['activity', 'attributes'],
        }),
      },
    ]);
  });

  it('applying the same entries again changes no profile, stores no second event, counts nothing twice', async () => {
    const world = withApply();
    const entries = await world.accepted([
      identify('m1', '2026-01-01T10:00:00.000Z', { plan: 'team' }),
      track('m2', '2026-01-01T10:05:00.000Z', 'Invited teammate'),
    ]);
    await world.applyMessages.execute(WS, entries);
    const profiles = clone(world.profiles.documents);
    await world.applyMessages.execute(WS, entries);
    expect(world.profiles.documents).toEqual(profiles);
    expect(world.events.documents).toHaveLength(1);
    expect(world.eventCatalog.entries[0]?.count).toBe(1);
    // The traits are set again (same values), the activity did not move.
    expect(world.bus.emitted[1]?.payload).toMatchObject({ changes: ['attributes'] });
  });

  it('a value that cannot take its catalog type is kept aside and counted; the others apply', async () => {
    const world = withApply();
    await world.applyMessages.execute(
      WS,
      await world.accepted([identify('m1', '2026-01-01T10:00:00.000Z', { seats: 3 })]),
    );
    await world.applyMessages.execute(
      WS,
      await world.accepted([
        identify('m2', '2026-01-01T10:01:00.000Z', { seats: 'many', plan: 'pro' }),
      ]),
    );
    expect(world.profiles.documents[0]?.custom).toEqual({ sdk: { seats: 3, plan: 'pro' } });
    expect(world.rejected.documents).toEqual([
      expect.objectContaining({
        workspaceId: WS,
        userId: 'u1',
        source: 'sdk',
        key: 'seats',
        expectedType: 'number',
        value: '"many"',
        messageId: 'm2',
      }),
    ]);
    expect(world.attributeCatalog.entries.find((e) => e.key === 'seats')?.rejectedCount).toBe(1);
  });

  it('a Segment batch lands under custom.segment and its tracks are segment events', async () => {
    const world = withApply();
    await world.applyMessages.execute(
      WS,
      await world.accepted(
        [
          identify('s1', '2026-01-01T10:00:00.000Z', { plan: 'team' }),
          track('s2', '2026-01-01T10:01:00.000Z', 'Signed up'),
        ],
        'segment',
      ),
    );
    expect(world.profiles.documents[0]?.custom).toEqual({ segment: { plan: 'team' } });
    expect(world.events.documents.map((e) => e.source)).toEqual(['segment']);
    expect(world.attributeCatalog.entries.map((e) => [e.source, e.key])).toEqual([
      ['segment', 'plan'],
    ]);
  });

  it('a profile changed by another writer meanwhile is re-read and the messages applied on top', async () => {
    const world = withApply();
    await world.applyMessages.execute(
      WS,
      await world.accepted([identify('m1', '2026-01-01T10:00:00.000Z', { plan: 'team' })]),
    );
    let interfered = false;
    world.profiles.beforeGuardedWrite = (profile) => {
      if (interfered) return;
      interfered = true;
      profile.lastActivityAt = new Date('2026-01-01T10:10:00.000Z'); // another writer first
    };
    await world.applyMessages.execute(
      WS,
      await world.accepted([identify('m2', '2026-01-01T10:20:00.000Z', { plan: 'pro' })]),
    );
    expect(interfered).toBe(true);
    expect(world.profiles.documents[0]).toMatchObject({
      lastActivityAt: new Date('2026-01-01T10:20:00.000Z'),
      custom: { sdk: { plan: 'pro' } },
    });
    expect(world.bus.patterns()).toEqual(['user.updated', 'user.updated']);
  });
});
