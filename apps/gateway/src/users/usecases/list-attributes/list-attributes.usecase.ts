import { Injectable, Logger } from '@nestjs/common';
import type { AttributeCatalogItem, ConnectionView } from '@seg/contracts';
import type { AttributeCatalogEntryResponse, AttributeSourceSync } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';

/** The sync state of a connection as the catalog shows it beside its attributes. */
export function sourceSync(connection: ConnectionView): AttributeSourceSync {
  const failed = connection.lastRun?.status === 'failed';
  return {
    provider: connection.provider,
    status: connection.status,
    intervalMinutes: connection.intervalMinutes,
    lastSucceededAt: connection.lastSucceededAt,
    latestRunFailed: failed,
    ...(failed && connection.lastRun?.error ? { latestRunError: connection.lastRun.error } : {}),
  };
}

/**
 * Each attribute with its source's connection: null for sources without one; left out
 * (`undefined` connections) when the integrations could not be read.
 */
export function withSourceSync(
  items: readonly AttributeCatalogItem[],
  connections: readonly ConnectionView[] | undefined,
): AttributeCatalogEntryResponse[] {
  if (!connections) return [...items];
  const byProvider = new Map(connections.map((c) => [c.provider as string, sourceSync(c)]));
  return items.map((item) => ({
    ...item,
    sync: (item.source && byProvider.get(item.source)) || null,
  }));
}

/**
 * `GET /v1/attributes`: the users service's catalog (coverage and last write per attribute)
 * and, asked in parallel, the integrations service's connections (each synced source's last
 * successful run and whether the latest failed). The catalog is answered without the
 * connections when they cannot be read.
 */
@Injectable()
export class ListAttributesUseCase {
  private readonly logger = new Logger(ListAttributesUseCase.name);

  constructor(private readonly bus: BusClient) {}

  async execute(workspaceId: string): Promise<AttributeCatalogEntryResponse[]> {
    const connections = this.bus.request('integrations.connection.list', { workspaceId }).then(
      (answer) => answer.integrations,
      (error: unknown) => {
        this.logger.warn({ err: error, workspaceId }, 'Connections unavailable for the catalog');
        return undefined;
      },
    );
    const { items } = await this.bus.request('users.attributes.list', { workspaceId });
    return withSourceSync(items, await connections);
  }
}
