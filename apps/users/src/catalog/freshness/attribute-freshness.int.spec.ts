import type { AttributeCatalogItem, IngestMessage } from '@seg/contracts';
import { AttributeCatalogRepository, ProfileRepository } from '@seg/profile-store';
import { identify, startUsersContext } from '../../testing/users-context';
import { EraseUserUseCase } from '../../ingestion/usecases/erase-user/erase-user.usecase';
import { ChangeTagsUseCase } from '../../profiles/usecases/change-tags/change-tags.usecase';
import { ListAttributesUseCase } from '../usecases/list-attributes/list-attributes.usecase';
import { AttributeFreshness } from './attribute-freshness';

jest.setTimeout(120_000);

const WS = 'ws_freshness01';
const USERS = 240;

/** A small deterministic generator (the same dataset every run). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Users with some of the traits, some with none (missing attributes), a few with nulls. */
function seed(): IngestMessage[] {
  const next = random(7);
  const messages: IngestMessage[] = [];
  for (let i = 0; i < USERS; i += 1) {
    const traits: Record<string, unknown> = {};
    if (next() < 0.6) traits['plan'] = next() < 0.5 ? 'pro' : 'free';
    if (next() < 0.3) traits['seats'] = Math.floor(next() * 50);
    if (next() < 0.2) traits['beta'] = next() < 0.5;
    if (next() < 0.4) traits['company'] = { size: Math.floor(next() * 1000) };
    if (next() < 0.3) traits['roles'] = next() < 0.3 ? [] : ['admin'];
    if (next() < 0.5) traits['email'] = `u${i}@example.com`;
    if (next() < 0.1) traits['plan'] = null;
    messages.push(identify(`u${i}`, '2026-11-01T00:00:00Z', traits));
  }
  return messages;
}

/**
 * Brute force, written from segments.md rather than from the engine: a value is there when
 * the stored value has the attribute's type (a list: a non-empty one).
 */
function bruteForce(
  profiles: Array<Record<string, unknown>>,
  item: Pick<AttributeCatalogItem, 'source' | 'key' | 'type'>,
): number {
  const has = (value: unknown): boolean => {
    switch (item.type) {
      case 'string':
        return typeof value === 'string';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'date':
        return value instanceof Date;
      case 'list':
        return Array.isArray(value) && value.length > 0;
    }
  };
  return profiles.filter((profile) => {
    let value: unknown =
      item.source === null
        ? profile
        : (profile['custom'] as Record<string, unknown> | undefined)?.[item.source];
    for (const part of item.key.split('.')) {
      value =
        value !== null && typeof value === 'object' && !(value instanceof Date)
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
    return has(value);
  }).length;
}

describe('attribute coverage and lastWrittenAt (real FerretDB)', () => {
  let context: Awaited<ReturnType<typeof startUsersContext>>;

  beforeAll(async () => {
    context = await startUsersContext({
      COVERAGE_REFRESH_MS: '1000',
      ATTRIBUTE_WRITES_FLUSH_MS: '100',
    });
  });
  afterAll(() => context?.close());

  const list = async () =>
    (await context.app.get(ListAttributesUseCase).execute({ workspaceId: WS })).items;

  /** The catalog once it has been counted after `since` (polled, with a deadline). */
  async function countedAfter(since: Date): Promise<AttributeCatalogItem[]> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await context.app.get(AttributeFreshness).flush();
      const items = await list();
      const asOf = items.find((item) => item.coverage)?.coverage?.asOf;
      if (asOf && new Date(asOf) > since && items.every((item) => item.coverage)) return items;
      if (Date.now() > deadline) throw new Error(`not counted after ${since.toISOString()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Every attribute's coverage equals the brute-force count over the stored profiles. */
  async function expectCoverageMatchesBruteForce(items: AttributeCatalogItem[]): Promise<void> {
    const profiles: Array<Record<string, unknown>> = [];
    for await (const profile of context.app.get(ProfileRepository).streamAll(WS)) {
      profiles.push(profile as unknown as Record<string, unknown>);
    }
    const expected = items.map((item) => {
      const users = bruteForce(profiles, item);
      return { source: item.source, key: item.key, users, share: users / profiles.length };
    });
    const actual = items.map((item) => ({
      source: item.source,
      key: item.key,
      users: item.coverage?.users,
      share: item.coverage?.share,
    }));
    expect(actual).toEqual(expected);
  }

  it('counts the users with a value like a brute force, after writes, removals and an erase; lastWrittenAt moves with writes', async () => {
    const before = new Date();
    await context.ingest(WS, seed());
    const afterSeed = new Date();

    let items = await countedAfter(afterSeed);
    expect(items.filter((item) => item.category === 'customAttribute').map((i) => i.key)).toEqual([
      'beta',
      'company.size',
      'plan',
      'roles',
      'seats',
    ]);
    await expectCoverageMatchesBruteForce(items);
    const byKey = (key: string) => items.find((item) => item.key === key) as AttributeCatalogItem;
    // The dataset does have users without each attribute (and empty lists).
    expect(byKey('plan').coverage?.users).toBeGreaterThan(0);
    expect(byKey('plan').coverage?.users).toBeLessThan(USERS);
    expect(byKey('sessions').coverage).toMatchObject({ users: USERS, share: 1 });
    expect(byKey('tags').coverage).toMatchObject({ users: 0, share: 0 });
    const planWrittenAt = new Date(byKey('plan').lastWrittenAt ?? 0);
    expect(planWrittenAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(planWrittenAt.getTime()).toBeLessThanOrEqual(afterSeed.getTime());
    expect(byKey('tags').lastWrittenAt).toBeNull();
    expect(byKey('name').lastWrittenAt).toBeNull();

    // Removals (null traits), additions, tags, then two users erased.
    const changedAt = new Date();
    const changes: IngestMessage[] = [];
    for (let i = 0; i < 40; i += 1) {
      changes.push(
        identify(`u${i}`, '2026-11-02T00:00:00Z', { plan: null, company: { size: null } }),
      );
    }
    for (let i = 40; i < 60; i += 1) {
      changes.push(identify(`u${i}`, '2026-11-02T00:00:00Z', { seats: 3, roles: ['owner'] }));
    }
    await context.ingest(WS, changes);
    await context.app
      .get(ChangeTagsUseCase)
      .execute({ workspaceId: WS, userId: 'u70', tags: ['vip'], change: 'add' });
    await context.app.get(EraseUserUseCase).execute({ workspaceId: WS, userId: 'u100' });
    await context.app.get(EraseUserUseCase).execute({ workspaceId: WS, userId: 'u101' });
    const erasedAt = new Date();

    items = await countedAfter(erasedAt);
    await expectCoverageMatchesBruteForce(items);
    expect(byKey('sessions').coverage).toMatchObject({ users: USERS - 2, share: 1 });
    expect(byKey('tags').coverage?.users).toBe(1);
    // Setting null is no write of a value: plan keeps its last write; seats moved on.
    expect(byKey('plan').lastWrittenAt).toBe(planWrittenAt.toISOString());
    expect(new Date(byKey('seats').lastWrittenAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      changedAt.getTime(),
    );
    expect(new Date(byKey('tags').lastWrittenAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      changedAt.getTime(),
    );
    // Sanity: the catalog read the same entries the count did.
    expect(await context.app.get(AttributeCatalogRepository).listAll(WS)).toHaveLength(5);
  });
});
