import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('answers the first truthy value, probing again until then', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('answers the first value that passes `until`, falsy ones included', async () => {
    let count = 3;
    const value = await waitFor(() => --count, { until: (n) => n === 0, intervalMs: 1 });
    expect(value).toBe(0);
  });

  it('tries a probe that throws again', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('fails on the deadline with the last value it saw', async () => {
    let count = 0;
    const error = await waitFor(() => ({ status: 404, attempt: ++count }), {
      until: (response) => response.status === 200,
      timeoutMs: 50,
      intervalMs: 5,
      what: 'the profile',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Timed out after 50 ms waiting for the profile; last value: \\{ status: 404, attempt: ${count} \\}$`,
      ),
    );
  });

  it('fails on the deadline with the last error when every probe threw', async () => {
    const error = await waitFor(
      () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 30, intervalMs: 5, what: 'the server' },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Timed out after 30 ms waiting for the server; no value (every probe threw); last error: Error: connection refused',
    );
  });

  it('probes once even with a zero timeout', async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls > 1, { timeoutMs: 0, intervalMs: 1 })).rejects.toThrow(
      'last value: false',
    );
    expect(calls).toBe(1);
  });
});
