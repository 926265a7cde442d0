import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { sdkLimitsBody, sdkLimitsResponse } from '@seg/http-shapes';
import { APP_CONFIG } from '@seg/platform';
import type { z } from 'zod';
import type { GatewayConfig } from '../../../config';
import { KeyResolver } from '../../key-resolver';
import { WorkspaceRepository } from '../../workspace.repository';

export type SetSdkLimitsCommand = z.output<typeof sdkLimitsBody> & { workspaceId: string };

/**
 * The operator's per-workspace SDK rate limits (a customer with a large audience gets a
 * higher ceiling, one that misbehaves a lower one). This gateway applies them at once;
 * others when their key cache next reads the workspace (AUTH_CACHE_TTL_MS).
 */
@Injectable()
export class SetSdkLimitsUseCase {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly keys: KeyResolver,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute({
    workspaceId,
    ...limits
  }: SetSdkLimitsCommand): Promise<z.output<typeof sdkLimitsResponse>> {
    const updated = await this.workspaces.setSdkLimits(workspaceId, limits);
    if (!updated) throw new DomainError('NOT_FOUND', `Workspace ${workspaceId} not found`);
    this.keys.forgetWorkspace(workspaceId);
    const own = updated.sdkLimits;
    return {
      workspaceId,
      windowMs: this.config.RATE_LIMIT_WINDOW_MS,
      perWindow: own.perWindow ?? this.config.RATE_LIMIT_SDK,
      perUserPerWindow: own.perUserPerWindow ?? this.config.RATE_LIMIT_SDK_PER_USER,
      custom: {
        perWindow: own.perWindow !== undefined,
        perUserPerWindow: own.perUserPerWindow !== undefined,
      },
    };
  }
}
