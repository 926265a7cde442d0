import { z } from 'zod';
import { requestContract } from '../bus/contract';

export const pingRequest = z.object({}).strict();
export const pingResponse = z.object({
  service: z.string(),
  instance: z.string(),
  checks: z.record(z.string(), z.enum(['up', 'down'])),
});
export type PingResponse = z.infer<typeof pingResponse>;

/** Each service answers `<service>.system.ping` with the state of its own dependencies. */
export const systemRequests = {
  'users.system.ping': requestContract('users', pingRequest, pingResponse),
  'segments.system.ping': requestContract('segments', pingRequest, pingResponse),
  'experiences.system.ping': requestContract('experiences', pingRequest, pingResponse),
  'integrations.system.ping': requestContract('integrations', pingRequest, pingResponse),
};
