import { DomainError } from '@seg/contracts';
import type { MembershipSnapshots } from '../../../read-model/membership-snapshots';
import type { ReadModelRepository } from '../../../read-model/read-model.repository';
import type { CompiledSegments } from '../../compiled-segments';
import { AudienceOverlapUseCase, SNAPSHOT_WAIT_MS } from './audience-overlap.usecase';

const WS = 'ws_overlapspec1';
const A = 'seg_aaaaaaaa';
const B = 'seg_bbbbbbbb';

function useCase(options: { snapshot?: Promise<unknown>; stateOfB?: number } = {}) {
  const segments = {
    versions: new Map([
      [A, 1],
      [B, 2],
    ]),
    names: new Map([
      [A, 'A'],
      [B, 'B'],
    ]),
    deps: new Map([
      [A, { [A]: 1 }],
      [B, { [B]: 2 }],
    ]),
    compiled: new Map(),
  };
  const compiled = {
    current: async () => segments,
    invalidate: () => undefined,
  } as unknown as CompiledSegments;
  const repository = {
    states: async () => [
      { _id: A, workspaceId: WS, deps: { [A]: 1 }, size: 2, updatedAt: new Date() },
      {
        _id: B,
        workspaceId: WS,
        deps: { [B]: options.stateOfB ?? 2 },
        size: 1,
        updatedAt: new Date(),
      },
    ],
    recompute: async () =>
      options.stateOfB === undefined ? null : { processed: 1, total: 4, failed: false },
  } as unknown as ReadModelRepository;
  const taken = new Date('2026-12-01T10:00:00.000Z');
  const snapshots = {
    get: () =>
      options.snapshot ??
      Promise.resolve({
        takenAt: taken,
        combinations: [
          { segmentIds: [A], users: 1 },
          { segmentIds: [A, B, 'seg_deleted1'], users: 1 },
          { segmentIds: [B], users: 0 },
          { segmentIds: [], users: 5 },
        ],
      }),
  } as unknown as MembershipSnapshots;
  return new AudienceOverlapUseCase(compiled, repository, snapshots);
}

describe('AudienceOverlapUseCase (segments)', () => {
  it('counts from the snapshot; ready when every segment involved is current', async () => {
    const answer = await useCase().execute({
      workspaceId: WS,
      audience: { mode: 'segments', segmentIds: [A] },
      others: [
        { key: 'e1', audience: { mode: 'segments', segmentIds: [B] } },
        { key: 'e2', audience: { mode: 'all' } },
      ],
    });
    expect(answer).toEqual({
      total: 2,
      segments: [{ id: A, name: 'A', members: 2, adds: 2 }],
      others: [
        { key: 'e1', overlap: 1 },
        { key: 'e2', overlap: 2 },
      ],
      status: 'ready',
      pending: [],
      estimated: false,
      asOf: '2026-12-01T10:00:00.000Z',
    });
  });

  it("computing and estimated when another experience's segment is not current", async () => {
    const answer = await useCase({ stateOfB: 1 }).execute({
      workspaceId: WS,
      audience: { mode: 'all' },
      others: [{ key: 'e1', audience: { mode: 'segments', segmentIds: [B] } }],
    });
    expect(answer).toMatchObject({
      total: 7,
      status: 'computing',
      progress: 0.25,
      pending: [B],
      estimated: true,
    });
  });

  it('names an unknown selected segment in a 400', async () => {
    const failure = await useCase()
      .execute({
        workspaceId: WS,
        audience: { mode: 'segments', segmentIds: [A, 'seg_unknown01'] },
        others: [],
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe('VALIDATION_FAILED');
    expect((failure as DomainError).details).toEqual([
      { path: 'audience.segmentIds[1]', message: 'no segment seg_unknown01 in this workspace' },
    ]);
  });

  it(`answers counting when the snapshot takes longer than ${SNAPSHOT_WAIT_MS} ms`, async () => {
    jest.useFakeTimers();
    try {
      const pending = useCase({ snapshot: new Promise(() => undefined) }).execute({
        workspaceId: WS,
        audience: { mode: 'segments', segmentIds: [A] },
        others: [{ key: 'e1', audience: { mode: 'all' } }],
      });
      await jest.advanceTimersByTimeAsync(SNAPSHOT_WAIT_MS);
      expect(await pending).toMatchObject({
        total: 0,
        segments: [{ id: A, members: 0, adds: 0 }],
        others: [{ key: 'e1', overlap: 0 }],
        status: 'counting',
        estimated: true,
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
