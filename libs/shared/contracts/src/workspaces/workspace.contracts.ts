import { z } from 'zod';
import { eventContract } from '../bus/contract';
import { workspaceIdSchema } from '../common/ids';

export const workspaceCreatedEvent = z.object({
  workspaceId: workspaceIdSchema,
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type WorkspaceCreatedEvent = z.infer<typeof workspaceCreatedEvent>;

export const workspaceEvents = {
  'workspace.created': eventContract(workspaceCreatedEvent),
};
