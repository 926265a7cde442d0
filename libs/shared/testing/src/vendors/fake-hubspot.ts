import { countSince, FakeReply, FakeRequest, FakeVendorServer } from './fake-server';

export interface FakeHubSpotProperty {
  name: string;
  label?: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';
  fieldType: string;
}

export interface FakeHubSpotContact {
  id: string;
  /** HubSpot sends every value as a string. */
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

const DEFAULT_PROPERTIES: FakeHubSpotProperty[] = [
  { name: 'email', type: 'string', fieldType: 'text' },
  { name: 'firstname', type: 'string', fieldType: 'text' },
  { name: 'createdate', type: 'datetime', fieldType: 'date' },
  { name: 'lastmodifieddate', type: 'datetime', fieldType: 'date' },
  { name: 'hs_object_id', type: 'number', fieldType: 'number' },
  { name: 'lifecyclestage', type: 'enumeration', fieldType: 'radio' },
  { name: 'num_employees', type: 'number', fieldType: 'number' },
  { name: 'is_paying', type: 'bool', fieldType: 'booleancheckbox' },
  { name: 'tools', type: 'enumeration', fieldType: 'checkbox' },
];
/** Returned whatever is asked, as HubSpot does. */
const ALWAYS = ['createdate', 'hs_object_id', 'lastmodifieddate'];
/**
 * A local HubSpot CRM v3 (the parts a contacts sync uses): property definitions,
 * contacts paged by `after`, search by lastmodifieddate capped at `searchCap` results
 * (10,000, as HubSpot: a page reaching past it answers 400),
 * Bearer auth (401), the ten-secondly rolling and daily limits (429 with
 * `policyName` and `X-HubSpot-RateLimit-*` headers).
 */
export class FakeHubSpot extends FakeVendorServer {
  accessToken = 'pat-na1-fake-token';
  properties: FakeHubSpotProperty[] = [...DEFAULT_PROPERTIES];
  contacts: FakeHubSpotContact[] = [];
  /** Requests per rolling 10 s before 429 TEN_SECONDLY_ROLLING (free tier: 100). */
  tenSecondlyLimit = 100;
  /** Requests left today; 0 → 429 DAILY. */
  dailyRemaining = Number.POSITIVE_INFINITY;
  /** Results one search query can page through; lower it to reach the cap with few contacts. */
  searchCap = 10_000;
  /** Every search body received, in order (what a test reads the restarts from). */
  readonly searches: FakeHubSpotSearch[] = [];
  /** Replies forced for the next requests (first in, first out). */
  readonly forced: FakeReply[] = [];
  /**
   * Replies forced for the next contacts pages only (list or search), first in, first out;
   * `null` lets that page be answered as usual (a fault on the second page: `[null, fault]`).
   */
  readonly forcedPages: Array<FakeReply | null> = [];
  /** Artificial latency per request (ms). */
  latencyMs = 0;
  /** Extra latency of a contacts page only (ms): lets a test catch a run between pages. */
  contactsPageDelayMs = 0;
  private nextId = 1;
  private byIdCache:
    { source: FakeHubSpotContact[]; length: number; sorted: FakeHubSpotContact[] } | undefined;

  addContact(
    properties: Record<string, string | number | boolean | null>,
    modifiedAt = new Date(),
  ) {
    const id = String(this.nextId++);
    const iso = modifiedAt.toISOString();
    const contact: FakeHubSpotContact = {
      id,
      properties: {
        ...Object.fromEntries(
          Object.entries(properties).map(([k, v]) => [k, v === null ? null : String(v)]),
        ),
        hs_object_id: id,
        createdate: iso,
        lastmodifieddate: iso,
      },
      createdAt: iso,
      updatedAt: iso,
    };
    this.contacts.push(contact);
    return contact;
  }

  /** Contacts by ascending id, sorted again only when the list changed (large fakes page fast). */
  private contactsById(): FakeHubSpotContact[] {
    const cache = this.byIdCache;
    if (cache && cache.source === this.contacts && cache.length === this.contacts.length) {
      return cache.sorted;
    }
    const sorted = [...this.contacts].sort((a, b) => Number(a.id) - Number(b.id));
    this.byIdCache = { source: this.contacts, length: this.contacts.length, sorted };
    return sorted;
  }

  updateContact(id: string, properties: Record<string, string | null>, modifiedAt = new Date()) {
    const contact = this.contacts.find((c) => c.id === id);
    if (!contact) throw new Error(`No contact ${id}`);
    Object.assign(contact.properties, properties, { lastmodifieddate: modifiedAt.toISOString() });
    contact.updatedAt = modifiedAt.toISOString();
  }

