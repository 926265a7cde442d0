import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { APP_CONFIG, BusBroadcast } from '@seg/platform';
import type { KeyKind } from '@seg/http-shapes';
import { hashKey, keyKindOf } from '../auth/api-keys';
import type { GatewayConfig } from '../config';
import { KeyCache } from './key-cache';
import { WorkspaceRepository } from './workspace.repository';
import type { SdkLimits } from './workspace.schema';

export interface ResolvedKey {
  workspaceId: string;
  keyKind: KeyKind;
  keyHash: string;
  /** The workspace's own SDK rate limits (empty: the defaults). */
  sdkLimits: SdkLimits;
}

interface CachedWorkspace {
  id: string;
  sdkLimits: SdkLimits;
}

/** Unknown keys are remembered briefly too, so guessing does not reach the database each time. */
const UNKNOWN_KEY_TTL_MS = 5_000;

/**
 * Key → workspace, cached in memory for AUTH_CACHE_TTL_MS. A rotated key is dropped by
 * every gateway instance at once: each hears `workspace.key.rotated` (BusBroadcast), and
 * after a reconnect (events may have been missed) the whole cache starts over.
 */
@Injectable()
export class KeyResolver implements OnModuleInit {
  private readonly logger = new Logger(KeyResolver.name);
  private readonly cache: KeyCache<CachedWorkspace>;
  private readonly unknownTtlMs: number;
  /** Bumped by every forget: a lookup that overlapped one may have read the old key. */
  private forgets = 0;

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly broadcast: BusBroadcast,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.cache = new KeyCache<CachedWorkspace>(config.AUTH_CACHE_TTL_MS);
    this.unknownTtlMs = Math.min(UNKNOWN_KEY_TTL_MS, config.AUTH_CACHE_TTL_MS);
  }

  onModuleInit(): void {
    this.broadcast.on('workspace.key.rotated', (event) => this.forget(event.previousKeyHash));
    this.broadcast.onReconnect(() => {
      this.forgets += 1;
      this.cache.clear();
    });
  }

  async resolve(key: string): Promise<ResolvedKey | null> {
    const keyKind = keyKindOf(key);
    if (!keyKind) return null;
    const keyHash = hashKey(key);
    let workspace = this.cache.get(keyHash);
    if (workspace === undefined) {
      const forgetsBefore = this.forgets;
      const found = await this.lookUp(keyKind, keyHash);
      workspace = found ? { id: found.id, sdkLimits: found.sdkLimits } : null;
      // What was read before a rotation reached this process is used once, never kept.
      if (this.forgets === forgetsBefore) {
        this.cache.set(keyHash, workspace, workspace ? undefined : this.unknownTtlMs);
      }
    }
    return workspace
      ? { workspaceId: workspace.id, keyKind, keyHash, sdkLimits: workspace.sdkLimits }
      : null;
  }

  /**
   * Forgets every key of a workspace in this process (its limits changed); other gateways
   * take the change within AUTH_CACHE_TTL_MS.
   */
  forgetWorkspace(workspaceId: string): void {
    this.forgets += 1;
    this.cache.deleteWhere((workspace) => workspace.id === workspaceId);
  }

  private async lookUp(
    keyKind: KeyKind,
    keyHash: string,
  ): Promise<{ id: string; sdkLimits: SdkLimits } | null> {
    try {
      return await this.workspaces.findByKeyHash(keyKind, keyHash);
    } catch (error) {
      this.logger.error({ err: error }, 'Key lookup failed');
      throw new DomainError('SERVICE_UNAVAILABLE', 'Keys cannot be checked right now');
    }
  }

  /** Forgets a key at once in this process (after a rotation, here or in another gateway). */
  forget(keyHash: string): void {
    this.forgets += 1;
    this.cache.delete(keyHash);
  }
}
