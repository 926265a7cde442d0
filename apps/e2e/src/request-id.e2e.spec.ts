// One request followed end to end by its id: a Segment.io delivery sent with X-Request-Id
// crosses the gateway, the integrations service (bus), its worker (BullMQ job) and the
// users service (bus again); each of them logs the id (the suite runs them at `debug`).
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { api, createWorkspace } from './support/api';
import { waitFor } from '@seg/testing';

const SERVICES_ON_THE_WAY = ['gateway', 'integrations', 'integrations-worker', 'users'];

async function servicesThatLogged(requestId: string): Promise<string[]> {
  const logDir = process.env['E2E_LOG_DIR'];
  if (!logDir) throw new Error('E2E_LOG_DIR is not set (see support/global-setup.cjs)');
  const logged = await Promise.all(
    SERVICES_ON_THE_WAY.map(async (service) => {
      const lines = (await readFile(path.join(logDir, `${service}.log`), 'utf8')).split('\n');
      return lines.some((line) => line.includes(`"requestId":"${requestId}"`)) ? [service] : [];
    }),
  );
  return logged.flat();
}

describe('request id', () => {
  it('is echoed to the caller and found in the logs of every service that handled the call', async () => {
    const workspace = await createWorkspace('request id e2e');
    const secret = 'request-id-e2e-shared-secret';
    const put = await api('PUT', '/v1/integrations/segment', {
      key: workspace.secretKey,
      body: { sharedSecret: secret },
    });
    expect(put.status).toBe(200);

    const requestId = `e2e-${randomBytes(6).toString('hex')}`;
    const body = JSON.stringify([
      { type: 'identify', userId: 'rid-u1', messageId: `rid-${requestId}`, traits: { a: 1 } },
    ]);
    const delivered = await api('POST', `/v1/integrations/segment/webhook/${workspace.id}`, {
      body,
      headers: {
        'x-request-id': requestId,
        'x-signature': createHmac('sha1', secret).update(body).digest('hex'),
      },
    });
    expect(delivered.status).toBe(200);
    expect(delivered.headers.get('x-request-id')).toBe(requestId);

    const logged = await waitFor(
      async () => {
        const services = await servicesThatLogged(requestId);
        return services.length === SERVICES_ON_THE_WAY.length ? services : undefined;
      },
      { timeoutMs: 30_000, what: `${requestId} in the logs of ${SERVICES_ON_THE_WAY.join(', ')}` },
    );
    expect(logged).toEqual(SERVICES_ON_THE_WAY);
  }, 60_000);
});
