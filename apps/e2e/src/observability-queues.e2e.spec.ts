// The queue dashboard (bull-board) at /admin/queues on the gateway: the admin token only
// (Bearer, or the password of HTTP Basic so a browser can sign in), over every queue.
import { api, adminToken, createWorkspace } from './support/api';

const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

describe('queue dashboard', () => {
  it('refuses anyone without the admin token, asking a browser for it', async () => {
    const workspace = await createWorkspace('queue dashboard e2e');
    for (const authorization of [
      undefined,
      `Bearer ${workspace.secretKey}`,
      basic(workspace.secretKey),
      basic(`${adminToken()}x`),
    ]) {
      const response = await api('GET', '/admin/queues/api/queues', {
        headers: authorization ? { authorization } : {},
      });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(response.headers.get('www-authenticate')).toContain('Basic');
    }
  });

  it('serves the dashboard and every queue of the contracts to the admin', async () => {
    const page = await api<string>('GET', '/admin/queues', {
      headers: { authorization: basic(adminToken()) },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    const queues = await api<{ queues: Array<{ name: string }> }>(
      'GET',
      '/admin/queues/api/queues',
      { key: adminToken() },
    );
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['integrations.system', 'integrations.sync', 'integrations.segment']),
    );
  });
});
