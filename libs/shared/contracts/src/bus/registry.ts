import type { z } from 'zod';
import { experienceEvents, experiencesSegmentRequests } from '../experiences/experiences.events';
import {
  experiencesRequests,
  segmentsExistenceRequests,
} from '../experiences/experiences.contracts';
import { segmentsRequests } from '../segments/segments.contracts';
import { integrationsRequests } from '../integrations/integrations.contracts';
import { segmentEvents, segmentsMembershipRequests } from '../segments/segments.events';
import { systemRequests } from '../system/system.contracts';
import { usersEvents, usersRequests } from '../users/users.contracts';
import { workspaceEvents } from '../workspaces/workspace.contracts';

/**
 * The one registry of bus patterns. Sending and handling are typed by these
 * keys; a pattern is `<domain>.<entity>.<verb>` and renaming one is a migration.
 */
export const requestContracts = {
  ...systemRequests,
  ...integrationsRequests,
  ...segmentsMembershipRequests,
  ...segmentsRequests,
  ...experiencesSegmentRequests,
  ...experiencesRequests,
  ...segmentsExistenceRequests,
  ...usersRequests,
};

export const eventContracts = {
  ...workspaceEvents,
  ...segmentEvents,
  ...experienceEvents,
  ...usersEvents,
};

export type RequestPattern = keyof typeof requestContracts;
export type EventPattern = keyof typeof eventContracts;
export type RequestOf<P extends RequestPattern> = z.input<(typeof requestContracts)[P]['request']>;
export type ParsedRequestOf<P extends RequestPattern> = z.output<
  (typeof requestContracts)[P]['request']
>;
export type ResponseOf<P extends RequestPattern> = z.output<
  (typeof requestContracts)[P]['response']
>;
export type EventOf<P extends EventPattern> = z.output<(typeof eventContracts)[P]['payload']>;

export function isRequestPattern(pattern: string): pattern is RequestPattern {
  return Object.hasOwn(requestContracts, pattern);
}

export function isEventPattern(pattern: string): pattern is EventPattern {
  return Object.hasOwn(eventContracts, pattern);
}