  protected async handle(request: FakeRequest): Promise<FakeReply> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const forced = this.forced.shift();
    if (forced) return forced;
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      return {
        status: 401,
        body: {
          status: 'error',
          message:
            'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
          correlationId: 'fake',
          category: 'INVALID_AUTHENTICATION',
        },
      };
    }
    if (this.dailyRemaining <= 0) return rateLimited('DAILY', 'You have reached your daily limit.');
    if (countSince(this.requests.slice(0, -1), 10_000) >= this.tenSecondlyLimit) {
      return rateLimited(
        'TEN_SECONDLY_ROLLING',
        'You have reached your ten_secondly_rolling limit.',
        {
          'x-hubspot-ratelimit-max': String(this.tenSecondlyLimit),
          'x-hubspot-ratelimit-remaining': '0',
          'x-hubspot-ratelimit-interval-milliseconds': '10000',
        },
      );
    }
    this.dailyRemaining -= 1;
    const path = request.url.pathname;
    if (path.startsWith('/crm/v3/objects/contacts')) {
      const forcedPage = this.forcedPages.shift();
      if (forcedPage) return forcedPage;
      // `null` or nothing forced: the page as usual.
    }
    if (request.method === 'GET' && path === '/crm/v3/properties/contacts') {
      return { status: 200, body: { results: this.properties.map(definition) } };
    }
    if (request.method === 'GET' && path === '/crm/v3/objects/contacts') {
      if (this.contactsPageDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.contactsPageDelayMs));
      }
      const limit = clamp(Number(request.url.searchParams.get('limit') ?? 10), 1, 100);
      const after = Number(request.url.searchParams.get('after') ?? 0);
      const wanted = request.url.searchParams
        .getAll('properties')
        .flatMap((p) => p.split(','))
        .filter(Boolean);
      const sorted = this.contactsById();
      const start = firstAbove(sorted, after);
      const slice = sorted.slice(start, start + limit);
      const last = slice[slice.length - 1];
      const more = last !== undefined && start + slice.length < sorted.length;
      return {
        status: 200,
        body: {
          results: slice.map((c) => view(c, wanted)),
          ...(more && last
            ? { paging: { next: { after: String(Number(last.id)), link: '' } } }
            : {}),
        },
      };
    }
    if (request.method === 'POST' && path === '/crm/v3/objects/contacts/search') {
      const body = request.body as FakeHubSpotSearch;
      this.searches.push(body);
      return this.search(body);
    }
    return {
      status: 404,
      body: { status: 'error', message: `No route ${request.method} ${path}` },
    };
  }

  private search(body: FakeHubSpotSearch): FakeReply {
    const limit = clamp(body.limit ?? 10, 1, 200);
    const after = Number(body.after ?? 0);
    if (after + limit > this.searchCap) {
      return {
        status: 400,
        body: {
          status: 'error',
          message: 'There was a problem with the request.',
          category: 'VALIDATION_ERROR',
        },
      };
    }
    let matches = [...this.contacts];
    for (const group of body.filterGroups ?? []) {
      for (const filter of group.filters ?? []) {
        const value = Number(filter.value);
        matches = matches.filter((c) => {
          const actual = Date.parse(c.properties[filter.propertyName] ?? '');
          if (filter.operator === 'GTE') return actual >= value;
          if (filter.operator === 'GT') return actual > value;
          if (filter.operator === 'LTE') return actual <= value;
          return true;
        });
      }
    }
    matches.sort(
      (a, b) =>
        Date.parse(a.properties['lastmodifieddate'] ?? '') -
          Date.parse(b.properties['lastmodifieddate'] ?? '') || Number(a.id) - Number(b.id),
    );
    const slice = matches.slice(after, after + limit);
    const next = after + limit;
    return {
      status: 200,
      body: {
        total: matches.length,
        results: slice.map((c) => view(c, body.properties ?? [])),
        ...(next < matches.length ? { paging: { next: { after: String(next), link: '' } } } : {}),
      },
    };
  }
}

/** A contacts search body (the parts the fake reads). */
export interface FakeHubSpotSearch {
  filterGroups?: Array<{
    filters?: Array<{ propertyName: string; operator: string; value?: string }>;
  }>;
  sorts?: unknown[];
  properties?: string[];
  limit?: number;
  after?: string;
}

function view(contact: FakeHubSpotContact, wanted: string[]) {
  const names = new Set([...ALWAYS, ...wanted]);
  return {
    id: contact.id,
    properties: Object.fromEntries(
      [...names].map((name) => [name, contact.properties[name] ?? null]),
    ),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archived: false,
  };
}

function definition(property: FakeHubSpotProperty) {
  return {
    name: property.name,
    label: property.label ?? property.name,
    type: property.type,
    fieldType: property.fieldType,
    description: '',
    groupName: 'contactinformation',
    options: [],
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined: true,
    modificationMetadata: { archivable: true, readOnlyDefinition: true, readOnlyValue: false },
    formField: true,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    archived: false,
  };
}

function rateLimited(policyName: string, message: string, headers: Record<string, string> = {}) {
  return {
    status: 429,
    headers,
    body: {
      status: 'error',
      message,
      errorType: 'RATE_LIMIT',
      correlationId: 'fake',
      policyName,
      groupName: 'fake-app',
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}

/** Index of the first contact whose numeric id is above `after` (contacts sorted by id). */
function firstAbove(sorted: FakeHubSpotContact[], after: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (Number((sorted[middle] as FakeHubSpotContact).id) > after) high = middle;
    else low = middle + 1;
  }
  return low;
}
