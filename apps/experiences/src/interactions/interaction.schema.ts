import { Schema } from 'mongoose';

export const INTERACTION_MODEL = 'Interaction';

/** One interaction as received from the SDK, resolved (`completed`) and deduplicated by messageId. */
export interface InteractionDocument {
  workspaceId: string;
  messageId: string;
  userId: string;
  experienceId: string;
  type: 'seen' | 'stepCompleted' | 'completed' | 'answered';
  stepId?: string;
  values?: string[];
  completed: boolean;
  timestamp: Date;
  receivedAt: Date;
}

export const InteractionSchema = new Schema<InteractionDocument>(
  {
    workspaceId: { type: String, required: true },
    messageId: { type: String, required: true },
    userId: { type: String, required: true },
    experienceId: { type: String, required: true },
    type: { type: String, required: true },
    stepId: { type: String },
    values: { type: [String], default: undefined },
    completed: { type: Boolean, required: true },
    timestamp: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'interactions', versionKey: false, id: false },
);
// Idempotency: a messageId is recorded once per workspace.
InteractionSchema.index({ workspaceId: 1, messageId: 1 }, { unique: true });
// One user's history of one experience.
InteractionSchema.index({ workspaceId: 1, experienceId: 1, userId: 1, timestamp: 1 });
