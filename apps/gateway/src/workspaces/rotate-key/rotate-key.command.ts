import type { KeyKind } from '../../auth/api-keys';

export interface RotateKeyCommand {
  workspaceId: string;
  kind: KeyKind;
}
