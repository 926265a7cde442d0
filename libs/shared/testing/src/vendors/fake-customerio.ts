import { countSince, FakeReply, FakeRequest, FakeVendorServer } from './fake-server';

export interface FakeCustomerIoPerson {
  id: string | null;
  email: string | null;
  cio_id: string;
  attributes: Record<string, string>;
}

/**
 * A local Customer.io App API (the parts a people sync uses): `POST /v1/customers`
 * (identifiers paged by start/next, limit ≤ 1000), `POST /v1/customers/attributes`
 * (≤ 100 ids, `{ customers: [{ customer }] }`), `GET /v1/customers/:id/attributes`
 * (`id_type` id | email | cio_id), Bearer auth (401) and 10 requests/s (429 with Retry-After).
 * Attribute values are strings, as Customer.io stores them.
 */
export class FakeCustomerIo extends FakeVendorServer {
  appApiKey = 'cio-app-fake-key';
  people: FakeCustomerIoPerson[] = [];
  perSecondLimit = 10;
  readonly forced: FakeReply[] = [];
  private byIdCache:
    | {
        source: FakeCustomerIoPerson[];
        length: number;
        byId: Map<string | null, FakeCustomerIoPerson>;
      }
    | undefined;

  addPerson(id: string | null, email: string | null, attributes: Record<string, string> = {}) {
    const person: FakeCustomerIoPerson = {
      id,
      email,
      cio_id: (0xa0000 + this.people.length + 1).toString(16).padStart(12, '0'),
      attributes: {},
    };
    person.attributes = {
      ...attributes,
      ...(id ? { id } : {}),
      ...(email ? { email } : {}),
      cio_id: person.cio_id,
    };
    this.people.push(person);
    return person;
  }

  /** People by id, built again only when the list changed (large fakes answer fast). */
  private peopleById(): Map<string | null, FakeCustomerIoPerson> {
    const cache = this.byIdCache;
    if (cache && cache.source === this.people && cache.length === this.people.length) {
      return cache.byId;
    }
    const byId = new Map(this.people.filter((p) => p.id).map((p) => [p.id, p]));
    this.byIdCache = { source: this.people, length: this.people.length, byId };
    return byId;
  }

  /** A profile as the App API shows it (`customer` of the attributes endpoints). */
  private profile(person: FakeCustomerIoPerson) {
    return {
      id: person.id ?? '',
      identifiers: { id: person.id ?? '', email: person.email ?? '', cio_id: person.cio_id },
      attributes: person.attributes,
      timestamps: {},
      unsubscribed: false,
      devices: [],
    };
  }

  protected handle(request: FakeRequest): FakeReply {
    const forced = this.forced.shift();
    if (forced) return forced;
    if (request.headers.authorization !== `Bearer ${this.appApiKey}`) {
      return { status: 401, body: { meta: { error: 'Unauthorized request' } } };
    }
    if (countSince(this.requests.slice(0, -1), 1_000) >= this.perSecondLimit) {
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { meta: { error: 'Too many requests' } },
      };
    }
    const path = request.url.pathname;
    if (request.method === 'POST' && path === '/v1/customers') {
      const body = request.body as { filter?: unknown } | undefined;
      if (!body?.filter) return { status: 400, body: { meta: { error: 'filter is required' } } };
      const limit = Number(request.url.searchParams.get('limit') ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) {
        return { status: 400, body: { meta: { error: 'limit must be 1 to 1000' } } };
      }
      const start = Number(request.url.searchParams.get('start') || 0);
      const slice = this.people.slice(start, start + limit);
      const next = start + limit < this.people.length ? String(start + limit) : '';
      return {
        status: 200,
        body: {
          identifiers: slice.map(({ id, email, cio_id }) => ({ id, email, cio_id })),
          // Entries without an id are empty strings here (identifiers is complete).
          ids: slice.map((person) => person.id ?? ''),
          next,
        },
      };
    }
    if (request.method === 'POST' && path === '/v1/customers/attributes') {
      const ids = (request.body as { ids?: string[] } | undefined)?.ids ?? [];
      if (ids.length === 0 || ids.length > 100) {
        return { status: 400, body: { meta: { error: 'ids must hold 1 to 100 ids' } } };
      }
      const byId = this.peopleById();
      return {
        status: 200,
        body: {
          customers: ids
            .map((id) => byId.get(id))
            .filter((person): person is FakeCustomerIoPerson => person !== undefined)
            .map((person) => ({ customer: this.profile(person) })),
        },
      };
    }
    const single = /^\/v1\/customers\/([^/]+)\/attributes$/.exec(path);
    if (request.method === 'GET' && single) {
      const key = decodeURIComponent(single[1] ?? '');
      const idType = request.url.searchParams.get('id_type') ?? 'id';
      const person = this.people.find((p) =>
        idType === 'cio_id'
          ? p.cio_id === key
          : idType === 'email'
            ? p.email === key
            : p.id === key,
      );
      if (!person) return { status: 404, body: { meta: { error: 'Not found' } } };
      return { status: 200, body: { customer: this.profile(person) } };
    }
    return { status: 404, body: { meta: { error: `No route ${request.method} ${path}` } } };
  }
}
