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
 * (≤ 100 ids), Bearer auth (401) and 10 requests/s (429 with Retry-After).
 */
export class FakeCustomerIo extends FakeVendorServer {
  appApiKey = 'cio-app-fake-key';
  people: FakeCustomerIoPerson[] = [];
  perSecondLimit = 10;
  readonly forced: FakeReply[] = [];

  addPerson(id: string | null, email: string | null, attributes: Record<string, string> = {}) {
    const person: FakeCustomerIoPerson = {
      id,
      email,
      cio_id: `cio_${(this.people.length + 1).toString(16).padStart(8, '0')}`,
      attributes: { ...attributes, ...(id ? { id } : {}), ...(email ? { email } : {}) },
    };
    this.people.push(person);
    return person;
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
      const limit = Math.min(
        1_000,
        Math.max(1, Number(request.url.searchParams.get('limit') ?? 50)),
      );
      const start = Number(request.url.searchParams.get('start') || 0);
      const slice = this.people.slice(start, start + limit);
      const next = start + limit < this.people.length ? String(start + limit) : '';
      return {
        status: 200,
        body: {
          identifiers: slice.map(({ id, email, cio_id }) => ({ id, email, cio_id })),
          ids: slice.map((person) => person.id),
          next,
        },
      };
    }
    if (request.method === 'POST' && path === '/v1/customers/attributes') {
      const ids = (request.body as { ids?: string[] } | undefined)?.ids ?? [];
      if (ids.length === 0 || ids.length > 100) {
        return { status: 400, body: { meta: { error: 'ids must hold 1 to 100 ids' } } };
      }
      const byId = new Map(this.people.filter((p) => p.id).map((p) => [p.id, p]));
      return {
        status: 200,
        body: {
          customers: ids
            .map((id) => byId.get(id))
            .filter((person): person is FakeCustomerIoPerson => person !== undefined)
            .map((person) => ({
              id: person.id,
              attributes: person.attributes,
              timestamps: {},
              unsubscribed: false,
              devices: [],
            })),
        },
      };
    }
    return { status: 404, body: { meta: { error: `No route ${request.method} ${path}` } } };
  }
}
