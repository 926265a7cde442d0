// Workspaces, keys and scopes through the running system.
import { adminToken, api, createWorkspace, TestWorkspace } from './support/api';

const errorBody = (error: string) => ({ error, message: expect.any(String) });

describe('gateway: workspaces and keys', () => {
  let workspace: TestWorkspace;

  beforeAll(async () => {
    workspace = await createWorkspace('Acme');
  });

  describe('POST /v1/workspaces', () => {
    it('creates a workspace with a public and a secret key', () => {
      expect(workspace).toEqual({
        id: expect.stringMatching(/^ws_[A-Za-z0-9]{8,40}$/),
        name: 'Acme',
        publicKey: expect.stringMatching(/^pk_[A-Za-z0-9]{32}$/),
        secretKey: expect.stringMatching(/^sk_[A-Za-z0-9]{32}$/),
      });
    });

    it('gives every workspace its own id and keys', async () => {
      const other = await createWorkspace();
      expect(other.id).not.toBe(workspace.id);
      expect(other.publicKey).not.toBe(workspace.publicKey);
      expect(other.secretKey).not.toBe(workspace.secretKey);
    });

    it('answers 401 without the admin token', async () => {
      const response = await api('POST', '/v1/workspaces', { body: { name: 'x' } });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(errorBody('Unauthorized'));
    });

    it('answers 401 for a wrong admin token', async () => {
      const response = await api('POST', '/v1/workspaces', {
        key: `${adminToken()}x`,
        body: { name: 'x' },
      });
      expect(response.status).toBe(401);
    });

    it('answers 403 for a workspace key', async () => {
      for (const key of [workspace.secretKey, workspace.publicKey]) {
        const response = await api('POST', '/v1/workspaces', { key, body: { name: 'x' } });
        expect(response.status).toBe(403);
        expect(response.body).toEqual(errorBody('Forbidden'));
      }
    });

    it('answers 400 naming the path for an invalid name', async () => {
      const response = await api('POST', '/v1/workspaces', {
        key: adminToken(),
        body: { name: 42, extra: true },
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'ValidationError',
        message: expect.any(String),
        details: expect.arrayContaining([
          { path: 'body.name', message: expect.any(String) },
          { path: 'body.extra', message: 'unknown field' },
        ]),
      });
    });
  });

  describe('scopes', () => {
    it('resolves the secret key to its workspace', async () => {
      const response = await api('GET', '/v1/workspaces/current', { key: workspace.secretKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: workspace.id,
        name: 'Acme',
        createdAt: expect.any(String),
      });
    });

    it('refuses the public key on a secret-only endpoint with 403', async () => {
      const response = await api('GET', '/v1/workspaces/current', { key: workspace.publicKey });
      expect(response.status).toBe(403);
      expect(response.body).toEqual(errorBody('Forbidden'));
    });

    it('answers 401 for a missing, unknown or malformed key', async () => {
      for (const key of [undefined, 'sk_unknownunknownunknownunknown12', 'pk_', 'nonsense']) {
        const response = await api('GET', '/v1/workspaces/current', { key });
        expect(response.status).toBe(401);
        expect(response.body).toEqual(errorBody('Unauthorized'));
      }
    });

    it('does not accept HTTP Basic outside the SDK endpoints', async () => {
      const response = await api('GET', '/v1/workspaces/current', {
        key: workspace.secretKey,
        basic: true,
      });
      expect(response.status).toBe(401);
    });

    it('does not let the admin token act as a workspace', async () => {
      const response = await api('GET', '/v1/workspaces/current', { key: adminToken() });
      expect(response.status).toBe(401);
    });
  });

  describe('key rotation', () => {
    it('replaces the secret key: the old one stops working, the workspace stays', async () => {
      const own = await createWorkspace('Rotating');
      const rotated = await api<{ kind: string; key: string }>(
        'POST',
        '/v1/workspaces/current/keys/rotate',
        { key: own.secretKey, body: { kind: 'secret' } },
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body).toEqual({ kind: 'secret', key: expect.stringMatching(/^sk_/) });

      expect((await api('GET', '/v1/workspaces/current', { key: own.secretKey })).status).toBe(401);
      const after = await api<{ id: string }>('GET', '/v1/workspaces/current', {
        key: rotated.body.key,
      });
      expect(after.status).toBe(200);
      expect(after.body.id).toBe(own.id);
    });

    it('replaces the public key: the old one stops working', async () => {
      const own = await createWorkspace('Rotating public');
      const rotated = await api<{ kind: string; key: string }>(
        'POST',
        '/v1/workspaces/current/keys/rotate',
        { key: own.secretKey, body: { kind: 'public' } },
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body.key).toMatch(/^pk_/);
      // The old public key is now unknown (401), the new one a valid public key (403 here).
      expect((await api('GET', '/v1/workspaces/current', { key: own.publicKey })).status).toBe(401);
      expect((await api('GET', '/v1/workspaces/current', { key: rotated.body.key })).status).toBe(
        403,
      );
      // The secret key is untouched.
      expect((await api('GET', '/v1/workspaces/current', { key: own.secretKey })).status).toBe(200);
    });

    it('refuses the public key and an unknown kind', async () => {
      const byPublic = await api('POST', '/v1/workspaces/current/keys/rotate', {
        key: workspace.publicKey,
        body: { kind: 'public' },
      });
      expect(byPublic.status).toBe(403);
      const badKind = await api('POST', '/v1/workspaces/current/keys/rotate', {
        key: workspace.secretKey,
        body: { kind: 'admin' },
      });
      expect(badKind.status).toBe(400);
      expect(badKind.body).toMatchObject({ details: [{ path: 'body.kind' }] });
    });
  });
});
