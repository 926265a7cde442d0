import { batchBody, identifyBody, MESSAGE_BODIES, trackBody } from './ingestion.shapes';

describe('ingestion shapes', () => {
  it('keeps the Segment Spec fields it does not use', () => {
    const parsed = identifyBody.parse({
      userId: 'u1',
      context: { ip: '1.2.3.4' },
      traits: { name: 'Ann', plan: 'pro' },
    });
    expect(parsed).toEqual({
      userId: 'u1',
      context: { ip: '1.2.3.4' },
      traits: { name: 'Ann', plan: 'pro' },
    });
  });

  it('names the path of a trait key that cannot be stored', () => {
    const result = identifyBody.safeParse({ userId: 'u1', traits: { company: { $plan: 'x' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ['traits', 'company', '$plan'],
    ]);
  });

  it('takes name and email as strings or null only', () => {
    expect(identifyBody.safeParse({ userId: 'u1', traits: { email: null } }).success).toBe(true);
    expect(identifyBody.safeParse({ userId: 'u1', traits: { email: 42 } }).success).toBe(false);
  });

  it('needs an event name to track and a message to batch', () => {
    expect(trackBody.safeParse({ userId: 'u1' }).success).toBe(false);
    expect(trackBody.safeParse({ userId: 'u1', event: 'Signed up' }).success).toBe(true);
    expect(batchBody.safeParse({ batch: [] }).success).toBe(false);
  });

  it('has one body per message type of a batch', () => {
    expect(Object.keys(MESSAGE_BODIES).sort()).toEqual(['identify', 'page', 'track']);
  });
});
