export interface GetWorkspaceCommand {
  workspaceId: string;
}
