import {
  type AttributeObject,
  type Condition,
  type EventDocument,
  type InteractionRecord,
  type ProfileDocument,
  type RuleGroup,
  type SegmentRules,
  summarizeInteractions,
} from '../../libs/shared/segment-engine/src/index';
import {
  COUNTRIES,
  CUSTOM_ATTRIBUTES,
  type Draw,
  EVENT_NAMES,
  INDUSTRIES,
  LIST_VALUES,
  PLANS,
  ROLES,
  STAGES,
  TAGS,
} from './catalog';
import { Random, Zipf } from './random';

/**
 * The benchmark dataset: seeded and deterministic at any size. Profiles come
 * already normalised to the catalog types (the shape the users service stores),
 * so large sizes can be loaded straight into the profile store.
 */
export interface DatasetOptions {
  workspaceId: string;
  users: number;
  events: number;
  experiences: number;
  segments: number;
  seed: number;
  /** "Now" of the dataset: activity spreads over the year before it. */
  now: Date;
}

export const FULL_SIZE = { users: 100_000, events: 2_000_000, experiences: 50, segments: 200 };
export const SMALL_SIZE = { users: 2_000, events: 40_000, experiences: 50, segments: 200 };

const DAY = 86_400_000;
const YEAR = 365 * DAY;

export const userIdOf = (index: number) => `u_${String(index).padStart(7, '0')}`;
export const experienceIdOf = (index: number) => `exp_bench${String(index).padStart(5, '0')}`;
export const segmentIdOf = (index: number) => `seg_bench${String(index).padStart(5, '0')}`;

function drawValue(draw: Draw, random: Random, now: Date): AttributeObject[string] {
  switch (draw) {
    case 'plan':
      return random.pick(PLANS);
    case 'industry':
      return random.pick(INDUSTRIES);
    case 'stage':
      return random.pick(STAGES);
    case 'country':
      return random.pick(COUNTRIES);
    case 'count':
      return Math.floor(random.next() ** 3 * 1_000);
    case 'bool':
      return random.chance(0.5);
    case 'date':
      return new Date(now.getTime() - Math.floor(random.next() * YEAR));
    case 'list':
      return random.sample(LIST_VALUES, 1 + random.int(3));
  }
}

function setPath(target: AttributeObject, path: string, value: AttributeObject[string]) {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as AttributeObject;
  }
  node[parts[parts.length - 1]] = value;
}

export function* generateProfiles(options: DatasetOptions): Generator<ProfileDocument> {
  const random = new Random(options.seed);
  const now = options.now.getTime();
  for (let index = 0; index < options.users; index++) {
    const createdAt = new Date(now - Math.floor(random.next() * YEAR));
    const lastActivityAt = new Date(
      createdAt.getTime() + Math.floor(random.next() * (now - createdAt.getTime())),
    );
    const custom: ProfileDocument['custom'] = {};
    for (const attribute of CUSTOM_ATTRIBUTES) {
      if (!random.chance(attribute.presence)) continue;
      const bucket = (custom[attribute.source] ??= {});
      setPath(bucket, attribute.key, drawValue(attribute.draw, random, options.now));
    }
    const interactions: InteractionRecord[] = [];
    for (let e = 0; e < options.experiences; e++) {
      if (!random.chance(0.15)) continue;
      const seenAt = new Date(lastActivityAt.getTime() - random.int(30) * DAY);
      const completed = random.chance(0.4);
      interactions.push({
        experienceId: experienceIdOf(e),
        seenAt,
        completedAt: completed ? seenAt : null,
        answers:
          completed && e % 5 === 0
            ? [{ stepId: 'q1', values: [random.pick(['yes', 'no', 'maybe'])] }]
            : [],
      });
    }
    yield {
      workspaceId: options.workspaceId,
      userId: userIdOf(index),
      name: `User ${index}`,
      email: `user${index}@${random.pick(['acme.com', 'example.org', 'globex.io', 'initech.dev'])}`,
      createdAt,
      lastActivityAt,
      sessions: 1 + Math.floor(random.next() ** 4 * 400),
      tags: random.sample(TAGS, random.int(4)),
      custom,
      interactions,
      experiences: summarizeInteractions(interactions),
    };
  }
}

