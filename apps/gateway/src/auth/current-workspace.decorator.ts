import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { AuthenticatedRequest } from './auth-context';

/** The workspace id (`ws_…`) resolved from the caller's key. Use on @SdkAuth/@SecretAuth routes. */
export const CurrentWorkspace = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
    if (auth?.kind !== 'workspace') {
      // A programming error: the route is not behind @SdkAuth() or @SecretAuth().
      throw new DomainError('INTERNAL', 'No workspace resolved for this request');
    }
    return auth.workspaceId;
  },
);
