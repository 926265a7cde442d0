import type { BusBroadcast } from '@seg/platform';
import { TargetingAnswers } from './targeting-answers';

const WS = 'ws_answers01';
const answer = [{ id: 'exp_1' }] as never;

describe('TargetingAnswers', () => {
  const answers = () =>
    new TargetingAnswers({
      on: () => undefined,
      onReconnect: () => undefined,
    } as unknown as BusBroadcast);

  it('keeps a reusable answer, and one with validUntil only until that instant', () => {
    const cache = answers();
    const askedAt = Date.now() - 1_000;
    cache.put(WS, 'reusable', answer, askedAt);
    cache.put(WS, 'flips', answer, askedAt, Date.now() + 5_000);
    expect(cache.get(WS, 'reusable')).toBe(answer);
    expect(cache.get(WS, 'flips')).toBe(answer);
    expect(cache.get(WS, 'flips', Date.now() + 5_000)).toBeUndefined();
    expect(cache.get(WS, 'reusable', Date.now() + 5_000)).toBe(answer);
  });
});
