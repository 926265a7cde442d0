import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@seg/platform';
import { APIClient, FilterOperator, IdentifierType, RegionEU, RegionUS } from 'customerio-node';
import type { IntegrationsConfig } from '../../config';
import type { RateLimit } from '../../sync/request-limiter';
import { callVendor } from '../../sync/vendor-call';

import {
  SyncContext,
  SyncInterrupted,
  SyncOutcome,
  SyncProviderAdapter,
  VendorRecord,
} from '../../sync/sync-provider';
import { mapCustomerIoError } from './customerio-errors';

/** POST /v1/customers answers up to 1,000 people a page. */
const PAGE_SIZE = 1_000;
/** POST /v1/customers/attributes takes at most 100 ids. */
const ATTRIBUTES_BATCH = 100;
/** Every person: those with an id or an email. */
const EVERYONE = {
  or: [
    { attribute: { field: 'id', operator: FilterOperator.Exists } },
    { attribute: { field: 'email', operator: FilterOperator.Exists } },
  ],
};

interface Identifier {
  id?: string | null;
  email?: string | null;
  cio_id?: string;
}
/** One profile as the App API answers it (bulk: `{ customers: [{ customer }] }`). */
interface CustomerProfile {
  id?: string | null;
  identifiers?: Identifier;
  attributes?: Record<string, unknown>;
}
type ProfileEntry = { customer?: CustomerProfile } & CustomerProfile;

/**
 * Customer.io people → `customerio` custom attributes: people paged with
 * `POST /v1/customers` (start/next), attributes read 100 at a time with
 * `POST /v1/customers/attributes`, matched by id = userId, then by email.
 */
@Injectable()
export class CustomerIoProvider implements SyncProviderAdapter {
  readonly provider = 'customerio' as const;
  readonly requestLimit: RateLimit;

  constructor(@Inject(APP_CONFIG) private readonly config: IntegrationsConfig) {
    this.requestLimit = {
      max: config.CUSTOMERIO_RATE_LIMIT_MAX,
      windowMs: config.CUSTOMERIO_RATE_LIMIT_WINDOW_MS,
    };
  }

  async run(context: SyncContext): Promise<SyncOutcome> {
    const region = context.settings['region'] === 'eu' ? RegionEU : RegionUS;
    const url =
      (context.settings['apiBaseUrl'] as string | undefined) ??
      this.config.CUSTOMERIO_APP_API_BASE_URL;
    const client = new APIClient(context.secret, {
      region,
      ...(url ? { url: apiRoot(url) } : {}),
      timeout: this.config.VENDOR_TIMEOUT_MS,
      // 429 and Retry-After are handled here (with the shared limiter); the client
      // retries only 5xx outside tests, and never in tests.
      retry: {
        maxRetries: this.config.NODE_ENV === 'test' ? 0 : 2,
        retryStatusCodes: [408, 500, 502, 503, 504],
      },
    });
    const call = <T>(request: () => Promise<T>) => this.call(context, request);

    let start = (context.checkpoint?.['start'] as string | undefined) ?? undefined;
    while (context.checkpoint?.['done'] !== true) {
      if (context.shouldStop()) throw new SyncInterrupted();
      const page = (await call(() =>
        client.searchCustomers(EVERYONE, { limit: PAGE_SIZE, ...(start ? { start } : {}) }),
      )) as { identifiers?: Identifier[]; next?: string | null };
      const identifiers = page.identifiers ?? [];
      const withId = identifiers.filter((person) => person.id);
      const chunks: Identifier[][] = [];
      for (let i = 0; i < withId.length; i += ATTRIBUTES_BATCH) {
        chunks.push(withId.slice(i, i + ATTRIBUTES_BATCH));
      }
      const answers = await Promise.all(
        chunks.map(
          (chunk) =>
            call(() =>
              client.getCustomersAttributes(chunk.map((person) => String(person.id))),
            ) as Promise<{ customers?: ProfileEntry[] }>,
        ),
      );
      const attributesById = new Map<string, Record<string, unknown>>();
      for (const answer of answers) {
        for (const entry of answer.customers ?? []) {
          // Documented shape wraps each profile in `customer`; accept a flat one too.
          const customer = entry.customer ?? entry;
          const id = customer.id ?? customer.identifiers?.id ?? customer.attributes?.['id'];
          if (id) attributesById.set(String(id), customer.attributes ?? {});
        }
      }
      // People without an id (email-only profiles) cannot be read in bulk (it takes
      // ids only): one lookup each by cio_id.
      const attributesByCioId = new Map<string, Record<string, unknown>>();
      for (const person of identifiers.filter((p) => !p.id && p.cio_id)) {
        const cioId = String(person.cio_id);
        const answer = (await call(() => client.getAttributes(cioId, IdentifierType.CioId))) as {
          customer?: CustomerProfile;
        };
        attributesByCioId.set(cioId, answer.customer?.attributes ?? {});
      }
      const records: VendorRecord[] = identifiers.map((person) =>
        toRecord(
          person,
          (person.id
            ? attributesById.get(String(person.id))
            : person.cio_id
              ? attributesByCioId.get(String(person.cio_id))
              : undefined) ?? {},
        ),
      );
      const next = page.next || undefined;
      await context.applyPage(records, { start: next ?? null, done: next === undefined });
      if (!next || identifiers.length === 0) break;
      start = next;
    }
    return { state: { lastFullSyncAt: new Date().toISOString() } };
  }

  private call<T>(context: SyncContext, request: () => Promise<T>): Promise<T> {
    return callVendor(context, request, mapCustomerIoError, {
      vendor: 'Customer.io',
      maxWaitMs: this.config.RATE_LIMIT_MAX_WAIT_MS,
      timeoutMs: this.config.VENDOR_TIMEOUT_MS,
    });
  }
}

/** The App API root the client expects (…/v1), from a base URL with or without it. */
function apiRoot(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

function toRecord(person: Identifier, raw: Record<string, unknown>): VendorRecord {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'id' || key === 'cio_id') continue;
    attributes[key] = parseAttributeValue(key, value);
  }
  const email = (raw['email'] as string | undefined) || person.email || undefined;
  return {
    externalId: person.cio_id ?? String(person.id ?? person.email),
    ...(person.id ? { userId: String(person.id) } : {}),
    ...(email ? { email: String(email) } : {}),
    attributes,
  };
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const UNIX_SECONDS = /^[1-9]\d{8,9}$/;

/**
 * Customer.io answers every attribute as a string: give the catalog the value the
 * string stands for, so the first value types the attribute ("42" → number,
 * "true" → boolean, a Unix timestamp in a `*_at` attribute or an ISO string → date).
 * Strings with leading zeros (zip codes, phone numbers) stay strings.
 */
function parseAttributeValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/_at$/.test(key) && UNIX_SECONDS.test(text)) return new Date(Number(text) * 1_000);
  if (NUMBER.test(text) && text.length <= 15) return Number(text);
  return value;
}
