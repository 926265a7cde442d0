// Test-only fixtures shared by the table tests.
import type { EventDocument, ProfileDocument } from '../documents/profile';
import { summarizeInteractions } from '../documents/profile';
import type { CatalogEntry } from '../rules/types';

export const NOW = new Date('2026-06-15T12:00:00.000Z');
export const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
export const WS = 'ws_1';

export const CATALOG: CatalogEntry[] = [
  { source: 'sdk', key: 'plan', type: 'string' },
  { source: 'sdk', key: 'score', type: 'number' },
  { source: 'sdk', key: 'active', type: 'boolean' },
  { source: 'sdk', key: 'renewal', type: 'date' },
  { source: 'sdk', key: 'roles', type: 'list' },
  { source: 'sdk', key: 'company.name', type: 'string' },
  { source: 'sdk', key: 'company.size', type: 'number' },
  { source: 'sdk', key: 'ghost', type: 'string' },
  { source: 'segment', key: 'plan', type: 'string' },
  { source: 'hubspot', key: 'lifecyclestage', type: 'string' },
  { source: 'hubspot', key: 'employees', type: 'number' },
  { source: 'customerio', key: 'tier', type: 'string' },
];

function profile(userId: string, p: Partial<ProfileDocument>): ProfileDocument {
  return {
    workspaceId: WS,
    userId,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    lastActivityAt: ago(DAY),
    sessions: 1,
    tags: [],
    custom: {},
    experiences: { seen: [], completed: [], answers: [] },
    ...p,
  };
}

export const PROFILES: ProfileDocument[] = [
  profile('u_full', {
    name: 'Alice Smith',
    email: 'Alice@Acme.com',
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    lastActivityAt: ago(2 * DAY),
    sessions: 5,
    tags: ['VIP', 'beta'],
    custom: {
      sdk: {
        plan: 'Pro',
        score: 42,
        active: true,
        renewal: new Date('2026-07-01T00:00:00.000Z'),
        roles: ['Admin', 'Editor'],
        company: { name: 'A.C*M+E? (x) [y] \\z $w', size: 10 },
      },
      segment: { plan: 'Enterprise' },
      hubspot: { lifecyclestage: 'customer', employees: 42 },
    },
    experiences: summarizeInteractions([
      {
        experienceId: 'exp_1',
        seenAt: ago(DAY),
        completedAt: ago(DAY),
        answers: [{ stepId: 'q1', values: ['Very useful', 'Fast'] }],
      },
      { experienceId: 'exp_2', seenAt: ago(DAY) },
    ]),
  }),
  profile('u_empty', {
    name: null,
    sessions: 0,
    tags: [],
    custom: { sdk: { plan: null, roles: [] } },
    lastActivityAt: ago(400 * DAY),
    createdAt: new Date('2025-01-01T00:00:00.000Z'),
  }),
  profile('u_other', {
    name: 'bob',
    email: 'bob@example.org',
    sessions: 1,
    tags: ['beta'],
    custom: {
      sdk: {
        plan: 'free',
        score: -1.5,
        active: false,
        renewal: new Date('2026-06-01T00:00:00.000Z'),
      },
    },
    lastActivityAt: ago(7 * DAY),
    createdAt: new Date('2026-03-31T23:59:59.999Z'),
    experiences: summarizeInteractions([{ experienceId: 'exp_2', seenAt: ago(DAY) }]),
  }),
  profile('u_regex', {
    name: 'a.c',
    email: 'x+y@acme.com',
    sessions: 10,
    tags: ['a.b', 'x*'],
    custom: {
      sdk: { plan: 'Pro\n', company: { name: 'ACME' }, score: 42.0, roles: ['admin'] },
      customerio: { tier: '$gold' },
    },
    lastActivityAt: ago(7 * DAY + 1),
    createdAt: new Date('2026-04-01T00:00:00.000Z'),
  }),
];

/** A profile of another workspace that must never be a member. */
export const FOREIGN: ProfileDocument = {
  ...PROFILES[0],
  workspaceId: 'ws_2',
  userId: 'u_foreign',
};

function event(
  userId: string,
  name: string,
  at: Date,
  properties = {},
  source: 'jimo' | 'segment' = 'jimo',
): EventDocument {
  return { workspaceId: WS, userId, source, name, timestamp: at, properties };
}

export const EVENTS: EventDocument[] = [
  event('u_full', 'Invited teammate', ago(DAY), { role: 'admin', seats: 3 }),
  event('u_full', 'Invited teammate', ago(3 * DAY), { role: 'Admin', seats: 1 }),
  event('u_full', 'Invited teammate', ago(10 * DAY), { role: 'user', tags: ['x', 'Y'] }),
  event('u_full', 'Invited teammate', ago(DAY), {}, 'segment'),
  event('u_other', 'Invited teammate', ago(7 * DAY), { role: 'admin' }),
  event('u_regex', 'Invited teammate', ago(7 * DAY + 1), { role: 'admin' }),
  event('u_regex', 'Exported', new Date('2026-05-31T23:59:59.999Z')),
  event('u_other', 'Exported', new Date('2026-06-01T00:00:00.000Z')),
  { ...event('u_foreign', 'Invited teammate', ago(DAY)), workspaceId: 'ws_2' },
  // Event properties have no catalog: a key may hold a value of another type than a filter's.
  event('u_full', 'Stray', ago(DAY), { labels: ['VIP'] }),
  event('u_other', 'Stray', ago(DAY), { kind: ['Admin'] }),
  event('u_regex', 'Stray', ago(DAY), { kind: 'admin', labels: 'vip' }),
];
