import { Logger, type Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppModule } from '../app.module';
import { gatewayEnvSchema } from '../config';
import { GatewayHealthController } from '../health/gateway-health.controller';
import { roleAllows } from './roles';
import { RouteTable } from './route-table';

/** Every controller of the gateway, found through the modules AppModule imports. */
function gatewayControllers(): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>([GatewayHealthController]);
  const visit = (module: unknown): void => {
    if (module === undefined || seen.has(module)) return;
    seen.add(module);
    const type = (
      typeof module === 'function' ? module : (module as { module?: unknown }).module
    ) as object | undefined;
    if (!type) return;
    const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) ?? []) as Type[];
    for (const controller of own) controllers.add(controller);
    const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []) as unknown[];
    for (const imported of imports) visit(imported);
  };
  const config = gatewayEnvSchema.parse({});
  for (const imported of AppModule.register(config).imports ?? []) visit(imported);
  return [...controllers];
}

/**
 * The decision for dashboard sessions on every route of the gateway, as the route table
 * reads it from the controllers: the least role in the X-Workspace-Id workspace, `signed-in`
 * (any session), or `refused`. A route added without a decision refuses sessions, and shows
 * up here as a difference to review.
 */
const EXPECTED = [
  'GET /health none refused',
  // Accounts and sessions
  'GET /v1/auth/state none refused',
  'GET /v1/auth/invites/:token none refused',
  'POST /v1/auth/signup none refused',
  'POST /v1/auth/login none refused',
  'POST /v1/auth/logout session signed-in',
  'GET /v1/auth/me session signed-in',
  // Workspace and keys: admin
  'POST /v1/workspaces admin signed-in',
  'GET /v1/workspaces/current secret viewer',
  'PUT /v1/workspaces/current secret admin',
  'GET /v1/workspaces/current/keys secret admin',
  'POST /v1/workspaces/current/keys/rotate secret admin',
  // Sample data into an empty workspace: editors and admins, from the dashboard only
  'POST /v1/workspaces/current/sample-data session editor',
  // The operator's (admin token): a workspace's SDK rate limits
  'PUT /v1/workspaces/:workspaceId/sdk-limits admin refused',
  // Team: admin (members readable by everyone in the workspace)
  'POST /v1/team/invites session admin',
  'GET /v1/team/invites session admin',
  'DELETE /v1/team/invites/:id session admin',
  'GET /v1/team/members session viewer',
  'PUT /v1/team/members/:accountId session admin',
  'DELETE /v1/team/members/:accountId session admin',
  // Users: reads for viewers, tags for editors
  'GET /v1/users secret viewer',
  'GET /v1/users/:userId secret viewer',
  'GET /v1/users/:userId/events secret viewer',
  'POST /v1/users/:userId/tags secret editor',
  'DELETE /v1/users/:userId/tags secret editor',
  'GET /v1/attributes secret viewer',
  'GET /v1/events secret viewer',
  // Segments: reads (and the preview, "Apply filters") for viewers, changes for editors
  'GET /v1/segments secret viewer',
  'POST /v1/segments secret editor',
  'POST /v1/segments/preview secret viewer',
  'POST /v1/segments/validate secret viewer',
  'POST /v1/segments/filter-counts secret viewer',
  'GET /v1/segments/:id secret viewer',
  'PUT /v1/segments/:id secret editor',
  'DELETE /v1/segments/:id secret editor',
  'GET /v1/segments/:id/users secret viewer',
  'GET /v1/segments/:id/count secret viewer',
  'GET /v1/segments/:id/history secret viewer',
  'GET /v1/segments/:id/forecast secret viewer',
  // An edit's impact before saving: read-only, like the preview.
  'POST /v1/segments/:id/impact secret viewer',
  'GET /v1/users/:userId/segments/history secret viewer',
  'GET /v1/segments/:id/users/:userId secret viewer',
  // The background count of a preview (its countId), as "Apply filters" follows it.
  'GET /v1/segments/counts/:countId secret viewer',
  // Experiences: reads for viewers, changes for editors
  'POST /v1/experiences secret editor',
  'GET /v1/experiences secret viewer',
  'GET /v1/experiences/:id secret viewer',
  'PUT /v1/experiences/:id secret editor',
  'DELETE /v1/experiences/:id secret editor',
  'POST /v1/experiences/:id/publish secret editor',
  'POST /v1/experiences/:id/unpublish secret editor',
  'GET /v1/experiences/:id/stats secret viewer',
  // The Audience step's overlap: a read with a body (a draft audience)
  'POST /v1/experiences/audience-overlap secret viewer',
  // Integrations: reads for viewers, changes for admins
  'GET /v1/integrations secret viewer',
  'GET /v1/integrations/:provider secret viewer',
  'PUT /v1/integrations/:provider secret admin',
  'DELETE /v1/integrations/:provider secret admin',
  'POST /v1/integrations/:provider/sync secret admin',
  'GET /v1/integrations/:provider/runs secret viewer',
  'POST /v1/integrations/segment/webhook/:workspaceId none refused',
  // SDK routes: keys only
  'POST /v1/identify sdk refused',
  'POST /v1/track sdk refused',
  'POST /v1/page sdk refused',
  'POST /v1/batch sdk refused',
  'POST /v1/interactions sdk refused',
  'GET /v1/users/:userId/experiences sdk refused',
];

