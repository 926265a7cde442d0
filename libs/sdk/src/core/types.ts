// Plain types, so that the published declarations depend on nothing. `wire-check.ts` holds
// them to the API's own shapes (@seg/http-shapes) at compile time: a change of an API shape
// breaks this package's build.

/** A JSON value as traits and properties hold it. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Traits = { name?: string | null; email?: string | null } & Record<
  string,
  JsonValue | undefined
>;
export type Properties = Record<string, JsonValue>;

interface Stamped {
  userId: string;
  messageId: string;
  timestamp: string;
}
export interface IdentifyMessage extends Stamped {
  type: 'identify';
  traits?: Traits;
}
export interface TrackMessage extends Stamped {
  type: 'track';
  event: string;
  properties?: Properties;
}
export interface PageMessage extends Stamped {
  type: 'page';
  name?: string;
  properties?: Properties;
}
export type Message = IdentifyMessage | TrackMessage | PageMessage;

export type InteractionType = 'seen' | 'stepCompleted' | 'completed' | 'answered';
export interface InteractionInput {
  type: InteractionType;
  stepId?: string;
  answer?: string | number | string[];
}
export interface Interaction extends InteractionInput, Stamped {
  experienceId: string;
}

export interface ExperienceStep {
  id: string;
  kind: 'message' | 'question';
  question?: string;
  options?: string[];
}
export interface TargetedExperience {
  id: string;
  name: string;
  type: 'tour' | 'survey' | 'announcement' | 'banner' | 'checklist';
  steps: ExperienceStep[];
}
export type TargetedExperiences = TargetedExperience[];

/** The API's own limit: a batch holds at most this many messages (held to the contract). */
export const MAX_BATCH_MESSAGES = 500;

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
