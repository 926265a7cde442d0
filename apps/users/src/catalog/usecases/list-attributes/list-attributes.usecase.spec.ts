import type {
  AttributeCoverageRepository,
  AttributeCoverageSnapshot,
  AttributeWrite,
  AttributeWriteRepository,
} from '@seg/profile-store';
import type { AttributeFreshness } from '../../freshness/attribute-freshness';
import { InMemoryAttributeCatalog, RecordingFreshness } from '../../../testing/fakes';
import { ListAttributesUseCase } from './list-attributes.usecase';

const WS = 'ws_listattrs01';

function listAttributes(
  catalog: InMemoryAttributeCatalog,
  snapshot: AttributeCoverageSnapshot | null = null,
  writes: AttributeWrite[] = [],
  freshness: AttributeFreshness = new RecordingFreshness().asFreshness(),
) {
  return new ListAttributesUseCase(
    catalog.asRepository(),
    { get: async () => snapshot } as unknown as AttributeCoverageRepository,
    { listAll: async () => writes } as unknown as AttributeWriteRepository,
    freshness,
  );
}

describe('ListAttributesUseCase', () => {
  it('lists the native attributes first, then the custom ones by source and key, as JSON', async () => {
    const catalog = new InMemoryAttributeCatalog();
    await catalog.declare(WS, [
      { source: 'sdk', key: 'plan', type: 'string' },
      { source: 'segment', key: 'renewsAt', type: 'date' },
      { source: 'sdk', key: 'company.size', type: 'number' },
    ]);
    await catalog.addSamples(WS, { source: 'segment', key: 'renewsAt' }, [
      new Date('2026-03-01T00:00:00Z'),
    ]);
    await catalog.countRejected(WS, { source: 'sdk', key: 'plan' }, 2);
    await catalog.declare('ws_someoneelse1', [{ source: 'sdk', key: 'secret', type: 'string' }]);

    const { items } = await listAttributes(catalog).execute({ workspaceId: WS });
    expect(items.slice(0, 6)).toEqual(
      [
        ['name', 'string'],
        ['email', 'string'],
        ['lastActivityAt', 'date'],
        ['createdAt', 'date'],
        ['sessions', 'number'],
        ['tags', 'list'],
      ].map(([key, type]) => ({
        category: 'attribute',
        source: null,
        key,
        type,
        sampleValues: [],
        rejectedCount: 0,
        coverage: null,
        lastWrittenAt: null,
      })),
    );
    expect(items.slice(6)).toEqual([
      {
        category: 'customAttribute',
        source: 'sdk',
        key: 'company.size',
        type: 'number',
        sampleValues: [],
        rejectedCount: 0,
        coverage: null,
        lastWrittenAt: null,
      },
      {
        category: 'customAttribute',
        source: 'sdk',
        key: 'plan',
        type: 'string',
        sampleValues: [],
        rejectedCount: 2,
        coverage: null,
        lastWrittenAt: null,
      },
      {
        category: 'customAttribute',
        source: 'segment',
        key: 'renewsAt',
        type: 'date',
        sampleValues: ['2026-03-01T00:00:00.000Z'],
        rejectedCount: 0,
        coverage: null,
        lastWrittenAt: null,
      },
    ]);
  });

  it('adds the last count (share of its users) and the last write; asks for a count when writes are newer', async () => {
    const catalog = new InMemoryAttributeCatalog();
    await catalog.declare(WS, [
      { source: 'sdk', key: 'plan', type: 'string' },
      { source: 'hubspot', key: 'stage', type: 'string' },
    ]);
    const asOf = new Date('2026-11-30T10:00:00Z');
    const snapshot: AttributeCoverageSnapshot = {
      _id: WS,
      workspaceId: WS,
      asOf,
      users: 8,
      tookMs: 3,
      attributes: [
        { source: null, key: 'email', users: 2 },
        { source: 'sdk', key: 'plan', users: 5 },
      ],
    };
    const writes: AttributeWrite[] = [
      {
        _id: `${WS}/sdk/plan`,
        workspaceId: WS,
        source: 'sdk',
        key: 'plan',
        lastWrittenAt: new Date('2026-11-30T11:00:00Z'),
      },
    ];
    const recounts: unknown[] = [];
    const freshness = new RecordingFreshness().asFreshness();
    freshness.requestRecount = (...args) => void recounts.push(args);
    const { items } = await listAttributes(catalog, snapshot, writes, freshness).execute({
      workspaceId: WS,
    });
    const byKey = new Map(items.map((item) => [`${item.source}:${item.key}`, item]));
    expect(byKey.get('null:email')).toMatchObject({
      coverage: { users: 2, share: 0.25, asOf: asOf.toISOString() },
      lastWrittenAt: null,
    });
    expect(byKey.get('sdk:plan')).toMatchObject({
      coverage: { users: 5, share: 5 / 8 },
      lastWrittenAt: '2026-11-30T11:00:00.000Z',
    });
    // Declared after the count: not counted yet.
    expect(byKey.get('hubspot:stage')).toMatchObject({ coverage: null, lastWrittenAt: null });
    expect(recounts).toEqual([[WS, snapshot]]);
  });
});
