import type { RecordedCall, Routes } from '../../../test/render-app';

const base = {
  rules: { type: 'group', operator: 'and', conditions: [] },
  version: 1,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  referencedBy: [] as string[],
};

export const SEGMENTS = [
  {
    ...base,
    id: 'seg_trial',
    name: 'Trial users',
    description: 'On a trial',
    usedBy: ['exp_tour'],
  },
  { ...base, id: 'seg_admins', name: 'Admins', usedBy: [] as string[] },
  { ...base, id: 'seg_churn', name: 'Churn risk', usedBy: [] as string[] },
];

/** Who is in each segment: Trial users and Admins share u3. */
export const MEMBERS: Record<string, string[]> = {
  seg_trial: ['u1', 'u2', 'u3'],
  seg_admins: ['u3', 'u4'],
  seg_churn: ['u9'],
};
export const ALL_USERS = 10;

const experience = (fields: Record<string, unknown>) => ({
  type: 'tour',
  steps: [{ id: 'step-1', kind: 'message', text: 'Welcome!' }],
  status: 'draft',
  targetsNobody: false,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  publishedAt: null,
  ...fields,
});

export const EXPERIENCES = {
  exp_tour: experience({
    id: 'exp_tour',
    name: 'Welcome tour',
    audience: { mode: 'segments', segmentIds: ['seg_trial', 'seg_admins'] },
    status: 'published',
  }),
  exp_banner: experience({
    id: 'exp_banner',
    name: 'Maintenance banner',
    type: 'banner',
    audience: { mode: 'all' },
  }),
  exp_orphan: experience({
    id: 'exp_orphan',
    name: 'Old survey',
    type: 'survey',
    steps: [{ id: 'q1', kind: 'question', question: 'Useful?', options: ['Yes', 'No'] }],
    audience: { mode: 'segments', segmentIds: [] },
    targetsNobody: true,
    status: 'published',
  }),
};

interface PreviewBody {
  rules: { conditions: Array<{ segmentId?: string }> };
}

/** The preview's count of an `or` of segment conditions (an empty root: every user). */
export function reachOfBody(call: RecordedCall): number {
  const { rules } = call.body as PreviewBody;
  if (rules.conditions.length === 0) return ALL_USERS;
  const users = new Set(rules.conditions.flatMap((c) => MEMBERS[c.segmentId ?? ''] ?? []));
  return users.size;
}

interface OverlapBody {
  audience: { mode: 'all' } | { mode: 'segments'; segmentIds: string[] };
  experienceId?: string;
}

/**
 * The overlap of an audience (`POST /v1/experiences/audience-overlap`), counted user by user
 * from MEMBERS (ALL_USERS users u0…u9 for `all`), against the other published experiences.
 */
export function overlapOfBody(call: RecordedCall) {
  const { audience, experienceId } = call.body as OverlapBody;
  const everyone = Array.from({ length: ALL_USERS }, (_, i) => `u${i}`);
  const usersOf = (a: OverlapBody['audience']) =>
    new Set(a.mode === 'all' ? everyone : a.segmentIds.flatMap((id) => MEMBERS[id] ?? []));
  const mine = usersOf(audience);
  const selected = audience.mode === 'segments' ? audience.segmentIds : [];
  const all = Object.values(EXPERIENCES) as unknown as Array<{
    id: string;
    name: string;
    status: string;
    audience: OverlapBody['audience'];
  }>;
  const others = all.filter((e) => e.status === 'published' && e.id !== experienceId);
  const overlaps = others
    .map((e) => {
      const theirs = usersOf(e.audience);
      const overlap = [...mine].filter((u) => theirs.has(u)).length;
      return { id: e.id, name: e.name, overlap, share: mine.size ? overlap / mine.size : 0 };
    })
    .sort((a, b) => b.overlap - a.overlap);
  return ok({
    total: mine.size,
    segments: selected.map((id) => ({
      id,
      name: SEGMENTS.find((s) => s.id === id)?.name ?? id,
      members: MEMBERS[id]?.length ?? 0,
      adds: (MEMBERS[id] ?? []).filter((u) =>
        selected.every((other) => other === id || !(MEMBERS[other] ?? []).includes(u)),
      ).length,
    })),
    experiences: overlaps,
    status: 'ready',
    pending: [],
    estimated: false,
    asOf: '2026-11-20T10:00:00.000Z',
  });
}

/**
 * An answer whose body has a `status` field (an experience) must say its HTTP status: the
 * stand-in API reads `{ status, body }` otherwise.
 */
export const ok = (body: unknown) => ({ status: 200, body });

export function experienceRoutes(overrides: Routes = {}): Routes {
  return {
    'GET /v1/experiences': () => ({ experiences: Object.values(EXPERIENCES), nextCursor: null }),
    'GET /v1/experiences/:id': (_call, { id }) =>
      id in EXPERIENCES
        ? ok(EXPERIENCES[id as keyof typeof EXPERIENCES])
        : { status: 404, body: { error: 'NotFound', message: `Experience ${id} not found` } },
    'GET /v1/experiences/:id/stats': (_call, { id }) => ({
      experienceId: id,
      users: { seen: 0, completed: 0, answered: 0 },
      questions: [],
    }),
    'GET /v1/segments': () => ({ segments: SEGMENTS, nextCursor: null }),
    'GET /v1/segments/:id/count': (_call, { id }) =>
      ok({ count: MEMBERS[id]?.length ?? 0, asOf: '2026-11-20T10:00:00.000Z', status: 'ready' }),
    'POST /v1/segments/preview': (call) => ({
      count: reachOfBody(call),
      exact: true,
      users: [],
      nextCursor: null,
    }),
    'POST /v1/experiences/audience-overlap': overlapOfBody,
    ...overrides,
  };
}
