import { eventContracts, isEventPattern, isRequestPattern, requestContracts } from './index';

describe('the bus registry', () => {
  it('names every request <domain>.<entity>.<verb>, answered by the service of its domain', () => {
    const misnamed = Object.entries(requestContracts)
      .filter(
        ([pattern, contract]) =>
          !/^[a-z]+\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(pattern) ||
          pattern.split('.')[0] !== contract.service,
      )
      .map(([pattern, contract]) => `${pattern} (${contract.service})`);
    expect(misnamed).toEqual([]);
  });

  it('tells requests from events, and neither from an inherited property', () => {
    expect(isRequestPattern('users.profile.get')).toBe(true);
    expect(isEventPattern('users.profile.get')).toBe(false);
    expect(isEventPattern('workspace.key.rotated')).toBe(true);
    expect(isRequestPattern('constructor')).toBe(false);
    expect(isEventPattern('__proto__')).toBe(false);
  });
});

describe('workspace.key.rotated', () => {
  const payload = eventContracts['workspace.key.rotated'].payload;
  const oldKey = 'sk_abcdefghijklmnopqrstuvwxyz012345';
  const event = {
    workspaceId: 'ws_abcdefgh12',
    kind: 'secret',
    // sha256 of oldKey (printf '%s' KEY | sha256sum): the spec stays browser-safe like the library.
    previousKeyHash: '0baab64084148b95b7279ba1ab61a7f1f61a26620975e405a5c21ac9c154414a',
    rotatedAt: '2026-12-01T10:00:00.000Z',
  };

  it('carries the hash of the old key', () => {
    expect(payload.parse(event)).toEqual(event);
  });

  it('never carries a key itself, nor another kind', () => {
    expect(payload.safeParse({ ...event, previousKeyHash: oldKey }).success).toBe(false);
    expect(payload.safeParse({ ...event, kind: 'admin' }).success).toBe(false);
  });
});
