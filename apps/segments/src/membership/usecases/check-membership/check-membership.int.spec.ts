import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { ProfileRepository } from '@seg/profile-store';
import { BusClient } from '@seg/platform';
import type { ProfileDocument, SegmentRules } from '@seg/segment-engine';
import { deleteBusTopology, dropDatabase, startTestApp, testConfig, waitFor } from '@seg/testing';
import type { Connection } from 'mongoose';
import { AppModule } from '../../../app.module';
import { type SegmentsConfig, segmentsEnvSchema } from '../../../config';
import { MembershipQueue } from '../../../read-model/membership-queue';
import { MembershipWriter } from '../../../read-model/membership-writer';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import {
  membershipKey,
  type MembershipDocument,
  type SegmentStateDocument,
} from '../../../read-model/read-model.schemas';
import { MemberStore } from '../../../reads/member-store';
import { CreateSegmentUseCase } from '../../../segments/usecases/create-segment/create-segment.usecase';
import { UpdateSegmentUseCase } from '../../../segments/usecases/update-segment/update-segment.usecase';
import { CompiledSegments } from '../../compiled-segments';
import { MembershipFreshness } from '../../membership-freshness';
import { UserSnapshotCache } from '../../user-snapshot-cache';
import { CheckMembershipUseCase } from './check-membership.usecase';

// Targeting reads the membership read model (issue 20 item 1) against the real FerretDB: the
// segments service is booted without the worker, and the read model's rows and states are
// written here, in a controlled way, so that a row and the profile disagree. The answer
// follows the row (and the profile is not read) while the row can be trusted; it follows
// the one-user evaluator (the profile is read) for a just-edited segment, a due row, a
// missing row and a row older than the newest change heard of the user. The last test uses
// the worker's own writer: after a change, its row records the change and answers again.
jest.setTimeout(120_000);

const WS = 'ws_targetingrm0001';
const DAY = 86_400_000;
const sessionsAtLeast = (value: number): SegmentRules => ({
  type: 'group',
  operator: 'and',
  conditions: [{ type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value }],
});
const activeThisWeek: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'withinLast',
      value: { amount: 7, unit: 'days' },
    },
  ],
};

function profile(userId: string, sessions: number, lastActivityAt: Date): ProfileDocument {
  return {
    workspaceId: WS,
    userId,
    name: userId,
    createdAt: new Date(Date.now() - 100 * DAY),
    lastActivityAt,
    sessions,
    tags: [],
    custom: {},
    experiences: { seen: [], completed: [], answers: [] },
  };
}

