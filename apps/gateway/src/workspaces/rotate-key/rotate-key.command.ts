import type { KeyKind } from '@seg/http-shapes';

export interface RotateKeyCommand {
  workspaceId: string;
  kind: KeyKind;
}
