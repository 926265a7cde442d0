// Compile-time only (nothing here is bundled): the SDK's plain types held to the API's own
// shapes, so that a change of an API shape breaks this package's build.
import type { INGEST_LIMITS } from '@seg/contracts';
import type {
  identifyBody,
  pageBody,
  recordInteractionBody,
  targetedExperiencesResponse,
  trackBody,
} from '@seg/http-shapes';
import type { z } from 'zod';
import type {
  IdentifyMessage,
  Interaction,
  MAX_BATCH_MESSAGES,
  PageMessage,
  TargetedExperiences,
  TrackMessage,
} from './types';

/** `true` only when `A` is assignable to `B`. */
type Fits<A, B> = [A] extends [B] ? true : false;

/** What the SDK sends is what the API takes… */
export const wireChecks: [
  Fits<Omit<IdentifyMessage, 'type'>, z.input<typeof identifyBody>>,
  Fits<Omit<TrackMessage, 'type'>, z.input<typeof trackBody>>,
  Fits<Omit<PageMessage, 'type'>, z.input<typeof pageBody>>,
  Fits<Interaction, z.input<typeof recordInteractionBody>>,
  // …what the API answers is what the SDK reads…
  Fits<z.output<typeof targetedExperiencesResponse>['experiences'], TargetedExperiences>,
  // …and a batch is no larger than the API allows.
  Fits<typeof MAX_BATCH_MESSAGES, (typeof INGEST_LIMITS)['maxBatchMessages']>,
] = [true, true, true, true, true, true];
