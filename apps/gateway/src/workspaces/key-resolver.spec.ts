import type { EventOf, EventPattern } from '@seg/contracts';
import type { BusBroadcast } from '@seg/platform';
import { generateKey, hashKey } from '../auth/api-keys';
import type { GatewayConfig } from '../config';
import { KeyResolver } from './key-resolver';
import type { Workspace, WorkspaceRepository } from './workspace.repository';

// The cache rules of KeyResolver, with the broadcast and the repository played by the
// test (the two-gateway rotation runs for real in apps/e2e gateway-key-rotation).
const WORKSPACE: Workspace = {
  id: 'ws_abcdefgh12',
  name: 'Acme',
  createdAt: new Date(),
  sdkLimits: {},
};

class ScriptedBroadcast {
  private readonly listeners = new Map<string, Array<(event: never) => void>>();
  private readonly reconnectListeners: Array<() => void> = [];

  on<P extends EventPattern>(pattern: P, listener: (event: EventOf<P>) => void): void {
    this.listeners.set(pattern, [...(this.listeners.get(pattern) ?? []), listener]);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  deliver<P extends EventPattern>(pattern: P, event: EventOf<P>): void {
    for (const listener of this.listeners.get(pattern) ?? []) listener(event as never);
  }

  reconnect(): void {
    for (const listener of this.reconnectListeners) listener();
  }
}

describe('KeyResolver', () => {
  const key = generateKey('secret');
  let stored: Workspace | null;
  let lookups: number;
  let nextLookup: Promise<void> | undefined;
  let broadcast: ScriptedBroadcast;
  let resolver: KeyResolver;

  const rotated = () =>
    broadcast.deliver('workspace.key.rotated', {
      workspaceId: WORKSPACE.id,
      kind: 'secret',
      previousKeyHash: hashKey(key),
      rotatedAt: new Date().toISOString(),
    });

  beforeEach(() => {
    stored = WORKSPACE;
    lookups = 0;
    nextLookup = undefined;
    broadcast = new ScriptedBroadcast();
    const workspaces = {
      findByKeyHash: async () => {
        lookups += 1;
        // Read now, answered when the test lets the lookup finish.
        const found = stored;
        await nextLookup;
        return found;
      },
    } as unknown as WorkspaceRepository;
    resolver = new KeyResolver(
      workspaces,
      broadcast as unknown as BusBroadcast,
      {
        AUTH_CACHE_TTL_MS: 30_000,
      } as GatewayConfig,
    );
    resolver.onModuleInit();
  });

  it('answers a key from its cache after the first lookup', async () => {
    await expect(resolver.resolve(key)).resolves.toMatchObject({ workspaceId: WORKSPACE.id });
    await expect(resolver.resolve(key)).resolves.toMatchObject({ workspaceId: WORKSPACE.id });
    expect(lookups).toBe(1);
  });

  it('forgets a key when another gateway announces its rotation', async () => {
    await resolver.resolve(key);
    stored = null;
    rotated();
    await expect(resolver.resolve(key)).resolves.toBeNull();
    expect(lookups).toBe(2);
  });

  it('does not keep what a lookup read before a rotation reached it', async () => {
    let finish: () => void = () => undefined;
    nextLookup = new Promise<void>((resolve) => (finish = resolve));
    const inFlight = resolver.resolve(key);
    stored = null;
    rotated();
    finish();
    // That request was made before the rotation: it may pass, but the answer is not kept.
    await expect(inFlight).resolves.toMatchObject({ workspaceId: WORKSPACE.id });
    nextLookup = undefined;
    await expect(resolver.resolve(key)).resolves.toBeNull();
  });

  it('starts over after the broadcast reconnects (rotations may have been missed)', async () => {
    await resolver.resolve(key);
    stored = null;
    broadcast.reconnect();
    await expect(resolver.resolve(key)).resolves.toBeNull();
  });
});
