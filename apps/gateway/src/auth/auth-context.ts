import type { SdkLimits } from '../workspaces/workspace.schema';
import type { Request } from 'express';
import type { KeyKind, Role } from '@seg/http-shapes';

/** Who is calling, as resolved by the SessionGuard (a session) or the AuthGuard (a key). */
export type AuthContext =
  | {
      kind: 'workspace';
      workspaceId: string;
      keyKind: KeyKind;
      keyHash: string;
      /** The workspace's own SDK rate limits (absent or empty: the gateway's defaults). */
      sdkLimits?: SdkLimits;
    }
  | { kind: 'admin' }
  | SessionAuth
  | { kind: 'anonymous' };

/**
 * A dashboard session. `workspaceId` and `role` are set on routes whose rule names a role:
 * the workspace of `X-Workspace-Id`, where the account has `role` (at least the rule's).
 */
export interface SessionAuth {
  kind: 'session';
  sessionId: string;
  accountId: string;
  csrfToken: string;
  workspaceId?: string;
  role?: Role;
}

export interface AuthenticatedRequest extends Request {
  auth?: AuthContext;
}
