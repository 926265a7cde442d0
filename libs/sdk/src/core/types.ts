import type { INGEST_LIMITS } from '@seg/contracts';
import type {
  identifyBody,
  pageBody,
  recordInteractionBody,
  targetedExperiencesResponse,
  trackBody,
} from '@seg/http-shapes';
import type { z } from 'zod';

// The wire format comes from the public HTTP shapes (type-only: nothing of zod is bundled),
// so a change of an API shape breaks this package's build.
export type IdentifyMessage = z.input<typeof identifyBody> & { type: 'identify' };
export type TrackMessage = z.input<typeof trackBody> & { type: 'track' };
export type PageMessage = z.input<typeof pageBody> & { type: 'page' };
export type Message = (IdentifyMessage | TrackMessage | PageMessage) & {
  messageId: string;
  timestamp: string;
};
export type Interaction = z.input<typeof recordInteractionBody> & {
  messageId: string;
  timestamp: string;
};
export type TargetedExperiences = z.output<typeof targetedExperiencesResponse>['experiences'];
export type Traits = NonNullable<IdentifyMessage['traits']>;
export type Properties = NonNullable<TrackMessage['properties']>;
export type InteractionInput = Pick<Interaction, 'type' | 'stepId' | 'answer'>;

/** The API's own limit: a batch holds at most this many messages (typed from the contract). */
export const MAX_BATCH_MESSAGES: (typeof INGEST_LIMITS)['maxBatchMessages'] = 500;

/** What goes out: batched messages, or one interaction per request. */
export type Outgoing =
  { kind: 'message'; message: Message } | { kind: 'interaction'; interaction: Interaction };

export interface TransportResponse {
  status: number;
  /** A header of the answer (case-insensitive), e.g. `retry-after`, `etag`. */
  header(name: string): string | null;
  json(): Promise<unknown>;
}

export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The last flush of a page that is going away (fetch `keepalive`). */
  keepalive?: boolean;
}

/** How requests leave: `fetch` by default; tests pass a fake. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Time as the SDK sees it: the real one by default; tests pass a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SdkError {
  /** `rejected`: a 4xx other than 429 (never retried); `dropped`: the queue was full. */
  kind: 'rejected' | 'dropped';
  status?: number;
  message: string;
  count: number;
}

export interface Options {
  /** The workspace's public key (browsers) or secret key (servers). */
  writeKey: string;
  /** The gateway, e.g. `https://api.example.com` (no trailing path). */
  host: string;
  /** Send when this many messages wait (≤ 500). */
  flushAt?: number;
  /** Send waiting messages after this long, in ms. */
  flushInterval?: number;
  /** Largest body of one batch, in bytes (the API takes 1 MB). */
  maxBatchBytes?: number;
  /** Messages kept while the API cannot be reached; the oldest are dropped past it. */
  maxQueueSize?: number;
  /** Attempts of one request on network errors, 429 and 5xx before it waits for the next flush. */
  maxRetries?: number;
  onError?: (error: SdkError) => void;
  transport?: Transport;
  clock?: Clock;
  /** 0 ≤ random() < 1, for the backoff's jitter. */
  random?: () => number;
}
