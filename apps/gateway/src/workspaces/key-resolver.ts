import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import { hashKey, KeyKind, keyKindOf } from '../auth/api-keys';
import type { GatewayConfig } from '../config';
import { KeyCache } from './key-cache';
import { WorkspaceRepository } from './workspace.repository';

export interface ResolvedKey {
  workspaceId: string;
  keyKind: KeyKind;
  keyHash: string;
}

/** Unknown keys are remembered briefly too, so guessing does not reach the database each time. */
const UNKNOWN_KEY_TTL_MS = 5_000;

/** Key → workspace, cached in memory for AUTH_CACHE_TTL_MS. */
@Injectable()
export class KeyResolver {
  private readonly logger = new Logger(KeyResolver.name);
  private readonly cache: KeyCache;
  private readonly unknownTtlMs: number;

  constructor(
    private readonly workspaces: WorkspaceRepository,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.cache = new KeyCache(config.AUTH_CACHE_TTL_MS);
    this.unknownTtlMs = Math.min(UNKNOWN_KEY_TTL_MS, config.AUTH_CACHE_TTL_MS);
  }

  async resolve(key: string): Promise<ResolvedKey | null> {
    const keyKind = keyKindOf(key);
    if (!keyKind) return null;
    const keyHash = hashKey(key);
    let workspaceId = this.cache.get(keyHash);
    if (workspaceId === undefined) {
      workspaceId = (await this.lookUp(keyKind, keyHash))?.id ?? null;
      this.cache.set(keyHash, workspaceId, workspaceId ? undefined : this.unknownTtlMs);
    }
    return workspaceId ? { workspaceId, keyKind, keyHash } : null;
  }

  private async lookUp(keyKind: KeyKind, keyHash: string): Promise<{ id: string } | null> {
    try {
      return await this.workspaces.findByKeyHash(keyKind, keyHash);
    } catch (error) {
      this.logger.error({ err: error }, 'Key lookup failed');
      throw new DomainError('SERVICE_UNAVAILABLE', 'Keys cannot be checked right now');
    }
  }

  /** Forgets a key at once in this process (after a rotation). */
  forget(keyHash: string): void {
    this.cache.delete(keyHash);
  }
}
