import { Schema } from 'mongoose';
import type { ExperienceStep } from '@seg/contracts';

export const EXPERIENCE_MODEL = 'Experience';

/** An experience as stored. The audience always has `segmentIds` (empty for mode `all`). */
export interface ExperienceDocument {
  workspaceId: string;
  experienceId: string;
  name: string;
  type: 'tour' | 'survey' | 'announcement' | 'banner' | 'checklist';
  steps: ExperienceStep[];
  audience: { mode: 'all' | 'segments'; segmentIds: string[] };
  status: 'draft' | 'published';
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

const StepSchema = new Schema<ExperienceStep>(
  {
    id: { type: String, required: true },
    kind: { type: String, required: true },
    text: { type: String },
    question: { type: String },
    options: { type: [String], default: undefined },
  },
  { _id: false, id: false },
);

export const ExperienceSchema = new Schema<ExperienceDocument>(
  {
    workspaceId: { type: String, required: true },
    experienceId: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    steps: { type: [StepSchema], required: true },
    audience: {
      mode: { type: String, required: true },
      segmentIds: { type: [String], default: [] },
    },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    publishedAt: { type: Date, default: null },
  },
  { collection: 'experiences', versionKey: false, id: false },
);
// Get / update / delete by id, and listing in id (= creation) order.
ExperienceSchema.index({ workspaceId: 1, experienceId: 1 }, { unique: true });
// Targeting loads the published experiences of a workspace.
ExperienceSchema.index({ workspaceId: 1, status: 1 });
// Segment usage and detach find experiences by a listed segment.
ExperienceSchema.index({ workspaceId: 1, 'audience.segmentIds': 1 });
