import { Inject, Injectable } from '@nestjs/common';
import {
  connectionInputByProvider,
  ConnectionView,
  DomainError,
  ParsedRequestOf,
  SYNC_PROVIDERS,
  SyncProvider,
  zodIssuesToDetails,
} from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import type { IntegrationsConfig } from '../../../config';
import { SecretBox } from '../../../crypto/secret-box';
import { SyncQueue } from '../../../jobs/sync-queue';
import { RunRepository } from '../../../runs/run.repository';
import { ConnectionRepository } from '../../connection.repository';
import { connectionId } from '../../connection.schema';
import { SECRET_FIELD, toConnectionView } from '../../connection-view';

const DEFAULT_INTERVAL_MINUTES = 60;

export type PutConnectionCommand = ParsedRequestOf<'integrations.connection.put'>;

/** Connects (or re-configures) a tool: secret sealed, sync scheduled every intervalMinutes. */
@Injectable()
export class PutConnectionUseCase {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
    private readonly secrets: SecretBox,
    private readonly syncQueue: SyncQueue,
    @Inject(APP_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  async execute(command: PutConnectionCommand): Promise<ConnectionView> {
    const { workspaceId, provider } = command;
    const parsed = connectionInputByProvider[provider].safeParse(command.input);
    if (!parsed.success) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Invalid ${provider} settings`,
        zodIssuesToDetails(parsed.error, 'body'),
      );
    }
    const { [SECRET_FIELD[provider]]: secret, ...settings } = parsed.data as Record<
      string,
      unknown
    >;
    if (settings['apiBaseUrl'] !== undefined && this.config.NODE_ENV !== 'test') {
      throw new DomainError('VALIDATION_FAILED', 'apiBaseUrl is accepted in tests only', [
        { path: 'body.apiBaseUrl', message: 'not allowed outside NODE_ENV=test' },
      ]);
    }
    const isSync = (SYNC_PROVIDERS as readonly string[]).includes(provider);
    const intervalMinutes = isSync
      ? ((settings['intervalMinutes'] as number | undefined) ?? DEFAULT_INTERVAL_MINUTES)
      : null;
    delete settings['intervalMinutes'];
    const plain = String(secret);
    const aad = connectionId(workspaceId, provider);

    const existing = await this.connections.get(workspaceId, provider);
    const changed =
      !existing ||
      JSON.stringify(existing.settings) !== JSON.stringify(settings) ||
      this.secrets.openOrNull(existing.secret, aad) !== plain;
    await this.connections.upsert(
      workspaceId,
      provider,
      {
        settings,
        secret: this.secrets.seal(plain, aad),
        secretLast4: plain.slice(-4),
        intervalMinutes,
      },
      changed,
    );
    if (isSync && intervalMinutes !== null) {
      await this.syncQueue.schedule(workspaceId, provider as SyncProvider, intervalMinutes);
    }
    const saved = await this.connections.get(workspaceId, provider);
    if (!saved) throw new DomainError('INTERNAL', 'Connection vanished while being saved');
    const lastRun = saved.lastRunId ? await this.runs.get(workspaceId, saved.lastRunId) : null;
    return toConnectionView(saved, lastRun);
  }
}