describe('targeting from the membership read model', () => {
  let app: INestApplication;
  let config: SegmentsConfig;
  let check: CheckMembershipUseCase;
  let freshness: MembershipFreshness;
  let profileReads: jest.SpyInstance;
  let rows: ReturnType<Connection['collection']>;
  let states: ReturnType<Connection['collection']>;
  let pro = '';
  let recent = '';

  /** What the worker would write: the user's row. */
  async function writeRow(
    userId: string,
    segmentIds: string[],
    extra: Partial<MembershipDocument> = {},
  ): Promise<void> {
    const doc = {
      _id: membershipKey(WS, userId),
      workspaceId: WS,
      userId,
      segmentIds,
      nextChangeAt: null,
      evaluatedAt: new Date(),
      dataAt: null,
      ...extra,
    };
    await rows.replaceOne({ _id: doc._id } as never, doc, { upsert: true });
  }

  /** What the worker writes at the end of a recomputation: states of the current versions. */
  async function writeCurrentStates(): Promise<void> {
    const current = await app.get(CompiledSegments).current(WS);
    for (const [id, deps] of current.deps) {
      const doc: SegmentStateDocument = {
        _id: id,
        workspaceId: WS,
        deps,
        size: 0,
        updatedAt: new Date(),
      };
      await states.replaceOne({ _id: id } as never, doc, { upsert: true });
    }
  }

  const ask = (userId: string, segmentIds = [pro, recent]) =>
    check.execute({ workspaceId: WS, userId, segmentIds });

  beforeAll(async () => {
    config = segmentsEnvSchema.parse({ ...testConfig() });
    ({ app } = await startTestApp({
      service: 'segments',
      config,
      module: AppModule.register(config),
      consumeBus: false,
    }));
    const connection = app.get<Connection>(getConnectionToken());
    rows = connection.collection('segment_memberships');
    states = connection.collection('segment_states');
    const now = Date.now();
    await new ProfileRepository(connection.model('Profile') as never).insertNew(WS, [
      // One session, inactive for a month: in neither segment by its profile.
      profile('row-says-in', 1, new Date(now - 30 * DAY)),
      profile('no-row', 9, new Date(now - DAY)),
      profile('changed', 1, new Date(now - 30 * DAY)),
      profile('due', 1, new Date(now - 30 * DAY)),
      profile('worker', 9, new Date(now - DAY)),
    ]);
    const create = app.get(CreateSegmentUseCase);
    pro = (
      await create.execute({
        workspaceId: WS,
        body: { name: 'Frequent', rules: sessionsAtLeast(5) },
      })
    ).id;
    recent = (
      await create.execute({
        workspaceId: WS,
        body: { name: 'Active this week', rules: activeThisWeek },
      })
    ).id;
    await writeCurrentStates();
    check = app.get(CheckMembershipUseCase);
    freshness = app.get(MembershipFreshness);
    // Start-up distrusts every row until the queue's pending changes are known.
    await waitFor(
      async () => (freshness.reflects(WS, 'probe', { dataAt: null } as never) ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 50, what: 'start-up resync' },
    );
    profileReads = jest.spyOn(app.get(MemberStore), 'findProfile');
  });

  beforeEach(() => {
    profileReads.mockClear();
    app.get(UserSnapshotCache).clear();
  });

  afterAll(async () => {
    profileReads?.mockRestore();
    await app?.close();
    if (config) {
      await deleteBusTopology(config, ['segments']);
      await dropDatabase(config);
    }
  });

  it('answers from the row, without reading the profile, when the row can be trusted', async () => {
    // The row says "in both"; the profile says "in neither": the row answers.
    const flips = new Date(Date.now() + DAY);
    await writeRow('row-says-in', [pro, recent], { nextChangeAt: flips });
    // A relative window decided it: kept at most until the user's next flip.
    expect(await ask('row-says-in')).toEqual({
      memberOf: [pro, recent],
      reusable: false,
      validUntil: flips.toISOString(),
    });
    expect(profileReads).not.toHaveBeenCalled();
    expect(await ask('row-says-in', [pro])).toEqual({ memberOf: [pro], reusable: true });
    expect(profileReads).not.toHaveBeenCalled();
    // No flip by time alone ahead (no nextChangeAt): only events can change the answer.
    await writeRow('row-says-in', [pro, recent]);
    expect(await ask('row-says-in')).toEqual({ memberOf: [pro, recent], reusable: true });
  });

  it('evaluates a user without a row (the profile is read)', async () => {
    await rows.deleteOne({ _id: membershipKey(WS, 'no-row') } as never);
    expect((await ask('no-row')).memberOf).toEqual([pro, recent]);
    expect(profileReads).toHaveBeenCalledTimes(1);
  });

  it('evaluates a row that is older than the newest change heard for the user', async () => {
    const before = new Date(Date.now() - 1_000);
    await writeRow('changed', [pro], { dataAt: before });
    expect((await ask('changed')).memberOf).toEqual([pro]);
    expect(profileReads).not.toHaveBeenCalled();

    // user.updated heard (broadcast): the worker has not written the row yet.
    const at = new Date();
    freshness.heardUsers(WS, ['changed'], at.toISOString());
    expect((await ask('changed')).memberOf).toEqual([]);
    expect(profileReads).toHaveBeenCalledTimes(1);

    // The worker wrote the row for that change: trusted again (the mark is dropped).
    profileReads.mockClear();
    await writeRow('changed', [pro], { dataAt: at });
    expect((await ask('changed')).memberOf).toEqual([pro]);
    expect(profileReads).not.toHaveBeenCalled();

    // A sync that names nobody: every row of the workspace waits for its recomputation.
    profileReads.mockClear();
    freshness.heardWorkspace(WS, new Date(Date.now() + 1).toISOString());
    app.get(UserSnapshotCache).invalidateWorkspace(WS); // as profiles.synced does
    try {
      expect((await ask('changed')).memberOf).toEqual([]);
      expect(profileReads).toHaveBeenCalledTimes(1);
    } finally {
      freshness.sweep(Date.now() + 11 * 60_000); // forgets the marks (the later tests)
    }
  });

  it('evaluates the time-dependent segments of a due row (nextChangeAt passed)', async () => {
    await writeRow('due', [pro, recent], { nextChangeAt: new Date(Date.now() - 1) });
    // `pro` still from the row (the profile says out); `recent` evaluated now (inactive: out).
    // Evaluated time-dependent segments: never kept.
    expect(await ask('due')).toEqual({ memberOf: [pro], reusable: false });
    expect(profileReads).toHaveBeenCalledTimes(1);
  });

  it('evaluates a just-edited segment at once (edit live), the others from the row', async () => {
    await writeRow('row-says-in', [pro, recent], { nextChangeAt: new Date(Date.now() + DAY) });
    const edited = await app.get(UpdateSegmentUseCase).execute({
      workspaceId: WS,
      segmentId: pro,
      body: { name: 'Frequent', rules: sessionsAtLeast(1) },
    });
    expect(edited.version).toBe(2);
    // The state is of version 1: `pro` is evaluated (1 session: in), `recent` from the row.
    expect((await ask('row-says-in')).memberOf).toEqual([pro, recent]);
    await app.get(UpdateSegmentUseCase).execute({
      workspaceId: WS,
      segmentId: pro,
      body: { name: 'Frequent', rules: sessionsAtLeast(100) },
    });
    const started = Date.now();
    expect((await ask('row-says-in')).memberOf).toEqual([recent]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(profileReads).toHaveBeenCalled();

    // Its recomputation finished (states of the new versions): the row answers again.
    await writeCurrentStates();
    await writeRow('row-says-in', [recent], { nextChangeAt: new Date(Date.now() + DAY) });
    await waitFor(
      async () => {
        profileReads.mockClear();
        const answer = await ask('row-says-in');
        return profileReads.mock.calls.length === 0 ? answer : undefined;
      },
      { timeoutMs: 5_000, intervalMs: 100, what: 'states re-read' },
    );
  });

  it("the worker's row for a change records it, and answers once written", async () => {
    const writer = new MembershipWriter(
      app.get(MemberStore),
      app.get(ReadModelRepository),
      app.get(BusClient),
      app.get(MembershipQueue),
    );
    const at = new Date();
    freshness.heardUsers(WS, ['worker'], at.toISOString());
    expect((await ask('worker', [recent])).memberOf).toEqual([recent]);
    expect(profileReads).toHaveBeenCalledTimes(1);

    // The users job for that change (what the worker runs for user.updated).
    const segments = await app.get(CompiledSegments).current(WS);
    await writer.locked(WS, () => writer.evaluateUsers(WS, ['worker'], segments, at));
    const row = await app.get(ReadModelRepository).membership(WS, membershipKey(WS, 'worker'));
    expect(row?.dataAt?.getTime()).toBe(at.getTime());
    expect(row?.segmentIds).toContain(recent);

    profileReads.mockClear();
    expect((await ask('worker', [recent])).memberOf).toEqual([recent]);
    expect(profileReads).not.toHaveBeenCalled();

    // Evaluated again for the same change with nothing new: the row is not rewritten.
    const evaluatedAt = row?.evaluatedAt;
    await writer.locked(WS, () => writer.evaluateUsers(WS, ['worker'], segments, at));
    const again = await app.get(ReadModelRepository).membership(WS, membershipKey(WS, 'worker'));
    expect(again?.evaluatedAt.getTime()).toBe(evaluatedAt?.getTime());
  });
});
