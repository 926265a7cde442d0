import type { Request } from 'express';
import type { KeyKind } from '@seg/http-shapes';

/** Who is calling, as resolved by the AuthGuard. */
export type AuthContext =
  | { kind: 'workspace'; workspaceId: string; keyKind: KeyKind; keyHash: string }
  | { kind: 'admin' }
  | { kind: 'anonymous' };

export interface AuthenticatedRequest extends Request {
  auth?: AuthContext;
}
