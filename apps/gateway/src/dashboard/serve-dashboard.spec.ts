import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDashboard } from './serve-dashboard';

@Controller()
class ApiStandInController {
  @Get('v1/ping')
  ping() {
    return { pong: true };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

const INDEX_HTML = '<!doctype html><html><body><div id="root"></div></body></html>';

describe('serveDashboard', () => {
  let app: INestApplication;
  let baseUrl: string;
  let buildDir: string;

  beforeAll(async () => {
    buildDir = mkdtempSync(path.join(os.tmpdir(), 'dashboard-build-'));
    mkdirSync(path.join(buildDir, 'assets'));
    writeFileSync(path.join(buildDir, 'index.html'), INDEX_HTML);
    writeFileSync(path.join(buildDir, 'assets', 'index-abc123.js'), 'console.log("app")');
    const moduleRef = await Test.createTestingModule({
      controllers: [ApiStandInController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    expect(serveDashboard(app, buildDir)).toBe(true);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('serves the app at / with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers client routes with the app, so a reload keeps the page', async () => {
    const response = await fetch(`${baseUrl}/segments/new`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves hashed assets as immutable, and a missing one as 404', async () => {
    const asset = await fetch(`${baseUrl}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${baseUrl}/assets/gone-000.js`)).status).toBe(404);
  });

  it('leaves /v1 and /health to the API, unknown API paths included', async () => {
    const ping = await fetch(`${baseUrl}/v1/ping`);
    expect(await ping.json()).toEqual({ pong: true });
    expect(ping.headers.get('content-security-policy')).toBeNull();
    expect(await (await fetch(`${baseUrl}/health`)).json()).toEqual({ status: 'ok' });
    const unknown = await fetch(`${baseUrl}/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/json/);
  });

  it('does not answer other methods with the app', async () => {
    const response = await fetch(`${baseUrl}/segments/new`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toMatch(/html/);
  });

  it('serves nothing when the app is not built', async () => {
    const moduleRef = await Test.createTestingModule({}).compile();
    const bare = moduleRef.createNestApplication({ logger: false });
    expect(serveDashboard(bare, path.join(buildDir, 'no-such-dir'))).toBe(false);
    await bare.close();
  });
});