describe('session rules over every route of the gateway', () => {
  let table: RouteTable;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: gatewayControllers(),
      providers: [RouteTable],
    })
      .useMocker(() => ({}))
      .compile();
    await moduleRef.init();
    table = moduleRef.get(RouteTable);
  });

  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  const decisions = () =>
    table
      .all()
      .map(
        (route) => `${route.method} ${route.path} ${route.policy} ${route.session ?? 'refused'}`,
      );

  it('gives every route the decision above, and no route is missing from it', () => {
    expect([...decisions()].sort()).toEqual([...EXPECTED].sort());
  });

  it('lets viewers only read: every route a viewer may call is a GET, the preview, its filter counts, impact, validate or the audience overlap', () => {
    const viewerWrites = table
      .all()
      .filter((route) => route.session === 'viewer' && route.method !== 'GET')
      .map((route) => `${route.method} ${route.path}`);
    expect(viewerWrites.sort()).toEqual([
      'POST /v1/experiences/audience-overlap',
      'POST /v1/segments/:id/impact',
      'POST /v1/segments/filter-counts',
      'POST /v1/segments/preview',
      'POST /v1/segments/validate',
    ]);
  });

  it('keeps keys, team, integrations changes and the workspace for admins', () => {
    const adminOnly = table
      .all()
      .filter(
        (route) =>
          route.session !== undefined &&
          route.session !== 'signed-in' &&
          !roleAllows('editor', route.session),
      )
      .map((route) => `${route.method} ${route.path}`);
    for (const path of adminOnly) {
      expect(path).toMatch(/ \/v1\/(workspaces|team|integrations)\b/);
    }
    expect(adminOnly).toEqual(
      expect.arrayContaining([
        'POST /v1/workspaces/current/keys/rotate',
        'GET /v1/workspaces/current/keys',
        'POST /v1/team/invites',
        'PUT /v1/integrations/:provider',
      ]),
    );
  });

  it('never lets a session call an SDK route or a route without auth', () => {
    for (const route of table.all()) {
      if (route.policy === 'sdk' || route.policy === 'none') expect(route.session).toBeUndefined();
    }
  });
});

describe('roleAllows', () => {
  it('orders viewer < editor < admin', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('editor', 'viewer')).toBe(true);
    expect(roleAllows('editor', 'admin')).toBe(false);
    expect(roleAllows('admin', 'editor')).toBe(true);
  });
});
