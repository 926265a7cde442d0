import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts/models/Filter';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@seg/platform';
import type { ValueType } from '@seg/segment-engine';
import type { IntegrationsConfig } from '../../config';
import type { RateLimit } from '../../sync/request-limiter';
import { callVendor } from '../../sync/vendor-call';
import { VendorRequestError, VendorTransientError } from '../../sync/sync-errors';
import {
  SyncContext,
  SyncInterrupted,
  SyncOutcome,
  SyncProviderAdapter,
  VendorRecord,
} from '../../sync/sync-provider';
import { mapHubSpotError } from './hubspot-errors';
import { catalogTypeOf } from './hubspot-types';

const PAGE_SIZE = 100;
const ALWAYS = ['email', 'lastmodifieddate'];

interface HubSpotContact {
  id: string;
  properties: Record<string, string | null>;
  updatedAt?: Date | string;
}
interface HubSpotPage {
  results: HubSpotContact[];
  paging?: { next?: { after?: string } };
}

type Checkpoint = (
  { phase: 'full'; after?: string } | { phase: 'search'; since: number; after?: string }
) & { maxSeen: number; done?: boolean };

/**
 * HubSpot contacts → `hubspot` custom attributes. First run: every contact
 * (`basicApi.getPage`, following `paging.next.after`). Later runs: the contacts
 * modified since the last one (`searchApi.doSearch`, lastmodifieddate ≥ cursor,
 * ascending), restarting from the last timestamp seen at the search's result cap
 * (10,000 at HubSpot: HUBSPOT_SEARCH_RESULT_CAP).
 */
@Injectable()
export class HubSpotProvider implements SyncProviderAdapter {
  readonly provider = 'hubspot' as const;
  readonly requestLimit: RateLimit;

  constructor(@Inject(APP_CONFIG) private readonly config: IntegrationsConfig) {
    this.requestLimit = {
      max: config.HUBSPOT_RATE_LIMIT_MAX,
      windowMs: config.HUBSPOT_RATE_LIMIT_WINDOW_MS,
    };
  }

  async run(context: SyncContext): Promise<SyncOutcome> {
    const basePath =
      (context.settings['apiBaseUrl'] as string | undefined) ?? this.config.HUBSPOT_API_BASE_URL;
    // The client's own retries and limiter are off: the run handles 429s and the limit.
    const client = new Client({
      accessToken: context.secret,
      basePath: basePath.replace(/\/$/, ''),
      numberOfApiCallRetries: 0,
    });
    const call = <T>(request: () => Promise<T>) => this.call(context, request);

    const definitions = await call(() => client.crm.properties.coreApi.getAll('contacts'));
    const types: Record<string, ValueType> = {};
    for (const property of definitions.results) types[property.name] = catalogTypeOf(property);
    const wanted = (context.settings['properties'] as string[] | undefined) ?? Object.keys(types);
    const properties = [...new Set([...ALWAYS, ...wanted])];
    await context.declareTypes(
      Object.fromEntries(properties.filter((name) => types[name]).map((n) => [n, types[n]!])),
    );

    const lastCursor = context.state['lastModified'] as number | undefined;
    let checkpoint: Checkpoint =
      (context.checkpoint as Checkpoint | null) ??
      (lastCursor === undefined
        ? { phase: 'full', maxSeen: 0 }
        : { phase: 'search', since: lastCursor, maxSeen: lastCursor });

    while (!checkpoint.done) {
      if (context.shouldStop()) throw new SyncInterrupted();
      const page: HubSpotPage =
        checkpoint.phase === 'full'
          ? await call(() =>
              client.crm.contacts.basicApi.getPage(PAGE_SIZE, checkpoint.after, properties),
            )
          : await call(() =>
              client.crm.contacts.searchApi.doSearch({
                filterGroups: [
                  {
                    filters: [
                      {
                        propertyName: 'lastmodifieddate',
                        operator: FilterOperatorEnum.Gte,
                        value: String((checkpoint as { since: number }).since),
                      },
                    ],
                  },
                ],
                sorts: [
                  { propertyName: 'lastmodifieddate', direction: 'ASCENDING' },
                ] as unknown as string[],
                properties,
                limit: PAGE_SIZE,
                ...(checkpoint.after ? { after: checkpoint.after } : {}),
              }),
            );
      if (!Array.isArray(page.results)) {
        throw new VendorTransientError('HubSpot sent a contacts page without its results list');
      }
      let lastSeen = checkpoint.maxSeen;
      for (const contact of page.results) {
        const modified = modifiedAt(contact);
        if (modified !== undefined) lastSeen = Math.max(lastSeen, modified);
      }
      const next = page.paging?.next?.after;
      const advanced = nextCheckpoint(
        checkpoint,
        next,
        lastSeen,
        page.results,
        this.config.HUBSPOT_SEARCH_RESULT_CAP,
      );
      await context.applyPage(page.results.map(toRecord), advanced);
      checkpoint = advanced;
      if (checkpoint.done) break;
    }
    const maxSeen = Math.max(checkpoint.maxSeen, lastCursor ?? 0);
    return { state: { lastModified: maxSeen || Date.now() } };
  }

  /** One request: rate-limited, 429 TEN_SECONDLY waited out and retried, errors mapped. */
  private call<T>(context: SyncContext, request: () => Promise<T>): Promise<T> {
    return callVendor(context, request, mapHubSpotError, {
      vendor: 'HubSpot',
      maxWaitMs: this.config.RATE_LIMIT_MAX_WAIT_MS,
      timeoutMs: this.config.VENDOR_TIMEOUT_MS,
    });
  }
}

function nextCheckpoint(
  current: Checkpoint,
  next: string | undefined,
  lastSeen: number,
  results: HubSpotContact[],
  searchCap: number,
): Checkpoint {
  if (next === undefined) return { ...current, maxSeen: lastSeen, done: true };
  if (current.phase === 'search' && Number(next) >= searchCap) {
    // The search cap: a new query from the last timestamp seen (≥, so none is lost).
    const restartFrom = modifiedAt(results[results.length - 1] as HubSpotContact) ?? lastSeen;
    if (restartFrom <= current.since) {
      throw new VendorRequestError(
        `More than ${searchCap.toLocaleString('en-US')} HubSpot contacts share one lastmodifieddate; the search cannot page past them`,
      );
    }
    return { phase: 'search', since: restartFrom, maxSeen: lastSeen };
  }
  return { ...current, after: next, maxSeen: lastSeen };
}

function modifiedAt(contact: HubSpotContact | undefined): number | undefined {
  const raw = contact?.properties['lastmodifieddate'] ?? contact?.updatedAt;
  if (raw === undefined || raw === null) return undefined;
  const time = raw instanceof Date ? raw.getTime() : Date.parse(String(raw));
  return Number.isFinite(time) ? time : undefined;
}

function toRecord(contact: HubSpotContact): VendorRecord {
  const email = contact.properties['email'];
  return {
    externalId: contact.id,
    ...(email ? { email } : {}),
    attributes: { ...contact.properties },
  };
}
