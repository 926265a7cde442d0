import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AdminAuth, NoAuth, SdkAuth, SecretAuth } from './auth.decorators';
import { joinPath, pathPattern, RouteTable } from './route-table';

@Controller('v1')
class DeclaredController {
  @Post('track')
  @SdkAuth()
  track(): void {}

  @Get('users/:userId/experiences')
  @SdkAuth()
  experiences(): void {}

  @Get('users/:userId')
  @SecretAuth()
  user(): void {}

  @Post('workspaces')
  @AdminAuth()
  create(): void {}
}

@NoAuth()
@Controller('health')
class HealthController {
  @Get()
  health(): void {}
}

@Controller('v1/open')
class UndeclaredController {
  @Get()
  open(): void {}
}

async function routeTable(...controllers: Array<new () => object>): Promise<RouteTable> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [RouteTable],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(RouteTable);
}

describe('RouteTable', () => {
  it('knows every route with its policy and which ones are SDK routes', async () => {
    const table = await routeTable(DeclaredController, HealthController);
    expect(table.all().map(({ method, path, policy }) => `${method} ${path} ${policy}`)).toEqual(
      expect.arrayContaining([
        'POST /v1/track sdk',
        'GET /v1/users/:userId/experiences sdk',
        'GET /v1/users/:userId secret',
        'POST /v1/workspaces admin',
        'GET /health none',
      ]),
    );
    expect(table.isSdkRoute('/v1/track', 'POST')).toBe(true);
    expect(table.isSdkRoute('/v1/track', 'GET')).toBe(false);
    expect(table.isSdkRoute('/v1/users/u-1/experiences', 'get')).toBe(true);
    expect(table.isSdkRoute('/v1/users/u-1', 'GET')).toBe(false);
    expect(table.isSdkRoute('/v1/workspaces', 'POST')).toBe(false);
  });

  it('refuses to start when a route declares no auth policy', async () => {
    await expect(routeTable(DeclaredController, UndeclaredController)).rejects.toThrow(
      'GET /v1/open (UndeclaredController.open)',
    );
  });
});

describe('route paths', () => {
  it('joins controller and method paths', () => {
    expect(joinPath('v1/users', ':userId/experiences')).toBe('/v1/users/:userId/experiences');
    expect(joinPath('/v1/identify/', '')).toBe('/v1/identify');
    expect(joinPath('health', '/')).toBe('/health');
  });

  it('matches concrete paths against parameterised ones', () => {
    const pattern = pathPattern('/v1/users/:userId/experiences');
    expect(pattern.test('/v1/users/u-1/experiences')).toBe(true);
    expect(pattern.test('/v1/users/u-1/experiences/')).toBe(true);
    expect(pattern.test('/v1/users/u-1')).toBe(false);
    expect(pattern.test('/v1/users/a/b/experiences')).toBe(false);
    expect(pathPattern('/v1/a.b').test('/v1/aXb')).toBe(false);
  });
});
