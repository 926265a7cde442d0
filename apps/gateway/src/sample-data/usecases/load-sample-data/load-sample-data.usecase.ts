import { Injectable, Logger } from '@nestjs/common';
import { DomainError, INGEST_LIMITS, type IngestMessage, type SyncProvider } from '@seg/contracts';
import type { sampleDataResponse } from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import { type Clock, createClient, type SdkError } from '@segplatform/sdk/node';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AccountRepository } from '../../../accounts/account.repository';
import { WorkspaceRepository } from '../../../workspaces/workspace.repository';
import {
  SAMPLE_EXPERIENCES,
  SAMPLE_USER_COUNT,
  type SampleDataset,
  sampleDataset,
  sampleInteractions,
} from '../../sample-dataset';
import { SampleSyncPages } from '../../sample-sync-pages';
import { sampleSegmentsAfterInteractions, sampleSegmentsFirst } from '../../sample-segments';

export interface LoadSampleDataCommand {
  workspaceId: string;
  /** This gateway as the SDK reaches it (the address the request came to). */
  apiBaseUrl: string;
}

type SampleDataResult = z.output<typeof sampleDataResponse>;

/** SDK clients sending the interactions side by side (each one request at a time). */
const INTERACTION_CLIENTS = 8;

function laneOf(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % INTERACTION_CLIENTS;
}

/** How long the users service may take to apply the SDK's messages before the load gives up. */
const USERS_APPLIED_TIMEOUT_MS = 45_000;

/**
 * "Load sample data" into an empty workspace, once. Everything goes the way a customer's own
 * app and tools send it, so every service stays the only writer of what it owns:
 * - users, their events and pages: the SDK (Node build) with the workspace's public key,
 *   against this very gateway's `/v1/batch` — the calls replayed in time order, each stamped
 *   at its moment of the last 30 days by the SDK's clock;
 * - Segment.io traits and events: the users service's ingestion with source `segment`, the
 *   path the Segment.io webhook's deliveries take once their signature is checked (the
 *   gateway has no shared secret to sign with, and connecting Segment.io for the sample would
 *   leave a connection nobody made);
 * - HubSpot and Customer.io attributes: pages on `users.sync-pages`, as the sync workers hand
 *   them to the users service;
 * - segments and experiences: the segments and experiences services' own create / publish
 *   (what `POST /v1/segments`, `POST /v1/experiences` and `…/publish` call);
 * - experience interactions: the SDK's `recordInteraction` (`POST /v1/interactions`).
 * A workspace with any user, segment or experience is refused (409), and so is a second
 * load (a one-time claim, `sample-data:<workspaceId>`). A load that fails gives its claim back.
 */
