import type { ConnectionView, IntegrationProvider } from '@seg/contracts';
import type { RunDocument } from '../runs/run.schema';
import { toRunView } from '../runs/run.repository';
import type { ConnectionDocument } from './connection.schema';

/** The name under which each provider's secret is accepted (and shown masked). */
export const SECRET_FIELD: Record<IntegrationProvider, string> = {
  segment: 'sharedSecret',
  hubspot: 'accessToken',
  customerio: 'appApiKey',
};

/** The last successful run's end: recorded by `finishRun`, else the last run's if it succeeded. */
function lastSucceededAt(
  connection: ConnectionDocument,
  lastRun: RunDocument | null,
): string | null {
  const at =
    connection.lastSucceededAt ??
    (lastRun?.status === 'succeeded' ? lastRun.finishedAt : null) ??
    null;
  return at ? at.toISOString() : null;
}

/** A connection as the API shows it: never the secret, only that it is set. */
export function toConnectionView(
  connection: ConnectionDocument,
  lastRun: RunDocument | null,
): ConnectionView {
  return {
    provider: connection.provider,
    settings: {
      ...connection.settings,
      [SECRET_FIELD[connection.provider]]: { set: true, last4: connection.secretLast4 },
    },
    status: connection.status,
    intervalMinutes: connection.intervalMinutes,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
    lastRun: lastRun ? toRunView(lastRun) : null,
    lastSucceededAt: lastSucceededAt(connection, lastRun),
    ...(connection.provider === 'segment'
      ? { webhookPath: `/v1/integrations/segment/webhook/${connection.workspaceId}` }
      : {}),
  };
}
