import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AUTH_POLICY, AuthPolicy, SESSION_RULE, SessionRule } from './auth.decorators';

export interface RouteEntry {
  method: string;
  path: string;
  pattern: RegExp;
  policy: AuthPolicy | undefined;
  /** The least role a dashboard session needs here; undefined: sessions are refused. */
  session: SessionRule | undefined;
  handler: string;
}

/**
 * Every HTTP route with its auth policy and its session rule, read from the controllers'
 * metadata: start-up fails when a route declares no policy (or a session-only route no session
 * rule), and CORS opens for SDK routes only.
 */
@Injectable()
export class RouteTable implements OnModuleInit {
  private routes: RouteEntry[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.routes = this.discover();
    const open = this.routes.filter((route) => route.policy === undefined);
    if (open.length > 0) {
      throw new Error(
        `Routes without @SdkAuth/@SecretAuth/@AdminAuth/@NoAuth: ${open
          .map((route) => `${route.method} ${route.path} (${route.handler})`)
          .join(', ')}`,
      );
    }
    const unusable = this.routes.filter(
      (route) =>
        (route.policy === 'session' && route.session === undefined) ||
        ((route.policy === 'sdk' || route.policy === 'none') && route.session !== undefined),
    );
    if (unusable.length > 0) {
      throw new Error(
        `Routes whose session rule cannot apply (session-only without one, or sdk/none with one): ${unusable
          .map((route) => `${route.method} ${route.path} (${route.handler})`)
          .join(', ')}`,
      );
    }
  }

  all(): readonly RouteEntry[] {
    return this.routes;
  }

  /** Whether `path` is an SDK route (for `method`, or for any method when undefined: preflight). */
  isSdkRoute(path: string, method?: string): boolean {
    return this.routes.some(
      (route) =>
        route.policy === 'sdk' &&
        (method === undefined || route.method === method.toUpperCase()) &&
        route.pattern.test(path),
    );
  }

  private discover(): RouteEntry[] {
    const routes: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      const controllerPaths = asArray(Reflect.getMetadata(PATH_METADATA, metatype));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (methodPaths === undefined) continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [
          handler,
          metatype,
        ]);
        const session = this.reflector.getAllAndOverride<SessionRule | undefined>(SESSION_RULE, [
          handler,
          metatype,
        ]);
        for (const base of controllerPaths) {
          for (const sub of asArray(methodPaths)) {
            const path = joinPath(base, sub);
            routes.push({
              method: RequestMethod[requestMethod],
              path,
              pattern: pathPattern(path),
              policy,
              session,
              handler: `${metatype.name}.${name}`,
            });
          }
        }
      }
    }
    return routes;
  }
}

function asArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '' : String(value)];
}

export function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');
  return `/${joined}`;
}

/** `/v1/users/:userId/experiences` → a RegExp matching concrete paths. */
export function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}