@Injectable()
export class LoadSampleDataUseCase {
  private readonly logger = new Logger(LoadSampleDataUseCase.name);

  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly claims: AccountRepository,
    private readonly bus: BusClient,
    private readonly syncPages: SampleSyncPages,
  ) {}

  async execute({ workspaceId, apiBaseUrl }: LoadSampleDataCommand): Promise<SampleDataResult> {
    const keys = await this.workspaces.findKeys(workspaceId);
    if (!keys) throw new DomainError('NOT_FOUND', 'Workspace not found');
    if (!keys.publicKey) {
      throw new DomainError(
        'CONFLICT',
        'Sample data is sent with the public key, which this workspace does not show: rotate it in Settings → API keys first',
      );
    }
    await this.assertEmpty(workspaceId);
    // A unique `_id` insert, like the other one-time claims (an update "where not loaded" is
    // not atomic on FerretDB): two clicks or two tabs never load twice.
    const claim = `sample-data:${workspaceId}`;
    if (!(await this.claims.claim(claim, workspaceId))) {
      throw new DomainError('CONFLICT', 'Sample data was already loaded into this workspace');
    }
    try {
      return await this.load(workspaceId, keys.publicKey, apiBaseUrl);
    } catch (error) {
      this.logger.error({ workspaceId, err: error }, 'Sample data load failed');
      await this.claims.releaseClaim(claim);
      throw error;
    }
  }

  private async assertEmpty(workspaceId: string): Promise<void> {
    const [users, segments, experiences] = await Promise.all([
      this.bus.request('users.profiles.list', { workspaceId, limit: 1 }),
      this.bus.request('segments.segment.list', { workspaceId, limit: 1 }),
      this.bus.request('experiences.experience.list', { workspaceId, limit: 1 }),
    ]);
    if (users.items.length + segments.segments.length + experiences.experiences.length > 0) {
      throw new DomainError(
        'CONFLICT',
        'Sample data loads only into an empty workspace: this one has users, segments or experiences already',
      );
    }
  }

  private async load(
    workspaceId: string,
    publicKey: string,
    apiBaseUrl: string,
  ): Promise<SampleDataResult> {
    const now = Date.now();
    const data = sampleDataset(now);
    // How long each step took, logged at the end (a slow load says where it waited).
    const steps: Record<string, number> = {};
    let stepStart = performance.now();
    const step = (name: string) => {
      const at = performance.now();
      steps[name] = Math.round(at - stepStart);
      stepStart = at;
    };
    await this.sendWithSdk(publicKey, apiBaseUrl, (client, clock) => {
      for (const call of data.sdk) {
        clock.at = call.at;
        if (call.kind === 'identify') client.identify(call.userId, call.traits);
        else if (call.kind === 'track') {
          client.track(call.event, call.properties, { userId: call.userId });
        } else client.page(call.name, call.properties, { userId: call.userId });
      }
    });
    step('sdkMessages');
    await this.sendSegmentMessages(workspaceId, data);
    step('segmentMessages');
    await this.waitForUsers(workspaceId);
    step('usersApplied');
    const runId = `sample-${randomUUID()}`;
    const synced = { hubspot: data.hubspot, customerio: data.customerio };
    for (const provider of Object.keys(synced) as SyncProvider[]) {
      const page = synced[provider];
      const outcome = await this.syncPages.write({
        workspaceId,
        provider,
        runId: `${runId}-${provider}`,
        seq: 0,
        kind: 'records',
        types: page.types,
        records: page.records,
      });
      if (outcome.stats.failed > 0) {
        throw new DomainError('INTERNAL', `Sample ${provider} records were refused`);
      }
    }

    step('syncPages');
    const segments: SampleDataResult['segments'] = [];
    const first = sampleSegmentsFirst();
    const firstIds: Record<keyof typeof first, string> = {} as never;
    for (const key of Object.keys(first) as Array<keyof typeof first>) {
      const created = await this.bus.request('segments.segment.create', {
        workspaceId,
        body: first[key],
      });
      firstIds[key] = created.id;
      segments.push({ id: created.id, name: created.name });
    }

    const experiences: SampleDataResult['experiences'] = [];
    const audiences = {
      tour: { mode: 'all' as const },
      survey: { mode: 'segments' as const, segmentIds: [firstIds.paying] },
      announcement: { mode: 'segments' as const, segmentIds: [firstIds.power] },
    };
    const experienceIds = {} as Record<keyof typeof SAMPLE_EXPERIENCES, string>;
    for (const key of Object.keys(SAMPLE_EXPERIENCES) as Array<keyof typeof SAMPLE_EXPERIENCES>) {
      const created = await this.bus.request('experiences.experience.create', {
        workspaceId,
        experience: { ...SAMPLE_EXPERIENCES[key], audience: audiences[key] },
      });
      // The announcement stays a draft: the table shows both states.
      const published =
        key === 'announcement'
          ? created
          : await this.bus.request('experiences.experience.publish', {
              workspaceId,
              experienceId: created.id,
            });
      experienceIds[key] = created.id;
      experiences.push({ id: created.id, name: created.name, status: published.status });
    }

    step('segmentsAndExperiences');
    const interactions = sampleInteractions(data.users, now);
    // The SDK sends interactions one per request, in order: a few clients side by side, each
    // with its own users (a user's interactions stay in their order), as several app servers.
    const lanes = Array.from({ length: INTERACTION_CLIENTS }, (_, lane) =>
      interactions.filter((entry) => laneOf(entry.userId) === lane),
    );
    await Promise.all(
      lanes.map((lane) =>
        this.sendWithSdk(publicKey, apiBaseUrl, (client, clock) => {
          for (const entry of lane) {
            clock.at = entry.at;
            client.recordInteraction(
              experienceIds[entry.experience],
              {
                type: entry.type,
                ...(entry.stepId ? { stepId: entry.stepId } : {}),
                ...(entry.answer ? { answer: entry.answer } : {}),
              },
              { userId: entry.userId },
            );
          }
        }),
      ),
    );

    step('interactions');
    const later = sampleSegmentsAfterInteractions(experienceIds);
    for (const body of later) {
      const created = await this.bus.request('segments.segment.create', { workspaceId, body });
      segments.push({ id: created.id, name: created.name });
    }

    step('lastSegments');
    this.logger.log({ workspaceId, stepsMs: steps }, 'Sample data loaded');
    return {
      users: data.users.length,
      events:
        data.sdk.filter((call) => call.kind === 'track').length +
        data.segment.filter((call) => call.type === 'track').length,
      pages: data.sdk.filter((call) => call.kind === 'page').length,
      interactions: interactions.length,
      syncedRecords: {
        hubspot: data.hubspot.records.length,
        customerio: data.customerio.records.length,
      },
      segments,
      experiences,
    };
  }

  /**
   * One SDK client (Node build, public key) whose clock is the replay's: each call is stamped
   * at its own moment; `close()` sends everything, retried by the SDK. Any message the API
   * refused fails the load.
   */
  private async sendWithSdk(
    publicKey: string,
    apiBaseUrl: string,
    send: (client: ReturnType<typeof createClient>, clock: ReplayClock) => void,
  ): Promise<void> {
    const errors: SdkError[] = [];
    const clock = new ReplayClock();
    const client = createClient({
      writeKey: publicKey,
      host: apiBaseUrl,
      flushAt: 250,
      flushInterval: 60_000,
      maxRetries: 5,
      clock,
      onError: (error) => errors.push(error),
    });
    send(client, clock);
    await client.close();
    const failed = errors.length > 0 || client.pending > 0;
    if (failed) {
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        `The sample data could not be sent: ${errors[0]?.message ?? `${client.pending} messages left unsent`}`,
      );
    }
  }

  /** Segment.io's identify traits and track events, as its webhook's deliveries are applied. */
  private async sendSegmentMessages(workspaceId: string, data: SampleDataset): Promise<void> {
    const messages: IngestMessage[] = data.segment.map((call) => {
      const base = {
        userId: call.userId,
        messageId: randomUUID(),
        timestamp: new Date(call.at).toISOString(),
      };
      return call.type === 'identify'
        ? { ...base, type: 'identify' as const, traits: call.traits }
        : { ...base, type: 'track' as const, event: call.event, properties: call.properties };
    });
    for (let start = 0; start < messages.length; start += INGEST_LIMITS.maxBatchMessages) {
      await this.bus.request('users.messages.accept', {
        workspaceId,
        source: 'segment',
        messages: messages.slice(start, start + INGEST_LIMITS.maxBatchMessages),
      });
    }
  }

  /**
   * The sync pages match records to existing users (records of users not seen yet are kept
   * for later): so they go once the users service has applied the SDK's identify calls.
   */
  private async waitForUsers(workspaceId: string): Promise<void> {
    const deadline = Date.now() + USERS_APPLIED_TIMEOUT_MS;
    for (;;) {
      const page = await this.bus.request('users.profiles.list', {
        workspaceId,
        limit: SAMPLE_USER_COUNT,
      });
      if (page.items.length >= SAMPLE_USER_COUNT) return;
      if (Date.now() > deadline) {
        throw new DomainError('SERVICE_UNAVAILABLE', 'The sample users were not applied in time');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The SDK's clock during a replay: `now()` is the moment of the call being made. */
class ReplayClock implements Clock {
  at = Date.now();

  now(): number {
    return this.at;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    return setTimeout(callback, ms);
  }

  clearTimeout(handle: unknown): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}