/** Events per user and per name both long-tailed (Zipf), timestamps over the last year. */
export function* generateEvents(options: DatasetOptions): Generator<EventDocument> {
  const random = new Random(options.seed + 1);
  const byUser = new Zipf(options.users, 0.7);
  const byName = new Zipf(EVENT_NAMES.length, 1.1);
  // Heavy users are spread over the id space rather than being the first ids.
  const permutation = (rank: number) => (rank * 7_919) % options.users;
  const now = options.now.getTime();
  for (let i = 0; i < options.events; i++) {
    yield {
      workspaceId: options.workspaceId,
      userId: userIdOf(permutation(byUser.draw(random))),
      source: random.chance(0.8) ? 'jimo' : 'segment',
      name: EVENT_NAMES[byName.draw(random)],
      timestamp: new Date(now - Math.floor(random.next() ** 2 * YEAR)),
      properties: { role: random.pick(ROLES), plan: random.pick(PLANS), count: random.int(50) },
    };
  }
}

function randomCondition(random: Random, options: DatasetOptions): Condition {
  const kind = random.int(10);
  if (kind < 4) {
    const attribute = random.pick(CUSTOM_ATTRIBUTES);
    const base = { type: 'customAttribute' as const, source: attribute.source, key: attribute.key };
    switch (attribute.type) {
      case 'string':
        return random.chance(0.5)
          ? {
              ...base,
              operator: 'equals',
              value: String(drawValue(attribute.draw, random, options.now)),
            }
          : { ...base, operator: 'in', value: [PLANS[0], INDUSTRIES[1], STAGES[4], COUNTRIES[0]] };
      case 'number':
        return {
          ...base,
          operator: random.pick(['greaterThan', 'lessThanOrEqual'] as const),
          value: random.int(500),
        };
      case 'boolean':
        return { ...base, operator: random.pick(['isTrue', 'isFalse'] as const) };
      case 'date':
        return {
          ...base,
          operator: 'withinLast',
          value: { amount: 1 + random.int(90), unit: 'days' },
        };
      case 'list':
        return { ...base, operator: 'containsAny', value: random.sample(LIST_VALUES, 2) };
    }
  }
  if (kind < 6) {
    return random.pick<Condition>([
      { type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value: random.int(50) },
      { type: 'attribute', attribute: 'tags', operator: 'contains', value: random.pick(TAGS) },
      { type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' },
      {
        type: 'attribute',
        attribute: 'lastActivityAt',
        operator: 'withinLast',
        value: { amount: 1 + random.int(60), unit: 'days' },
      },
    ]);
  }
  if (kind < 8) {
    const operator = random.pick(['seen', 'notSeen', 'completed', 'notCompleted'] as const);
    return {
      type: 'experience',
      experienceId: experienceIdOf(random.int(options.experiences)),
      operator,
    };
  }
  return {
    type: 'event',
    source: 'jimo',
    name: EVENT_NAMES[random.int(8)],
    occurrence: random.pick([
      { operator: 'occurred' as const },
      { operator: 'atLeast' as const, count: 1 + random.int(5) },
      { operator: 'notOccurred' as const },
    ]),
    period: { type: 'last', amount: 7 + random.int(60), unit: 'days' },
    ...(random.chance(0.3)
      ? { properties: [{ key: 'role', operator: 'equals' as const, value: random.pick(ROLES) }] }
      : {}),
  };
}

/** ~200 segments of varied shapes: flat AND/OR, nested groups, every condition kind. */
export function generateSegments(
  options: DatasetOptions,
): Array<{ id: string; name: string; rules: SegmentRules }> {
  const random = new Random(options.seed + 2);
  return Array.from({ length: options.segments }, (_, index) => {
    const group = (depth: number, size: number): RuleGroup => ({
      type: 'group',
      operator: random.chance(0.6) ? 'and' : 'or',
      conditions: Array.from({ length: size }, () =>
        depth < 2 && random.chance(0.2) ? group(depth + 1, 2) : randomCondition(random, options),
      ),
    });
    return {
      id: segmentIdOf(index),
      name: `Bench segment ${index}`,
      rules: group(1, 3 + random.int(5)),
    };
  });
}
