import type { operations } from '../../api/generated/api-schema';

type Json<Op> = Op extends { responses: { 200: { content: { 'application/json': infer A } } } }
  ? A
  : never;

/** `GET /v1/integrations`: every connection (secrets masked), status, last run. */
export type ConnectionList = Json<operations['IntegrationsController_list']>;
export type Connection = ConnectionList['integrations'][number];
export type Run = Json<operations['IntegrationsController_runs']>[number];
export type RunStatus = Run['status'];
export type ConnectionBody = NonNullable<
  operations['IntegrationsController_put']['requestBody']
>['content']['application/json'];

export type IntegrationProvider = Connection['provider'];
export type SyncProvider = Exclude<IntegrationProvider, 'segment'>;

/** The cards of the Integrations page, in order, with the words on screen (dashboard.md). */
export const PROVIDERS: readonly {
  provider: IntegrationProvider;
  name: string;
  description: string;
  /** The setting that holds the secret (shown masked as `{ set, last4 }`). */
  secretField: 'sharedSecret' | 'accessToken' | 'appApiKey';
  secretLabel: string;
}[] = [
  {
    provider: 'segment',
    name: 'Segment.io',
    description:
      'Segment.io delivers identify and track calls to a webhook: traits become Segment.io custom attributes, tracks become Segment.io events.',
    secretField: 'sharedSecret',
    secretLabel: 'Shared secret',
  },
  {
    provider: 'hubspot',
    name: 'HubSpot',
    description:
      'Contact properties are synced on a schedule and matched to your users by email; they become HubSpot custom attributes.',
    secretField: 'accessToken',
    secretLabel: 'Access token',
  },
  {
    provider: 'customerio',
    name: 'Customer.io',
    description:
      'People attributes are synced on a schedule, matched by id, then by email; they become Customer.io custom attributes.',
    secretField: 'appApiKey',
    secretLabel: 'App API key',
  },
];

export const providerName = (provider: IntegrationProvider): string =>
  PROVIDERS.find((p) => p.provider === provider)?.name ?? provider;

export const isSyncProvider = (provider: IntegrationProvider): provider is SyncProvider =>
  provider !== 'segment';

export const isActive = (status: RunStatus | undefined): boolean =>
  status === 'queued' || status === 'running';

/** `{ set: true, last4 }` of a masked secret, as the API shows it. */
export function maskedSecret(connection: Connection, field: string): string | null {
  const value = connection.settings[field];
  if (typeof value !== 'object' || value === null || !('last4' in value)) return null;
  return `••••${String((value as { last4: unknown }).last4)}`;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/** Every how many minutes a sync runs, as people read it. */
export function formatInterval(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes % 1440 === 0) return minutes === 1440 ? 'every day' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}

/** Sync intervals offered (the API takes 5 minutes to 7 days). */
export const INTERVAL_CHOICES = [15, 30, 60, 180, 360, 720, 1440].map((minutes) => ({
  value: String(minutes),
  label: formatInterval(minutes),
}));
