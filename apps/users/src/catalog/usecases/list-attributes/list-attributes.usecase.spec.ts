import { InMemoryAttributeCatalog } from '../../../testing/fakes';
import { ListAttributesUseCase } from './list-attributes.usecase';

const WS = 'ws_listattrs01';

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

    const { items } = await new ListAttributesUseCase(catalog.asRepository()).execute({
      workspaceId: WS,
    });
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
      },
      {
        category: 'customAttribute',
        source: 'sdk',
        key: 'plan',
        type: 'string',
        sampleValues: [],
        rejectedCount: 2,
      },
      {
        category: 'customAttribute',
        source: 'segment',
        key: 'renewsAt',
        type: 'date',
        sampleValues: ['2026-03-01T00:00:00.000Z'],
        rejectedCount: 0,
      },
    ]);
  });
});
