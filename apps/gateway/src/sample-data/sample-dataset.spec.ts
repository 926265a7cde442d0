import { SAMPLE_USER_COUNT, sampleDataset, sampleInteractions } from './sample-dataset';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const MONTH_MS = 31 * 24 * 60 * 60 * 1000;

describe('the sample dataset', () => {
  const data = sampleDataset(NOW);

  it('has 40 distinct people: ids, names and emails (HubSpot matches by email)', () => {
    expect(data.users).toHaveLength(SAMPLE_USER_COUNT);
    for (const field of ['userId', 'name', 'email'] as const) {
      expect(new Set(data.users.map((user) => user[field])).size).toBe(SAMPLE_USER_COUNT);
    }
  });

  it('replays the last month in time order, never in the future', () => {
    for (const calls of [data.sdk, data.segment]) {
      const times = calls.map((call) => call.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBeGreaterThan(NOW - MONTH_MS);
      expect(Math.max(...times)).toBeLessThan(NOW);
    }
  });

  it('gives every user an identify first, and data from every source', () => {
    const firstCall = new Map<string, string>();
    for (const call of data.sdk)
      if (!firstCall.has(call.userId)) firstCall.set(call.userId, call.kind);
    expect(new Set(firstCall.values())).toEqual(new Set(['identify']));
    expect(data.sdk.some((call) => call.kind === 'track')).toBe(true);
    expect(data.sdk.some((call) => call.kind === 'page')).toBe(true);
    expect(data.segment.some((call) => call.type === 'identify')).toBe(true);
    expect(data.segment.some((call) => call.type === 'track')).toBe(true);
    expect(data.hubspot.records.length).toBeGreaterThan(20);
    expect(data.customerio.records.length).toBeGreaterThan(20);
    // Some users are dormant: nothing in the last week.
    const week = NOW - 7 * 24 * 60 * 60 * 1000;
    const recent = new Set(data.sdk.filter((call) => call.at > week).map((call) => call.userId));
    expect(recent.size).toBeGreaterThan(10);
    expect(recent.size).toBeLessThan(SAMPLE_USER_COUNT);
  });

  it('is the same story every time (seeded), relative to the moment of loading', () => {
    const later = sampleDataset(NOW + 1_000);
    expect(later.sdk.map((call) => call.at - 1_000)).toEqual(data.sdk.map((call) => call.at));
    expect(later.users).toEqual(data.users);
  });

  it('has interactions with every sample experience but the draft announcement, in time order', () => {
    const interactions = sampleInteractions(data.users, NOW);
    expect(new Set(interactions.map((entry) => entry.experience))).toEqual(
      new Set(['tour', 'survey']),
    );
    const times = interactions.map((entry) => entry.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(interactions.some((entry) => entry.type === 'answered')).toBe(true);
  });
});
