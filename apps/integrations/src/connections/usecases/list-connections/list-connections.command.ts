export interface ListConnectionsCommand {
  workspaceId: string;
}
