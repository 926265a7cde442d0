export interface ReceiveDeliveryCommand {
  workspaceId: string;
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: Buffer;
  signature: string | undefined;
}
