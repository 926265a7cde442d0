import { z } from 'zod';
import { eventContract } from '../bus/contract';

export const workspaceId = z
  .string()
  .regex(/^ws_[A-Za-z0-9]{8,40}$/, 'must be a workspace id (ws_…)');

export const workspaceCreatedEvent = z.object({
  workspaceId,
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type WorkspaceCreatedEvent = z.infer<typeof workspaceCreatedEvent>;

export const workspaceEvents = {
  'workspace.created': eventContract(workspaceCreatedEvent),
};
