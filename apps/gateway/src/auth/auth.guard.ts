import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import type { GatewayConfig } from '../config';
import { KeyResolver } from '../workspaces/key-resolver';
import { keyKindOf, secretsEqual } from './api-keys';
import type { AuthContext, AuthenticatedRequest } from './auth-context';
import { AUTH_POLICY, AuthPolicy } from './auth.decorators';
import { Credentials, parseAuthorization } from './credentials';

/**
 * Global guard: resolves the caller from `Authorization` and enforces the
 * route's policy (@SdkAuth, @SecretAuth, @AdminAuth, @NoAuth). A route that
 * declares none is denied. 401: no or unknown credentials; 403: wrong kind.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeyResolver,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy === undefined) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares no auth policy; denied`,
      );
      throw new DomainError('FORBIDDEN', 'This endpoint is not available');
    }
    // A dashboard session, already checked by the SessionGuard against this route's rule.
    if (request.auth?.kind === 'session') return true;
    request.auth = await this.authenticate(
      policy,
      parseAuthorization(request.headers.authorization),
    );
    return true;
  }

  private async authenticate(policy: AuthPolicy, credentials: Credentials): Promise<AuthContext> {
    switch (policy) {
      case 'none':
        return { kind: 'anonymous' };
      case 'admin':
        return this.admin(credentials);
      case 'sdk':
      case 'secret':
        return this.workspaceKey(policy, credentials);
      case 'session':
        throw credentials.scheme === 'none'
          ? new DomainError(
              'UNAUTHENTICATED',
              'Sign in first: this endpoint takes a dashboard session',
            )
          : new DomainError('FORBIDDEN', 'This endpoint takes a dashboard session, not a key');
    }
  }

  private async admin(credentials: Credentials): Promise<AuthContext> {
    const token = this.bearer(credentials, 'ADMIN_TOKEN');
    if (this.config.ADMIN_TOKEN !== undefined && secretsEqual(token, this.config.ADMIN_TOKEN)) {
      return { kind: 'admin' };
    }
    if (keyKindOf(token) && (await this.keys.resolve(token))) {
      throw new DomainError(
        'FORBIDDEN',
        'This endpoint takes the admin token, not a workspace key',
      );
    }
    throw new DomainError('UNAUTHENTICATED', 'Invalid admin token');
  }

  private async workspaceKey(
    policy: 'sdk' | 'secret',
    credentials: Credentials,
  ): Promise<AuthContext> {
    let key: string;
    if (credentials.scheme === 'basic' && policy === 'sdk') {
      if (credentials.password !== '') {
        throw new DomainError(
          'UNAUTHENTICATED',
          'HTTP Basic auth takes the key as the user name and an empty password',
        );
      }
      key = credentials.user;
    } else {
      key = this.bearer(credentials, policy === 'sdk' ? 'pk_… or sk_… key' : 'sk_… key');
    }
    const resolved = await this.keys.resolve(key);
    if (!resolved) throw new DomainError('UNAUTHENTICATED', 'Unknown API key');
    if (policy === 'secret' && resolved.keyKind !== 'secret') {
      throw new DomainError('FORBIDDEN', 'This endpoint requires the secret key (sk_…)');
    }
    return { kind: 'workspace', ...resolved };
  }

  private bearer(credentials: Credentials, what: string): string {
    if (credentials.scheme === 'bearer' && credentials.token !== '') return credentials.token;
    throw new DomainError(
      'UNAUTHENTICATED',
      credentials.scheme === 'none'
        ? `Missing credentials: send "Authorization: Bearer <${what}>"`
        : `This endpoint takes "Authorization: Bearer <${what}>"`,
    );
  }
}
