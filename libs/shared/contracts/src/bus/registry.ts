import type { z } from 'zod';
import { experiencesRequests } from '../experiences/experiences.contracts';
import { experienceEvents } from '../experiences/experiences.events';
import { integrationsRequests } from '../integrations/integrations.contracts';
import { segmentsRequests } from '../segments/segments.contracts';
import { segmentEvents } from '../segments/segments.events';
import { systemRequests } from '../system/system.contracts';
import { usersRequests } from '../users/users.contracts';
import { usersEvents } from '../users/users.events';
import { workspaceEvents } from '../workspaces/workspace.events';

/**
 * The one registry of bus patterns. Sending and handling are typed by these
 * keys; a pattern is `<domain>.<entity>.<verb>` and renaming one is a migration.
 * A request is filed with the service that answers it (`<service>/<service>.contracts.ts`,
 * whoever asks); an event with the service that emits it (`<service>/<service>.events.ts`).
 */
export const requestContracts = {
  ...systemRequests,
  ...integrationsRequests,
  ...segmentsRequests,
  ...experiencesRequests,
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
