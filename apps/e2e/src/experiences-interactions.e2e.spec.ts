// Interactions from the SDK: validation (nothing written on error), idempotency by
// messageId, "completing the last step counts as completed", and the profile update
// reaching `experience` conditions (seen / notSeen / completed / notCompleted / answered).
import { waitFor } from '@seg/testing';
import { api, createWorkspace, TestWorkspace } from './support/api';

interface Recorded {
  messageId: string;
  duplicate: boolean;
  completed: boolean;
}

const survey = {
  name: 'Feedback',
  type: 'survey',
  steps: [
    { id: 'intro', kind: 'message' },
    { id: 'q1', kind: 'question', question: 'Useful?', options: ['Very useful', 'Meh', 'No'] },
    { id: 'q2', kind: 'question', question: 'Anything else?' },
  ],
  audience: { mode: 'all' },
};

describe('experiences: interactions', () => {
  let ws: TestWorkspace;
  let experienceId: string;
  let other: string;

  const record = (body: Record<string, unknown>, key?: string) =>
    api<Recorded>('POST', '/v1/interactions', { key: key ?? ws.publicKey, body });

  beforeAll(async () => {
    ws = await createWorkspace('Experiences interactions');
    const created = await api<{ id: string }>('POST', '/v1/experiences', {
      key: ws.secretKey,
      body: survey,
    });
    experienceId = created.body.id;
    const second = await api<{ id: string }>('POST', '/v1/experiences', {
      key: ws.secretKey,
      body: { ...survey, name: 'Other' },
    });
    other = second.body.id;
  });

  describe('bad input', () => {
    it('unknown experience: 404, and nothing is written', async () => {
      const missing = await record({
        userId: 'u1',
        experienceId: 'exp_doesnotexist00',
        type: 'seen',
        messageId: 'bad-1',
      });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ error: 'NotFound' });
      // The messageId was not consumed: the same id is accepted as new afterwards.
      const ok = await record({ userId: 'u1', experienceId, type: 'seen', messageId: 'bad-1' });
      expect(ok.status).toBe(202);
      expect(ok.body.duplicate).toBe(false);
    });

    it('answered without stepId or answer, unknown step, not an option, not a question: 400', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ type: 'answered', answer: 'Meh' }, 'body.stepId'],
        [{ type: 'answered', stepId: 'q1' }, 'body.answer'],
        [{ type: 'stepCompleted' }, 'body.stepId'],
        [{ type: 'seen', answer: 'x' }, 'body.answer'],
        [{ type: 'answered', stepId: 'nope', answer: 'Meh' }, 'stepId'],
        [{ type: 'answered', stepId: 'intro', answer: 'Meh' }, 'stepId'],
        [{ type: 'answered', stepId: 'q1', answer: 'Great' }, 'answer'],
        [{ type: 'answered', stepId: 'q1', answer: ['Meh', 'Great'] }, 'answer[1]'],
        [{ type: 'answered', stepId: 'q1', answer: { a: 1 } }, 'body.answer'],
        [{ type: 'clicked' }, 'body.type'],
      ];
      for (const [body, path] of cases) {
        const response = await record({
          userId: 'u-bad',
          experienceId,
          messageId: 'bad-2',
          ...body,
        });
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.body).toMatchObject({
          error: 'ValidationError',
          details: expect.arrayContaining([expect.objectContaining({ path })]),
        });
      }
      const ok = await record({ userId: 'u-bad', experienceId, type: 'seen', messageId: 'bad-2' });
      expect(ok.body.duplicate).toBe(false);
    });

    it('needs a key', async () => {
      const response = await api('POST', '/v1/interactions', {
        body: { userId: 'u1', experienceId, type: 'seen' },
      });
      expect(response.status).toBe(401);
    });
  });

  it('is idempotent by messageId', async () => {
    const body = { userId: 'u-idem', experienceId, type: 'seen', messageId: 'idem-1' };
    const first = await record(body);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ messageId: 'idem-1', duplicate: false, completed: false });
    const again = await record(body, ws.secretKey);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ messageId: 'idem-1', duplicate: true, completed: false });
  });

  it('completing the last step counts as completed', async () => {
    const middle = await record({
      userId: 'u-steps',
      experienceId,
      type: 'stepCompleted',
      stepId: 'q1',
    });
    expect(middle.body.completed).toBe(false);
    const last = await record({
      userId: 'u-steps',
      experienceId,
      type: 'stepCompleted',
      stepId: 'q2',
    });
    expect(last.body.completed).toBe(true);
    const explicit = await record({ userId: 'u-steps', experienceId, type: 'completed' });
    expect(explicit.body.completed).toBe(true);
  });

  it('feeds experience conditions end to end', async () => {
    const segment = async (name: string, condition: Record<string, unknown>) => {
      const created = await api<{ id: string }>('POST', '/v1/segments', {
        key: ws.secretKey,
        body: {
          name,
          rules: {
            type: 'group',
            operator: 'and',
            conditions: [{ type: 'experience', experienceId, ...condition }],
          },
        },
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      return created.body.id;
    };
    const seg = {
      seen: await segment('seen', { operator: 'seen' }),
      notSeen: await segment('not seen', { operator: 'notSeen' }),
      completed: await segment('completed', { operator: 'completed' }),
      notCompleted: await segment('not completed', { operator: 'notCompleted' }),
      answeredUseful: await segment('answered useful', {
        operator: 'answered',
        stepId: 'q1',
        values: ['Very useful'],
      }),
      answeredAny: await segment('answered q1', { operator: 'answered', stepId: 'q1' }),
    };

    // A user known only through another experience: has a profile, never saw this one.
    await record({ userId: 'c-none', experienceId: other, type: 'seen' });
    await record({ userId: 'c-seen', experienceId, type: 'seen' });
    await record({ userId: 'c-done', experienceId, type: 'stepCompleted', stepId: 'q2' });
    await record({ userId: 'c-meh', experienceId, type: 'answered', stepId: 'q1', answer: 'Meh' });
    await record({
      userId: 'c-multi',
      experienceId,
      type: 'answered',
      stepId: 'q1',
      answer: ['No', 'Very useful'],
    });
    await record({ userId: 'c-text', experienceId, type: 'answered', stepId: 'q2', answer: 42 });

    const expected: Record<string, Record<keyof typeof seg, boolean>> = {
      'c-none': {
        seen: false,
        notSeen: true,
        completed: false,
        notCompleted: true,
        answeredUseful: false,
        answeredAny: false,
      },
      'c-seen': {
        seen: true,
        notSeen: false,
        completed: false,
        notCompleted: true,
        answeredUseful: false,
        answeredAny: false,
      },
      'c-done': {
        seen: true,
        notSeen: false,
        completed: true,
        notCompleted: false,
        answeredUseful: false,
        answeredAny: false,
      },
      'c-meh': {
        seen: true,
        notSeen: false,
        completed: false,
        notCompleted: true,
        answeredUseful: false,
        answeredAny: true,
      },
      'c-multi': {
        seen: true,
        notSeen: false,
        completed: false,
        notCompleted: true,
        answeredUseful: true,
        answeredAny: true,
      },
      'c-text': {
        seen: true,
        notSeen: false,
        completed: false,
        notCompleted: true,
        answeredUseful: false,
        answeredAny: false,
      },
    };
    const membership = async (userId: string) => {
      const result: Record<string, boolean> = {};
      for (const [name, segmentId] of Object.entries(seg)) {
        const response = await api<{ member: boolean }>(
          'GET',
          `/v1/segments/${segmentId}/users/${userId}`,
          { key: ws.secretKey },
        );
        result[name] = response.status === 200 && response.body.member;
      }
      return result;
    };
    for (const [userId, want] of Object.entries(expected)) {
      const got = await waitFor(() => membership(userId), {
        until: (value) => JSON.stringify(value) === JSON.stringify(want),
        timeoutMs: 10_000,
        what: `the memberships of ${userId}`,
      });
      expect({ userId, ...got }).toEqual({ userId, ...want });
    }

    // A later answer replaces the earlier one for the same step.
    await record({
      userId: 'c-meh',
      experienceId,
      type: 'answered',
      stepId: 'q1',
      answer: 'Very useful',
    });
    const replaced = await waitFor(() => membership('c-meh'), {
      until: (value) => value['answeredUseful'] === true,
      timeoutMs: 10_000,
      what: "c-meh in 'answered useful' after the later answer",
    });
    expect(replaced['answeredUseful']).toBe(true);
  });
});
