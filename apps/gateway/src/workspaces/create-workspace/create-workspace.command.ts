export interface CreateWorkspaceCommand {
  name: string;
}
